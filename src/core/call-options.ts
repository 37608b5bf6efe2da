import type { CallOptions } from "../types";
import { requireDuration, requireObject } from "./validate";

/** Validates a method's trailing options and keeps only what the request core understands. */
export function callOptions(options: CallOptions | undefined, name = "options"): CallOptions {
  if (options === undefined) return {};
  requireObject(options as unknown, name);
  const { signal, timeout, maxRetries } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`${name}.signal must be an AbortSignal`);
  }
  requireDuration(timeout, `${name}.timeout`);
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new TypeError(`${name}.maxRetries must be a non-negative integer, got ${String(maxRetries)}`);
  }
  return { signal, timeout, maxRetries };
}

// Duck-typed: signals from another realm (a test runner's polyfill, a framework) fail instanceof.
function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === "object" && value !== null && "aborted" in value && "addEventListener" in value;
}
