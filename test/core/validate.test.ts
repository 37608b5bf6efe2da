import { describe, expect, it } from "vitest";
import {
  check,
  describe as describeValue,
  requireNonNegative,
  requireObject,
  requireString,
} from "../../src/core/validate";

describe("describe", () => {
  it.each([
    [null, "null"],
    [[1], "an array"],
    ["", '""'],
    ["abc", '"abc"'],
    ["12", '"12"'],
    ["x".repeat(100), `"${"x".repeat(40)}"`],
    [{}, "an object"],
    [() => 1, "a function"],
    [undefined, "undefined"],
    [12, "12"],
    [Symbol("s"), "Symbol(s)"],
  ])("describes %j as %s", (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe("check", () => {
  it("throws a TypeError naming the argument, what was expected and what was given", () => {
    expect(() => check(true, "x", "y", 1)).not.toThrow();
    expect(() => check(0, "options.wait.mode", '"block" or "poll"', "blocking")).toThrow(
      new TypeError('options.wait.mode must be "block" or "poll", got "blocking"'),
    );
  });
});

describe("requireString", () => {
  it("accepts non-empty strings", () => {
    expect(() => requireString("x", "id")).not.toThrow();
  });

  it.each(["", " \t", undefined, 1, {}])("refuses %j, naming the argument", (value) => {
    expect(() => requireString(value, "prediction_id")).toThrow(TypeError);
    expect(() => requireString(value, "prediction_id")).toThrow(/^prediction_id must be a non-empty string, got /);
  });

  it("says what was given", () => {
    expect(() => requireString("", "model_name")).toThrow('model_name must be a non-empty string, got ""');
  });
});

describe("requireObject", () => {
  it("accepts objects", () => {
    expect(() => requireObject({}, "options")).not.toThrow();
  });

  it.each([undefined, null, [], "x", 1])("refuses %j", (value) => {
    expect(() => requireObject(value, "options")).toThrow(/^options must be an object, got /);
  });
});

describe("requireNonNegative", () => {
  it.each([undefined, 0, 1, 1.5, 60_000])("accepts %j", (value) => {
    expect(() => requireNonNegative(value, "timeout")).not.toThrow();
  });

  it.each([-1, Number.NaN, Infinity, "10", null])("refuses %j", (value) => {
    expect(() => requireNonNegative(value, "timeout")).toThrow(/^timeout must be a non-negative number, got /);
  });
});
