import { describe, expect, it } from "vitest";
import {
  describe as describeValue,
  requireDuration,
  requireObject,
  requireString,
  requireStrings,
  requireWebhookUrl,
} from "../../src/core/validate";

describe("describe", () => {
  it.each([
    [null, "null"],
    [[1], "an array"],
    ["", "an empty string"],
    ["abc", 'the string "abc"'],
    ["x".repeat(100), `the string "${"x".repeat(40)}"`],
    [{}, "an object"],
    [() => 1, "a function"],
    [undefined, "undefined undefined"],
    [12, "number 12"],
  ])("describes %j as %s", (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe("requireString / requireStrings", () => {
  it("accepts non-empty strings", () => {
    expect(() => requireString("x", "id")).not.toThrow();
    expect(() => requireStrings({ owner: "a", name: "b" })).not.toThrow();
  });

  it.each(["", " \t", undefined, 1, {}])("refuses %j, naming the argument", (value) => {
    expect(() => requireString(value, "prediction_id")).toThrow(TypeError);
    expect(() => requireString(value, "prediction_id")).toThrow(/^prediction_id must be a non-empty string, got /);
  });

  it("names the first bad argument of several", () => {
    expect(() => requireStrings({ model_owner: "a", model_name: "" })).toThrow(
      "model_name must be a non-empty string, got an empty string",
    );
  });
});

describe("requireObject", () => {
  it("accepts objects, and undefined when optional", () => {
    expect(() => requireObject({}, "options")).not.toThrow();
    expect(() => requireObject(undefined, "options", true)).not.toThrow();
  });

  it.each([undefined, null, [], "x", 1])("refuses %j", (value) => {
    expect(() => requireObject(value, "options")).toThrow(/^options must be an object, got /);
  });
});

describe("requireWebhookUrl", () => {
  it.each([undefined, null, "", "https://example.com/hook", "http://localhost:3000/x"])("accepts %j", (value) => {
    expect(() => requireWebhookUrl(value)).not.toThrow();
  });

  it.each(["example.com/hook", "not a url", "/relative", 42])("refuses %j with 1.4.0's message", (value) => {
    expect(() => requireWebhookUrl(value)).toThrow(new Error("Invalid webhook URL"));
  });
});

describe("requireDuration", () => {
  it.each([undefined, 0, 1, 1.5, 60_000])("accepts %j", (value) => {
    expect(() => requireDuration(value, "timeout")).not.toThrow();
  });

  it.each([-1, Number.NaN, Infinity, "10", null])("refuses %j", (value) => {
    expect(() => requireDuration(value, "timeout")).toThrow(/^timeout must be a non-negative number of milliseconds/);
  });
});
