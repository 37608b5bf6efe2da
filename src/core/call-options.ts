import type { CallOptions } from "../types";
import { check, requireNonNegative, requireObject } from "./validate";

/** Validates a method's trailing options and keeps only what the request core understands. */
export function callOptions(options: CallOptions = {}, name?: string): CallOptions {
  return splitCallOptions(options, name)[0];
}

/**
 * Validates an options object's call options (`signal`, `timeout`, `maxRetries`) and splits them
 * from the rest: a create call's body fields, in the caller's order.
 */
export function splitCallOptions(options: unknown, name = "options"): [CallOptions, Record<string, unknown>] {
  requireObject(options, name);
  const { signal, timeout, maxRetries, ...rest } = options as Record<string, any>;
  // Duck-typed: signals from another realm (a test runner's polyfill, a framework) fail instanceof.
  check(signal === undefined || (signal?.addEventListener && "aborted" in signal), name + ".signal", "an AbortSignal", signal);
  requireNonNegative(timeout, name + ".timeout");
  check(
    maxRetries === undefined || (Number.isInteger(maxRetries) && maxRetries >= 0),
    name + ".maxRetries",
    "a non-negative integer",
    maxRetries,
  );
  return [{ signal, timeout, maxRetries }, rest];
}
