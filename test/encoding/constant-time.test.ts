import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timingSafeEqual } from "../../src/encoding/constant-time";

describe("timingSafeEqual", () => {
  const signature = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  it("is true for identical strings, including empty ones", () => {
    expect(timingSafeEqual(signature, `${signature}`)).toBe(true);
    expect(timingSafeEqual("", "")).toBe(true);
  });

  it("is false when only the first or only the last character differs", () => {
    expect(timingSafeEqual(signature, `h${signature.slice(1)}`)).toBe(false);
    expect(timingSafeEqual(signature, `${signature.slice(0, -1)}A`)).toBe(false);
  });

  it("is false for different lengths, including a prefix", () => {
    expect(timingSafeEqual(signature, signature.slice(0, -1))).toBe(false);
    expect(timingSafeEqual("", "a")).toBe(false);
  });

  it("compares full UTF-16 code units, not just their low bytes", () => {
    expect(timingSafeEqual("\u0141", "\u0041")).toBe(false);
  });

  it("agrees with === on arbitrary strings (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(timingSafeEqual(a, b)).toBe(a === b);
        expect(timingSafeEqual(a, a)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
