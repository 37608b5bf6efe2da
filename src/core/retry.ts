/** Methods that change nothing on the server, so a retry can never duplicate work. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "QUERY"]);

/** First back-off step and its ceiling, in milliseconds. */
export const BASE_DELAY = 500;
export const MAX_DELAY = 8_000;
/** A `Retry-After` longer than this is not waited out: the error is raised with the wait attached. */
export const MAX_RETRY_AFTER = 60_000;

/** What one failed attempt tells the retry policy. */
export type AttemptFailure =
  /** The server answered with a non-2xx `status`; `retryAfter` is its `Retry-After` in milliseconds. */
  | { status: number; retryAfter?: number | undefined }
  /** No answer: a network error or a timeout. `sent` is false only when the error proves nothing left this machine. */
  | { status?: undefined; sent: boolean };

/**
 * How long to wait before retrying attempt `attempt` (0-based), or undefined when the failure must
 * be raised now. The caller bounds the number of attempts.
 */
export function retryDelay(
  method: string,
  failure: AttemptFailure,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (failure.status === undefined) {
    // A POST that may have reached the server is never re-sent: that is how 1.4.0 duplicates predictions.
    return isSafeMethod(method) || !failure.sent ? backoffDelay(attempt, random) : undefined;
  }
  if (!isRetryableStatus(method, failure.status)) return undefined;
  if (failure.retryAfter === undefined) return backoffDelay(attempt, random);
  return failure.retryAfter <= MAX_RETRY_AFTER ? failure.retryAfter : undefined;
}

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Safe methods retry on 408, 429 and 5xx; others only on 429, which the server answered without acting. */
export function isRetryableStatus(method: string, status: number): boolean {
  if (status === 429) return true;
  return isSafeMethod(method) && (status === 408 || status >= 500);
}

// Codes that prove the request never left this machine (no connection was ever made), so even a
// POST can be re-sent. A reset, a timeout or a closed keep-alive socket prove nothing of the kind.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * True when a failed `fetch()` error proves the request was never sent. Looks at `code` on the
 * error (node-fetch), on its `cause` (undici) and on every error of an AggregateError (Node's
 * happy-eyeballs connect, which tries each address in turn).
 */
export function wasNeverSent(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return hasNotSentCode(error) || (cause !== undefined && hasNotSentCode(cause));
}

function hasNotSentCode(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every(hasNotSentCode);
}

/** Exponential back-off for retry `attempt` (0-based); jitter takes at most a quarter off, so waits grow. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
  return Math.round(step * (1 - 0.25 * random()));
}

// RFC 9110 dates all start with a day name ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 850, asctime);
// requiring one keeps Date.parse's leniency ("-1" and "1" parse as years) out of the policy.
const HTTP_DATE = /^[A-Za-z]{3,9},? /;

/** Parses `Retry-After` (delta-seconds or HTTP date) to milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
