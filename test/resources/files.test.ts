import { afterEach, describe, expect, it, vi } from "vitest";
import { json, noContent } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const file = {
  id: "f1",
  content_type: "image/png",
  size: 3,
  urls: { get: "https://api.replicate.com/v1/files/f1" },
};
const NOW = 1_700_000_000_000;

afterEach(() => vi.restoreAllMocks());

async function contentPart(form: FormData): Promise<File> {
  const part = form.get("content");
  expect(part).toBeInstanceOf(File);
  return part as File;
}

describe("files.create", () => {
  it("POSTs multipart /files with a content part named after the File and a JSON metadata part", async () => {
    const { replicate, calls } = testClient(() => json(file, { status: 201 }));
    const upload = new File(["png"], "cat.png", { type: "image/png" });
    await expect(replicate.files.create(upload, { owner: "me" })).resolves.toEqual(file);

    const call = calls[0]!;
    expect(call.method).toBe("POST");
    expect(call.path).toBe("/v1/files");
    // No Content-Type of our own: the platform adds multipart/form-data with its boundary.
    expect(call.headers.has("Content-Type")).toBe(false);
    expect(call.bodyType).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.headers.get("Authorization")).toBe("Bearer r8_test_token");

    const form = await call.formData();
    expect([...form.keys()]).toEqual(["content", "metadata"]);
    const content = await contentPart(form);
    expect(content.name).toBe("cat.png");
    expect(content.type).toBe("image/png");
    expect(await content.text()).toBe("png");
    const metadata = form.get("metadata") as File;
    expect(metadata.type).toBe("application/json");
    expect(await metadata.text()).toBe('{"owner":"me"}');
  });

  it("names an unnamed Blob blob_<ms> and keeps its type", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    const { replicate, calls } = testClient(() => json(file));
    await replicate.files.create(new Blob(["abc"], { type: "text/plain" }));
    const content = await contentPart(await calls[0]!.formData());
    expect(content.name).toBe(`blob_${NOW}`);
    expect(content.type).toBe("text/plain");
    expect(await content.text()).toBe("abc");
  });

  it("sends a Buffer as application/octet-stream named buffer_<ms>", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    const { replicate, calls } = testClient(() => json(file));
    await replicate.files.create(Buffer.from([0, 1, 2, 255]));
    const content = await contentPart(await calls[0]!.formData());
    expect(content.name).toBe(`buffer_${NOW}`);
    expect(content.type).toBe("application/octet-stream");
    expect([...new Uint8Array(await content.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it("sends only the viewed bytes of a typed array over a larger buffer", async () => {
    const { replicate, calls } = testClient(() => json(file));
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await replicate.files.create(backing.subarray(2, 5));
    const content = await contentPart(await calls[0]!.formData());
    expect([...new Uint8Array(await content.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it("sends {} as metadata when none is given", async () => {
    const { replicate, calls } = testClient(() => json(file));
    await replicate.files.create(new Blob(["x"]));
    const metadata = (await calls[0]!.formData()).get("metadata") as File;
    expect(await metadata.text()).toBe("{}");
  });

  it.each([
    ["a string", "hello", undefined, /file must be a Blob or bytes, got "hello"/],
    ["nothing", undefined, undefined, /file must be a Blob/],
    ["a plain object", { name: "x" }, undefined, /file must be a Blob/],
    ["metadata that is not an object", new Blob(["x"]), "meta", /metadata must be an object/],
  ])("rejects %s before any request", async (_, value, metadata, message) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(calls, () => replicate.files.create(value as never, metadata as never), message);
  });

  it("rejects bad trailing options before any request", async () => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(
      calls,
      () => replicate.files.create(new Blob(["x"]), {}, { signal: "no" } as never),
      /options.signal must be an AbortSignal/,
    );
  });
});

describe("files.list / get / delete", () => {
  it("GETs /files and resolves with the page", async () => {
    const page = { next: null, previous: null, results: [file] };
    const { replicate, calls } = testClient(() => json(page));
    await expect(replicate.files.list()).resolves.toEqual(page);
    expectRequest(calls[0], { method: "GET", path: "/v1/files" });
  });

  it("GETs /files/{id} with the id percent-encoded", async () => {
    const { replicate, calls } = testClient(() => json(file));
    await expect(replicate.files.get("f 1/x")).resolves.toEqual(file);
    expectRequest(calls[0], { method: "GET", path: "/v1/files/f%201%2Fx" });
  });

  it("DELETEs /files/{id} and resolves true on 204", async () => {
    const { replicate, calls } = testClient(() => noContent());
    await expect(replicate.files.delete("f1")).resolves.toBe(true);
    expectRequest(calls[0], { method: "DELETE", path: "/v1/files/f1" });
  });

  it("resolves false when a delete answers 200 instead of 204, as 1.4.0 does", async () => {
    const { replicate } = testClient(() => json({}));
    await expect(replicate.files.delete("f1")).resolves.toBe(false);
  });

  it.each(["", 7, null])("get and delete reject the id %j before any request", async (id) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(calls, () => replicate.files.get(id as never), /file_id must be a non-empty string/);
    await expectRejectsBeforeRequest(calls, () => replicate.files.delete(id as never), /file_id must be a non-empty string/);
  });

  it("every method works detached", async () => {
    const { replicate, calls } = testClient((call) => (call.method === "DELETE" ? noContent() : json(file)));
    const { create, list, get, delete: remove } = replicate.files;
    await create(new Blob(["x"]));
    await list();
    await get("f1");
    await remove("f1");
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /v1/files",
      "GET /v1/files",
      "GET /v1/files/f1",
      "DELETE /v1/files/f1",
    ]);
  });
});
