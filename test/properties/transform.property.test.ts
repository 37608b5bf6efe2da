import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLeaves, isPlainObject, mapLeaves } from "../../src/transform";

const RUNS = { numRuns: 300 };

class Model {
  constructor(readonly name: string) {}
}

// Leaves: everything that is neither an array nor a plain object, including objects with a class.
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 4 }),
  fc.string({ maxLength: 4 }).map((name) => new Model(name)),
  fc.webUrl().map((href) => new URL(href)),
);
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("constructor", "toString", "0", "length"));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ maxDepth: 4, depthSize: "small" }, leaf, tie("array"), tie("object"), tie("bare")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
  bare: fc.dictionary(key, tie("node"), { maxKeys: 3 }).map((entries) => Object.assign(Object.create(null) as object, entries)),
})).node;

/** Every leaf in document order, found by a walk written independently of src/transform.ts. */
function leavesOf(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((item) => leavesOf(item, out));
  else if (isContainer(value)) Object.keys(value).forEach((k) => leavesOf((value as Record<string, unknown>)[k], out));
  else out.push(value);
  return out;
}

function isContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/**
 * Deep equality of trees: same arrays, same keys in the same order, leaves identical (Object.is).
 * With `prototypes`, containers must also agree on having a prototype. (Vitest's toStrictEqual
 * trips over null-prototype objects with an own "constructor" key, which the generator makes.)
 */
function sameTree(a: unknown, b: unknown, prototypes = false): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i], prototypes));
  if (isContainer(a)) {
    if (!isContainer(b) || Array.isArray(b)) return false;
    if (prototypes && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const keys = Object.keys(a);
    const other = Object.keys(b);
    return keys.length === other.length && keys.every((k, i) => k === other[i] && sameTree((a as never)[k], (b as never)[k], prototypes));
  }
  return Object.is(a, b) || (prototypes && leafEqual(a, b));
}

// For two generated copies (fc.clone), leaves are equal but not identical.
function leafEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.join() === b.join();
  if (a instanceof Model && b instanceof Model) return a.name === b.name;
  if (a instanceof URL && b instanceof URL) return a.href === b.href;
  return false;
}

class Token {
  constructor(readonly index: number) {}
}

/** Every array and plain object in `value`, to check none is shared with a copy. */
function containersOf(value: unknown, out: object[] = []): object[] {
  if (Array.isArray(value) || isContainer(value)) {
    out.push(value as object);
    for (const item of Object.values(value as object)) containersOf(item, out);
  }
  return out;
}

describe("mapLeaves (property)", () => {
  it("preserves the structure: mapping with identity gives an equal tree", () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(sameTree(mapLeaves(value, (x) => x), value)).toBe(true);
      }),
      RUNS,
    );
  });

  it("calls the map exactly once per leaf, in document order, and puts each result in the leaf's place", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const seen: unknown[] = [];
        const mapped = mapLeaves(value, (x) => new Token(seen.push(x) - 1));
        const leaves = leavesOf(value);
        expect(seen).toHaveLength(leaves.length);
        seen.forEach((x, i) => expect(Object.is(x, leaves[i])).toBe(true));
        // Each result sits where its leaf was: the tokens read back in order, in the same shape.
        expect(leavesOf(mapped).map((token) => (token as Token).index)).toEqual(leaves.map((_, i) => i));
        expect(sameTree(mapLeaves(mapped, (token) => leaves[(token as Token).index]), value)).toBe(true);
      }),
      RUNS,
    );
  });

  it("copies every container and never mutates its input", () => {
    fc.assert(
      fc.property(fc.clone(tree, 2), ([value, twin]) => {
        const mapped = mapLeaves(value, (x) => (typeof x === "string" ? x.toUpperCase() : x));
        expect(sameTree(value, twin, true)).toBe(true);
        const originals = new Set(containersOf(value));
        for (const container of containersOf(mapped)) expect(originals.has(container)).toBe(false);
      }),
      RUNS,
    );
  });

  it("treats plain objects of another prototype-less kind as containers and class instances as leaves", () => {
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(new Model("x"))).toBe(false);
    expect(isPlainObject([])).toBe(false);
  });

  // A key named "__proto__" (JSON.parse makes it an own property) must stay data: `copy[key] = ...`
  // would set the copy's prototype instead, and the input would silently vanish from what is sent.
  it('keeps an own "__proto__" key as data, as JSON.parse produced it', () => {
    const input = JSON.parse('{"__proto__": {"prompt": "hi"}, "seed": 1}') as object;
    const copy = mapLeaves(input, (x) => x) as object;
    expect(Object.keys(copy)).toEqual(["__proto__", "seed"]);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(input));
  });
});

describe("findLeaves (property)", () => {
  it("finds exactly the leaves the test accepts, in document order", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const isString = (x: unknown): x is string => typeof x === "string";
        expect(findLeaves(value, isString)).toEqual(leavesOf(value).filter(isString));
      }),
      RUNS,
    );
  });

  it("agrees with mapLeaves on which values are leaves", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const mapped: unknown[] = [];
        mapLeaves(value, (x) => mapped.push(x));
        const found = findLeaves(value, (x): x is unknown => true);
        expect(found.length).toBe(mapped.length);
        found.forEach((x, i) => expect(Object.is(x, mapped[i])).toBe(true));
      }),
      RUNS,
    );
  });
});
