import { describe, expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const model = { owner: "acme", name: "hello", visibility: "public", run_count: 3 };
const version = { id: "v1", cog_version: "0.9.0", openapi_schema: {} };
const page = <T>(results: T[]) => ({ next: null, previous: null, results });

describe("models", () => {
  it("get GETs /models/{owner}/{name} and resolves with the model", async () => {
    const { replicate, calls } = testClient(() => json(model));
    await expect(replicate.models.get("acme", "hello")).resolves.toEqual(model);
    expectRequest(calls[0], { method: "GET", path: "/v1/models/acme/hello" });
  });

  it("list GETs /models and resolves with the page", async () => {
    const { replicate, calls } = testClient(() => json(page([model])));
    await expect(replicate.models.list()).resolves.toEqual(page([model]));
    expectRequest(calls[0], { method: "GET", path: "/v1/models" });
  });

  it("create POSTs /models with {owner, name, ...options}, the signal left out", async () => {
    const { replicate, calls } = testClient(() => json(model, { status: 201 }));
    const signal = new AbortController().signal;
    const created = await replicate.models.create("acme", "hello", {
      visibility: "private",
      hardware: "cpu",
      description: "A model",
      signal,
    });
    expect(created).toEqual(model);
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/models",
      text: '{"owner":"acme","name":"hello","visibility":"private","hardware":"cpu","description":"A model"}',
    });
  });

  it("search sends QUERY /models with the query as a raw text/plain body", async () => {
    const { replicate, calls } = testClient(() => json(page([model])));
    await expect(replicate.models.search('upscale "4x" images')).resolves.toEqual(page([model]));
    // 1.4.0 JSON-quotes the string ("\"upscale...\""); the API expects the plain text.
    expectRequest(calls[0], {
      method: "QUERY",
      path: "/v1/models",
      contentType: "text/plain",
      text: 'upscale "4x" images',
    });
  });

  it("versions.list GETs /models/{owner}/{name}/versions", async () => {
    const { replicate, calls } = testClient(() => json(page([version])));
    await expect(replicate.models.versions.list("acme", "hello")).resolves.toEqual(page([version]));
    expectRequest(calls[0], { method: "GET", path: "/v1/models/acme/hello/versions" });
  });

  it("versions.get GETs /models/{owner}/{name}/versions/{id}", async () => {
    const { replicate, calls } = testClient(() => json(version));
    await expect(replicate.models.versions.get("acme", "hello", "v1")).resolves.toEqual(version);
    expectRequest(calls[0], { method: "GET", path: "/v1/models/acme/hello/versions/v1" });
  });

  it("percent-encodes every path parameter", async () => {
    const { replicate, calls } = testClient(() => json(version));
    await replicate.models.get("a/b", "c?d");
    await replicate.models.versions.list("..%2F", "x");
    await replicate.models.versions.get("o", "n", "#frag");
    expect(calls.map((call) => call.url.href.replace("https://api.replicate.com", ""))).toEqual([
      "/v1/models/a%2Fb/c%3Fd",
      "/v1/models/..%252F/x/versions",
      "/v1/models/o/n/versions/%23frag",
    ]);
  });

  describe("rejects before any request", () => {
    it.each([
      ["get without a name", (r: any) => r.models.get("acme"), /model_name must be a non-empty string/],
      ["get with an empty owner", (r: any) => r.models.get("", "hello"), /model_owner must be a non-empty string/],
      ["create without options", (r: any) => r.models.create("acme", "hello"), /options must be an object/],
      ["create without an owner", (r: any) => r.models.create(undefined, "x", {}), /model_owner/],
      ["search with an empty query", (r: any) => r.models.search(""), /query must be a non-empty string/],
      ["search with a non-string", (r: any) => r.models.search({ q: 1 }), /query must be a non-empty string/],
      ["versions.list without a name", (r: any) => r.models.versions.list("acme"), /model_name/],
      ["versions.get without an id", (r: any) => r.models.versions.get("acme", "hello"), /version_id/],
      ["versions.get with a .. id", (r: any) => r.models.versions.get("acme", "hello", ".."), /cannot be "\.\."/],
      ["list with a non-signal", (r: any) => r.models.list({ signal: true }), /signal must be an AbortSignal/],
    ])("%s", async (_, call, message) => {
      const { replicate, calls } = testClient();
      await expectRejectsBeforeRequest(calls, () => call(replicate), message);
    });
  });

  it("every method works detached", async () => {
    const { replicate, calls } = testClient(() => json(model));
    const { get, list, create, search, versions } = replicate.models;
    const { list: listVersions, get: getVersion } = versions;
    await get("o", "n");
    await list();
    await create("o", "n", { visibility: "public", hardware: "cpu" });
    await search("q");
    await listVersions("o", "n");
    await getVersion("o", "n", "v");
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "GET /v1/models/o/n",
      "GET /v1/models",
      "POST /v1/models",
      "QUERY /v1/models",
      "GET /v1/models/o/n/versions",
      "GET /v1/models/o/n/versions/v",
    ]);
  });
});
