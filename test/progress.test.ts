import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseProgressFromLogs } from "../src/progress";

const require = createRequire(import.meta.url);
const Replicate14 = require("replicate-1.4.0") as {
  parseProgressFromLogs(input: unknown): unknown;
};

const line = (pct: number, cur: number, total: number) =>
  `${pct}%|${"█".repeat(pct >> 2)}${" ".repeat(25 - (pct >> 2))}| ${cur}/${total} [00:33<00:10, 229.00it/s]`;

describe("parseProgressFromLogs", () => {
  it("reads the README's tqdm line, with the percentage as a fraction", () => {
    expect(parseProgressFromLogs(line(76, 7568, 10000))).toEqual({ percentage: 0.76, current: 7568, total: 10000 });
  });

  it("returns the last progress line, skipping later non-progress lines", () => {
    const logs = ["Using seed: 42", line(10, 1, 10), line(20, 2, 10), "saving output", ""].join("\n");
    expect(parseProgressFromLogs(logs)).toEqual({ percentage: 0.2, current: 2, total: 10 });
  });

  it("accepts a prediction object and reads its logs", () => {
    expect(parseProgressFromLogs({ logs: `start\n${line(100, 50, 50)}` })).toEqual({
      percentage: 1,
      current: 50,
      total: 50,
    });
  });

  it("returns null without logs, for empty logs, and when no line matches", () => {
    expect(parseProgressFromLogs({})).toBeNull();
    expect(parseProgressFromLogs({ logs: null })).toBeNull();
    expect(parseProgressFromLogs("")).toBeNull();
    expect(parseProgressFromLogs("\n\n")).toBeNull();
    expect(parseProgressFromLogs("loading weights\n50% done\n3/4 steps")).toBeNull();
  });

  it("does not join a progress line with the next line (the match stays within one line)", () => {
    expect(parseProgressFromLogs("50%|xx|\n3/4")).toBeNull();
    expect(parseProgressFromLogs("   \n50%|xx| 3/4")).toEqual({ percentage: 0.5, current: 3, total: 4 });
  });

  it("finds the line before megabytes of trailing output without splitting the logs", () => {
    const noise = "x".repeat(79) + "\n";
    const logs = `${line(42, 42, 100)}\n${noise.repeat(50_000)}`;
    expect(parseProgressFromLogs(logs)).toEqual({ percentage: 0.42, current: 42, total: 100 });
  });

  it("returns null for a null prediction, where 1.4.0 throws a TypeError", () => {
    expect(() => Replicate14.parseProgressFromLogs(null)).toThrow(TypeError);
    expect(parseProgressFromLogs(null)).toBeNull();
  });

  it("gives 1.4.0's answer for arbitrary logs built from tqdm-like fragments (property)", () => {
    const often = (token: string) => fc.oneof({ arbitrary: fc.constant(token), weight: 12 }, fc.constantFrom("", "x", "\n"));
    const space = fc.oneof(
      { arbitrary: fc.constantFrom("", " "), weight: 6 },
      fc.constantFrom("  ", "\t", "\r", "\u2028", "\n"),
    );
    const digits = fc.oneof({ arbitrary: fc.nat(120).map(String), weight: 8 }, fc.constantFrom("", "x"));
    const junk = fc.constantFrom("█", "██  ", "|", "\r", "a|b", "");
    const progressish = fc
      .tuple(space, digits, often("%"), space, often("|"), junk, often("|"), space, digits, often("/"), digits, junk)
      .map((parts) => parts.join(""));
    const lineOf = fc.oneof(progressish, fc.constantFrom("", "Using seed: 1", "50% done", "3/4"));
    const logs = fc
      .array(fc.tuple(lineOf, fc.constantFrom("\n", "\r", "\r\n")), { maxLength: 6 })
      .map((lines) => lines.flat().join(""));
    fc.assert(
      fc.property(logs, (text) => {
        expect(parseProgressFromLogs(text)).toEqual(Replicate14.parseProgressFromLogs(text));
      }),
      { numRuns: 3000 },
    );
  });
});
