import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { isRawBody, isStreamBody, toJSON } from "../../src/core/body";
import Replicate from "../../src/index";
import { fetchDouble, json } from "../reliability/support/fetch-double";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

describe("toJSON", () => {
  it("serializes what JSON can carry exactly as JSON.stringify does", () => {
    const value = { a: [1, "two", null, true], nested: { when: new Date(0), skip: undefined }, "é": "🎉" };
    expect(toJSON(value)).toBe(JSON.stringify(value));
  });

  it.each([
    ["a function", { input: { callback: () => 1 } }, 'key "callback"', "function"],
    ["a symbol", { input: { tag: Symbol("x") } }, 'key "tag"', "symbol"],
    ["a BigInt", { input: { seed: 10n } }, 'key "seed"', "bigint"],
    ["an array element", { input: { seeds: [1, 2n] } }, 'key "1"', "bigint"],
  ])("refuses %s with a TypeError naming the key", (_, value, key, type) => {
    expect(() => toJSON(value)).toThrow(TypeError);
    expect(() => toJSON(value)).toThrow(`${key} must be JSON-serializable, got a ${type}`);
  });

  it("names the request body itself when the whole body cannot be sent", () => {
    expect(() => toJSON(() => 1)).toThrow("the request body must be JSON-serializable, got a function");
  });

  it("lets a value's own toJSON decide first, so the common BigInt.prototype.toJSON polyfill still works", () => {
    const proto = BigInt.prototype as { toJSON?: () => string };
    proto.toJSON = function (this: bigint) {
      return this.toString();
    };
    try {
      expect(toJSON({ seed: 10n })).toBe('{"seed":"10"}');
    } finally {
      delete proto.toJSON;
    }
  });
});

describe("predictions.create refuses inputs JSON would mangle", () => {
  it("throws before any request for a function input, where 1.4.0 silently drops the key", async () => {
    const fetch = fetchDouble(json(201, { id: "p1" }));
    const input = { prompt: "a cat", callback: () => "meow" };
    const error = await new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('key "callback"');
    expect(fetch.calls).toHaveLength(0);

    const old = fetchDouble(json(201, { id: "p1" }));
    await new Replicate14({ auth: "t", fetch: old }).predictions.create({ version: "v1", input });
    expect(JSON.parse(old.calls[0]!.body as string)).toEqual({ version: "v1", input: { prompt: "a cat" } });
  });

  it("names the key of a BigInt input, where 1.4.0's error names none", async () => {
    const fetch = fetchDouble(json(201, { id: "p1" }));
    const error = await new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input: { seed: 2n ** 64n } }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('key "seed" must be JSON-serializable, got a bigint');
    expect(fetch.calls).toHaveLength(0);

    const old = await new Replicate14({ auth: "t", fetch: fetchDouble(json(201, {})) }).predictions.create({ version: "v1", input: { seed: 1n } }).catch((e: Error) => e);
    expect(old.message).not.toContain("seed");
  });
});

describe("raw bodies", () => {
  it("recognises the bodies fetch takes as they are", () => {
    for (const body of [new FormData(), new Blob(["x"]), new ArrayBuffer(1), new Uint8Array(1), new URLSearchParams("a=1"), new ReadableStream()]) {
      expect(isRawBody(body), body.constructor.name).toBe(true);
    }
    for (const body of [undefined, null, "text", 1, {}, [1], { byteLength: 1 }]) {
      expect(isRawBody(body), String(body)).toBe(false);
    }
  });

  it("singles out streams, which can be sent only once", () => {
    expect(isStreamBody(new ReadableStream())).toBe(true);
    expect(isStreamBody(new Blob(["x"]))).toBe(false);
    expect(isStreamBody(undefined)).toBe(false);
  });
});
