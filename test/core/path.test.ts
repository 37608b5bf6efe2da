import { describe, expect, it } from "vitest";
import { buildPath, encodePathSegment } from "../../src/core/path";

describe("encodePathSegment", () => {
  it.each([
    ["abc123", "abc123"],
    ["a/b", "a%2Fb"],
    ["../account", "..%2Faccount"],
    ["q?x=1#f", "q%3Fx%3D1%23f"],
    ["sp ace", "sp%20ace"],
    ["%2e%2e", "%252e%252e"],
    ["ünï", "%C3%BCn%C3%AF"],
    ["...", "..."],
  ])("encodes %j as %j", (segment, encoded) => {
    expect(encodePathSegment(segment, "id")).toBe(encoded);
  });

  // WHATWG URL resolves "%2E%2E" like "..", so no encoding of a dot segment stays in its route.
  it.each([".", ".."])("refuses the dot segment %j", (segment) => {
    expect(() => encodePathSegment(segment, "id")).toThrow(`id cannot be "${segment}"`);
    expect(new URL("predictions/%2E%2E/cancel", "https://x/v1/").pathname).toBe("/v1/cancel");
  });

  it("keeps every encoded segment inside its route when resolved by URL", () => {
    for (const id of ["..%2F", "../..", "./x", "a\\b", "%2E%2E", ".%2e"]) {
      const url = new URL(buildPath("predictions/{prediction_id}/cancel", [id]), "https://api.replicate.com/v1/");
      expect(url.pathname).toMatch(/^\/v1\/predictions\/[^/]+\/cancel$/);
    }
  });
});

describe("buildPath", () => {
  it("encodes each placeholder's value and keeps the literal parts", () => {
    const template = "/models/{model_owner}/{model_name}/versions/{version_id}";
    expect(buildPath(template, ["a/b", "c", "v 1"])).toBe("/models/a%2Fb/c/versions/v%201");
  });

  it("takes one argument per placeholder off the front of the list, leaving the rest", () => {
    const args = ["p1", { signal: undefined }];
    expect(buildPath("/predictions/{prediction_id}/cancel", args)).toBe("/predictions/p1/cancel");
    expect(args).toEqual([{ signal: undefined }]);
  });

  it("takes a template split already, as endpoints keep theirs, and builds the same route", () => {
    const template = "/models/{model_owner}/{model_name}/versions/{version_id}";
    const split = ["/models/", "model_owner", "/", "model_name", "/versions/", "version_id", ""];
    expect(template.split(/{(\w+)}/)).toEqual(split);
    expect(buildPath(split, ["a/b", "c", "v 1"])).toBe(buildPath(template, ["a/b", "c", "v 1"]));
    expect(() => buildPath(split, ["a", ".."])).toThrow('model_name cannot be ".."');
    expect(split).toHaveLength(7);
  });

  it.each([[""], ["  "], [undefined], [3], [null]])("refuses the parameter %j, naming its placeholder", (value) => {
    expect(() => buildPath("/predictions/{prediction_id}", [value])).toThrow(/^prediction_id must be a non-empty string/);
  });
});
