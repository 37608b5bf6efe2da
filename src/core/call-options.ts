import type { CallOptions } from "../types";
import { check, requireDuration, requireObject } from "./validate";

/** Validates a method's trailing options and keeps only what the request core understands. */
export function callOptions(options: CallOptions | undefined, name = "options"): CallOptions {
  if (options === undefined) return {};
  requireObject(options, name);
  const { signal, timeout, maxRetries } = options as Record<string, any>;
  // Duck-typed: signals from another realm (a test runner's polyfill, a framework) fail instanceof.
  check(signal === undefined || (signal?.addEventListener && "aborted" in signal), `${name}.signal`, "an AbortSignal", signal);
  requireDuration(timeout, `${name}.timeout`);
  check(maxRetries === undefined || (Number.isInteger(maxRetries) && maxRetries >= 0), `${name}.maxRetries`, "a non-negative integer", maxRetries);
  return { signal, timeout, maxRetries };
}

/**
 * Splits a create call's options into its validated call options and the rest (the request body's
 * fields, in the caller's order).
 */
export function splitCallOptions(options: unknown): [CallOptions, Record<string, unknown>] {
  requireObject(options, "options");
  const { signal, timeout, maxRetries, ...rest } = options;
  return [callOptions({ signal, timeout, maxRetries } as CallOptions), rest];
}
