import { describe, expect, it } from "vitest";
import { splitCallOptions } from "../../src/core/call-options";

describe("splitCallOptions: maxRetries", () => {
  it.each([0, 3])("accepts the integer %j", (maxRetries) => {
    expect(splitCallOptions({ maxRetries, input: {} })).toEqual([{ maxRetries }, { input: {} }]);
  });

  it.each([1.5, -1, Infinity, "2"])("refuses %j", (maxRetries) => {
    expect(() => splitCallOptions({ maxRetries })).toThrow(/^options.maxRetries must be a non-negative integer, got /);
  });
});
