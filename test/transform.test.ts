import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { findLeaves, isPlainObject, mapLeaves } from "../src/transform";

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

describe("isPlainObject", () => {
  it.each([
    ["{}", {}, true],
    ["Object.create(null)", Object.create(null), true],
    ["an object from another realm", runInNewContext("({ a: 1 })"), true],
    ["an array", [], false],
    ["a class instance", new Point(1, 2), false],
    ["a Date", new Date(0), false],
    ["a Map", new Map(), false],
    ["a Blob", new Blob([]), false],
    ["a Uint8Array", new Uint8Array(1), false],
    ["an object inheriting from a plain object", Object.create({ a: 1 }), false],
    ["null", null, false],
    ["a string", "x", false],
  ])("%s → %s", (_name, value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});

describe("mapLeaves", () => {
  it("maps every leaf through arrays and plain objects, keeping keys, order and shape", () => {
    const input = { a: 1, b: [2, { c: 3, d: [4] }], e: { f: { g: 5 } } };
    expect(mapLeaves(input, (leaf) => (leaf as number) * 10)).toEqual({ a: 10, b: [20, { c: 30, d: [40] }], e: { f: { g: 50 } } });
    expect(Object.keys(mapLeaves({ z: 1, a: 2, m: 3 }, (x) => x) as object)).toEqual(["z", "a", "m"]);
  });

  it("copies containers and never mutates the input", () => {
    const inner = { x: "keep" };
    const input = { list: [inner], inner };
    const output = mapLeaves(input, (leaf) => `${leaf}!`) as typeof input;
    expect(output).toEqual({ list: [{ x: "keep!" }], inner: { x: "keep!" } });
    expect(input).toEqual({ list: [{ x: "keep" }], inner: { x: "keep" } });
    expect(output.inner).not.toBe(inner);
  });

  it("treats class instances, dates, maps and typed arrays as leaves, handed over as they are", () => {
    const values = [new Point(1, 2), new Date(0), new Map([[1, 2]]), new Uint8Array([1])];
    const seen: unknown[] = [];
    mapLeaves({ values }, (leaf) => seen.push(leaf));
    expect(seen).toHaveLength(values.length);
    seen.forEach((leaf, i) => expect(leaf).toBe(values[i]));
  });

  it("maps a top-level leaf, null and undefined", () => {
    expect(mapLeaves("https://x", (leaf) => [leaf])).toEqual(["https://x"]);
    expect(mapLeaves(null, () => "mapped")).toBe("mapped");
    expect(mapLeaves([undefined], (leaf) => leaf ?? "none")).toEqual(["none"]);
  });

  it("walks objects from another realm", () => {
    const foreign = runInNewContext("({ files: ['https://a', 'b'] })");
    expect(mapLeaves(foreign, (leaf) => String(leaf).toUpperCase())).toEqual({ files: ["HTTPS://A", "B"] });
  });
});

describe("findLeaves", () => {
  it("finds the matching leaves in document order, duplicates included", () => {
    const blob = new Blob(["x"]);
    const other = new Blob(["y"]);
    const found = findLeaves({ a: [blob, "s", { b: other }], c: blob }, (leaf): leaf is Blob => leaf instanceof Blob);
    expect(found).toEqual([blob, other, blob]);
    expect(found[0]).toBe(blob);
    expect(found[1]).toBe(other);
  });

  it("finds nothing inside leaves that are not plain containers", () => {
    const nested = new Point(1, 2);
    expect(findLeaves({ nested }, (leaf): leaf is number => typeof leaf === "number")).toEqual([]);
  });
});
