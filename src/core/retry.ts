/** Methods that change nothing on the server, so a retry can never duplicate work. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "QUERY"]);

/** First back-off step and its ceiling, in milliseconds. */
export const BASE_DELAY = 500;
export const MAX_DELAY = 8_000;
/** A `Retry-After` longer than this is not waited out: the error is raised with the wait attached. */
export const MAX_RETRY_AFTER = 60_000;

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Safe methods retry on 408, 429 and 5xx; others only on 429, which the server answered without acting. */
export function isRetryableStatus(method: string, status: number): boolean {
  if (status === 429) return true;
  return isSafeMethod(method) && (status === 408 || status >= 500);
}

// Error codes that prove the request never left this machine, so even a POST can be re-sent.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** A failed fetch() is retried for safe methods; for others only when the request surely wasn't sent. */
export function isRetryableNetworkError(method: string, error: unknown): boolean {
  if (isSafeMethod(method)) return true;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" && NOT_SENT_CODES.has(cause.code);
}

/** Exponential back-off for retry `attempt` (0-based); jitter takes at most a quarter off, so waits grow. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
  return Math.round(step * (1 - 0.25 * random()));
}

/** Parses `Retry-After` (delta-seconds or HTTP date) to milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
