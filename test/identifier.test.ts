import { describe, expect, it } from "vitest";
import { parseIdentifier } from "../src/identifier";

describe("parseIdentifier", () => {
  it.each([
    ["acme/hello", { owner: "acme", name: "hello" }],
    ["acme/hello:5c7d5dc6", { owner: "acme", name: "hello", version: "5c7d5dc6" }],
    ["a.b-c/d_e.f:v:with:colons", { owner: "a.b-c", name: "d_e.f", version: "v:with:colons" }],
  ])("parses %s", (ref, expected) => {
    expect(parseIdentifier(ref)).toEqual(expected);
  });

  it.each(["acme", "acme/", "/hello", "acme/hello/extra", "acme/hello:", "acme/:v", "", 42, undefined])(
    "rejects %j with 1.4.0's message",
    (ref) => {
      expect(() => parseIdentifier(ref)).toThrow(
        `Invalid reference to model version: ${String(ref)}. Expected format: owner/name or owner/name:version`,
      );
    },
  );
});
