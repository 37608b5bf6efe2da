import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

function form(content: Blob, filename: string, metadata: object): FormData {
  const body = new FormData();
  body.append("content", content, filename);
  body.append("metadata", new Blob([JSON.stringify(metadata)], { type: "application/json" }));
  return body;
}

describe.each(transports)("files over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  beforeEach(async () => {
    fake = createFakeReplicate({ pageSize: 2 });
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("creates a file from multipart content + metadata, with a sha256 and a downloadable urls.get", async () => {
    const content = new Blob(["hello world"], { type: "text/plain" });
    const created = await send(api, "POST", "/files", { body: form(content, "hello.txt", { purpose: "test" }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      content_type: "text/plain",
      size: 11,
      metadata: { purpose: "test" },
      checksums: { sha256: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9" },
    });
    expect(Date.parse(created.body.expires_at) - Date.parse(created.body.created_at)).toBe(24 * 3600_000);
    expect(created.body.urls.get).toBe(`${api.base}/files/${created.body.id}/download`);
    const download = await api.fetch(created.body.urls.get);
    expect(download.headers.get("content-type")).toBe("text/plain");
    expect(await download.text()).toBe("hello world");
  });

  it("gets, lists newest first with pages, and deletes with 204", async () => {
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) {
      ids.push((await send(api, "POST", "/files", { body: form(new Blob([name]), name, {}) })).body.id);
    }
    expect((await send(api, "GET", `/files/${ids[0]}`)).body.id).toBe(ids[0]);
    const first = await send(api, "GET", "/files");
    expect(first.body.results.map((f: any) => f.id)).toEqual([ids[2], ids[1]]);
    const second = await send(api, "GET", first.body.next);
    expect(second.body.results.map((f: any) => f.id)).toEqual([ids[0]]);
    const deleted = await send(api, "DELETE", `/files/${ids[1]}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await send(api, "GET", `/files/${ids[1]}`)).status).toBe(404);
    expect((await api.fetch(`${api.base}/files/${ids[1]}/download`)).status).toBe(404);
    expect((await send(api, "DELETE", `/files/${ids[1]}`)).status).toBe(404);
    expect(fake.files.map((f) => f.id)).toEqual([ids[0], ids[2]]);
  });

  it("rejects a body that is not multipart, or lacks the content part", async () => {
    const notMultipart = await send(api, "POST", "/files", { json: { content: "x" } });
    expect(notMultipart.body).toMatchObject({ status: 400 });
    const body = new FormData();
    body.append("metadata", "{}");
    expect((await send(api, "POST", "/files", { body })).body).toMatchObject({ status: 422 });
    const badMetadata = new FormData();
    badMetadata.append("content", new Blob(["x"]), "x");
    badMetadata.append("metadata", "[1]");
    expect((await send(api, "POST", "/files", { body: badMetadata })).status).toBe(422);
  });
});
