import { afterEach, expect, it, vi } from "vitest";
import Replicate from "../src/index";

afterEach(() => {
  vi.unstubAllGlobals();
});

it("treats a refused environment read (Deno without --allow-env) as no token", () => {
  const refusing = new Proxy({} as NodeJS.ProcessEnv, {
    get() {
      throw new Error('NotCapable: Requires env access to "REPLICATE_API_TOKEN"');
    },
  });
  vi.stubGlobal("process", { ...process, env: refusing });
  expect(new Replicate().auth).toBeUndefined();
  expect(new Replicate({ auth: "r8_given" }).auth).toBe("r8_given");
});

it("reads no token where there is no `process` (browsers, Workers)", () => {
  vi.stubGlobal("process", undefined);
  expect(new Replicate().auth).toBeUndefined();
});

it.each([
  ["a negative timeout", { timeout: -1 }, /timeout/],
  ["a NaN timeout", { timeout: Number.NaN }, /timeout/],
  ["a fractional maxRetries", { maxRetries: 1.5 }, /maxRetries/],
  ["a NaN maxRetries", { maxRetries: Number.NaN }, /maxRetries/],
])("refuses %s when the client is made", (_, options, message) => {
  expect(() => new Replicate(options)).toThrow(TypeError);
  expect(() => new Replicate(options)).toThrow(message);
});
