import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPath, encodePathSegment } from "../../src/core/path";
import { buildUrl } from "../../src/core/url";

const RUNS = { numRuns: 500 };
const BASES = ["https://api.replicate.com/v1", "https://proxy.example/replicate/v1/", "http://127.0.0.1:8080"];

// Well-formed strings, weighted towards the characters that change a URL's meaning.
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("/", "\\", ".", "..", "%", "%2e", "%2F", "?", "#", ":", "@", " ", "\t", "\n", "&", "=", "+", ";") },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom("é", "世", "🎉", "\u0000", "\u007f", "\u200b", "\uFEFF") },
);
const segment = fc
  .string({ unit: char, minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() !== "" && s !== "." && s !== "..");

describe("path parameters (property)", () => {
  it("encode to one segment that decodes back to the value", () => {
    fc.assert(
      fc.property(segment, (value) => {
        const encoded = encodePathSegment(value, "id");
        expect(encoded).not.toMatch(/[/\\?#]/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
      RUNS,
    );
  });

  it("never leave their route once resolved by new URL, whatever the base", () => {
    fc.assert(
      fc.property(segment, segment, fc.constantFrom(...BASES), (id, owner, base) => {
        const route = buildPath("/models/{owner}/x/predictions/{id}/cancel", [owner, id]);
        const url = new URL(buildUrl(route, base));
        const prefix = new URL(base.endsWith("/") ? base : `${base}/`).pathname;
        expect(url.pathname.startsWith(prefix)).toBe(true);
        const parts = url.pathname.slice(prefix.length).split("/");
        expect(parts).toHaveLength(6);
        expect([parts[0], parts[2], parts[3], parts[5]]).toEqual(["models", "x", "predictions", "cancel"]);
        expect(decodeURIComponent(parts[1]!)).toBe(owner);
        expect(decodeURIComponent(parts[4]!)).toBe(id);
        expect(url.search).toBe("");
        expect(url.hash).toBe("");
        expect(url.origin).toBe(new URL(base).origin);
      }),
      RUNS,
    );
  });

  it("refuse dot segments, which URL would resolve even when percent-encoded", () => {
    for (const dots of [".", ".."]) expect(() => buildPath("/predictions/{id}", [dots])).toThrow(TypeError);
    expect(new URL("/v1/predictions/%2E%2E", "https://x.test").pathname).toBe("/v1/"); // why they are refused
  });

  // encodeURIComponent throws a bare URIError on a lone surrogate (a string cut in the middle of an
  // emoji); the caller must get a TypeError naming the argument instead.
  it("refuse a lone surrogate with a TypeError naming the path parameter", () => {
    expect(() => buildPath("/predictions/{prediction_id}", ["abc\uD83D"])).toThrow('prediction_id cannot be "abc\\ud83d"');
  });
});

describe("buildUrl (property)", () => {
  const routeChar = fc.oneof(
    fc.constantFrom("/", "\\", ".", "..", ":", "?", "#", " ", "%", "%2e", "%2E", "a", "b", "é", "\t", "\n", "\u0000"),
    fc.string({ minLength: 1, maxLength: 1 }),
  );
  const piece = fc.oneof(
    fc.string({ unit: routeChar, maxLength: 4 }),
    fc.constantFrom(".", "..", ".a", "..a", "a.", "%2e", "%2e%2E", ".%2e", "a\t", "\t.", "A:", "a\t:"),
  );
  // Arbitrary strings, and routes built from segments (dot segments after dot-led ones and the like).
  const route = fc.oneof(
    fc.string({ unit: routeChar, maxLength: 16 }),
    fc.tuple(fc.constantFrom("", "/"), fc.array(piece, { minLength: 1, maxLength: 5 })).map(([lead, parts]) => lead + parts.join("/")),
  );
  const base = fc.oneof(
    fc.constantFrom(...BASES, "https://proxy.example/v1/?key=k", "https://proxy.example/a/b#frag", "https://x.test/.a/", "https://x.test/v1/./"),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  );

  // buildUrl parses base + route as one string when that is sure to mean the same; this pins "sure".
  // (It found two traps: "a\t:b" is a scheme once URL drops the tab, and Node 20 keeps a "." segment
  // after a dot-led one in absolute URLs: new URL("https://x/v1/.a/.") keeps the final "/.".)
  it("resolves any route exactly as new URL(route, base) would", () => {
    fc.assert(
      fc.property(route, base, (r, b) => {
        const relative = r.startsWith("/") ? r.slice(1) : r;
        const withSlash = b.endsWith("/") ? b : `${b}/`;
        let expected: string;
        try {
          expected = new URL(relative, withSlash).href;
        } catch {
          expect(() => buildUrl(r, b)).toThrow();
          return;
        }
        expect(buildUrl(r, b)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
