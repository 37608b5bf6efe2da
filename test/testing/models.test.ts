import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("models and collections over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  beforeEach(async () => {
    fake = createFakeReplicate();
    fake.model("acme/painter", () => null, { description: "Paints pictures", openapiSchema: { openapi: "3.0" } });
    fake.model("acme/writer", () => null, { description: "Writes text", visibility: "private" });
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("gets a model with its latest version, and 404s an unknown one", async () => {
    const latest = fake.model("acme/painter", () => null, { version: "b".repeat(64) });
    const reply = await send(api, "GET", "/models/acme/painter");
    expect(reply.body).toMatchObject({
      owner: "acme",
      name: "painter",
      url: "https://replicate.com/acme/painter",
      description: "Paints pictures",
      visibility: "public",
      run_count: 0,
      latest_version: { id: latest.version, cog_version: expect.any(String) },
    });
    expect((await send(api, "GET", "/models/acme/nobody")).body).toMatchObject({ status: 404, title: "Not Found" });
  });

  it("counts runs", async () => {
    await send(api, "POST", "/models/acme/painter/predictions", { json: { input: {} } });
    expect((await send(api, "GET", "/models/acme/painter")).body.run_count).toBe(1);
  });

  it("lists models as a page and searches with QUERY over name and description", async () => {
    const list = await send(api, "GET", "/models");
    expect(list.body.results.map((m: any) => m.name)).toEqual(["painter", "writer"]);
    expect(list.body).toMatchObject({ next: null, previous: null });
    const search = await send(api, "QUERY", "/models", { body: "TEXT", headers: { "content-type": "text/plain" } });
    expect(search.body.results.map((m: any) => m.name)).toEqual(["writer"]);
    const byOwner = await send(api, "QUERY", "/models", { body: "acme/pain", headers: { "content-type": "text/plain" } });
    expect(byOwner.body.results.map((m: any) => m.name)).toEqual(["painter"]);
  });

  it("creates a model with 201, refuses a duplicate with 409 and an incomplete body with 422", async () => {
    const body = { owner: "me", name: "new-model", visibility: "private", hardware: "gpu-t4", description: "d", github_url: "https://github.com/me/x" };
    const created = await send(api, "POST", "/models", { json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ owner: "me", name: "new-model", visibility: "private", description: "d", github_url: "https://github.com/me/x" });
    expect(created.body.latest_version).toBeUndefined();
    expect((await send(api, "POST", "/models", { json: body })).status).toBe(409);
    expect((await send(api, "POST", "/models", { json: { owner: "me", name: "x" } })).status).toBe(422);
    expect((await send(api, "POST", "/models/me/new-model/predictions", { json: { input: {} } })).status).toBe(422);
  });

  it("lists versions newest first and gets one by id", async () => {
    const old = (await send(api, "GET", "/models/acme/painter")).body.latest_version;
    const next = fake.model("acme/painter", () => null);
    const versions = await send(api, "GET", "/models/acme/painter/versions");
    expect(versions.body.results.map((v: any) => v.id)).toEqual([next.version, old.id]);
    const one = await send(api, "GET", `/models/acme/painter/versions/${old.id}`);
    expect(one.body).toEqual({ id: old.id, created_at: old.created_at, cog_version: "0.9.0", openapi_schema: { openapi: "3.0" } });
    expect((await send(api, "GET", "/models/acme/painter/versions/nope")).status).toBe(404);
  });

  it("serves registered collections: the list without models, one with its models resolved", async () => {
    fake.collection("text-to-image", { name: "Text to image", description: "Make images", models: ["acme/painter", "acme/ghost"] });
    const list = await send(api, "GET", "/collections");
    expect(list.body.results).toEqual([{ name: "Text to image", slug: "text-to-image", description: "Make images", full_description: null }]);
    const one = await send(api, "GET", "/collections/text-to-image");
    expect(one.body.models.map((m: any) => `${m.owner}/${m.name}`)).toEqual(["acme/painter"]);
    expect((await send(api, "GET", "/collections/none")).status).toBe(404);
  });
});
