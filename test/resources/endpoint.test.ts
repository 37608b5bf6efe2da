import { describe, expect, it } from "vitest";
import { endpoint } from "../../src/resources/endpoint";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, testClient } from "../helpers/test-client";

// An endpoint splits its route once, when it is built, and reuses the parts on every call.
describe("endpoint", () => {
  it("builds each call's path from its own arguments, with the template split once and left intact", async () => {
    const { replicate, calls } = testClient(() => json({}));
    const get = endpoint<[string, string, string], unknown>(replicate, "GET /models/{model_owner}/{model_name}/versions/{version_id}");
    await get("a", "b", "c");
    await get("x/y", "z", "v 1", { maxRetries: 0 });
    await get("a", "b", "c");
    expect(calls.map((call) => call.path)).toEqual([
      "/v1/models/a/b/versions/c",
      "/v1/models/x%2Fy/z/versions/v%201",
      "/v1/models/a/b/versions/c",
    ]);
    expect(calls.map((call) => call.method)).toEqual(["GET", "GET", "GET"]);
  });

  it("takes a route with no placeholder, and one that ends in a literal", async () => {
    const { replicate, calls } = testClient(() => json({}));
    await endpoint<[], unknown>(replicate, "GET /hardware")();
    await endpoint<[string], unknown>(replicate, "POST /predictions/{prediction_id}/cancel")("p1");
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(["GET /v1/hardware", "POST /v1/predictions/p1/cancel"]);
  });

  it("still names the placeholder of a bad argument, before any request", async () => {
    const { replicate, calls } = testClient(() => json({}));
    const get = endpoint<[string], unknown>(replicate, "GET /predictions/{prediction_id}");
    await expectRejectsBeforeRequest(calls, () => get(".."), 'prediction_id cannot be ".."');
    await expectRejectsBeforeRequest(calls, () => get(""), "prediction_id must be a non-empty string");
  });
});
