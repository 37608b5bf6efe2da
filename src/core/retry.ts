/** First back-off step and its ceiling, in milliseconds. */
export const BASE_DELAY = 500;
export const MAX_DELAY = 8_000;
/** A `Retry-After` longer than this is not waited out: the error is raised with the wait attached. */
export const MAX_RETRY_AFTER = 60_000;

/**
 * What one failed attempt tells the retry policy: the non-2xx `status` the server answered, with its
 * `Retry-After` in milliseconds; or no status (a network error or a timeout), with `sent` false only
 * when the error proves nothing left this machine.
 */
export interface AttemptFailure {
  status?: number | undefined;
  retryAfter?: number | undefined;
  sent?: boolean;
}

/**
 * How long to wait before retrying attempt `attempt` (0-based), or undefined when the failure must
 * be raised now. The caller bounds the number of attempts.
 */
export function retryDelay(
  method: string,
  { status, retryAfter, sent }: AttemptFailure,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  // A POST that may have reached the server is never re-sent: that is how 1.4.0 duplicates predictions.
  const retryable = status === undefined ? !sent || isSafeMethod(method) : isRetryableStatus(method, status);
  if (!retryable) return undefined;
  if (retryAfter === undefined) return backoffDelay(attempt, random);
  return retryAfter <= MAX_RETRY_AFTER ? retryAfter : undefined;
}

/** Methods that change nothing on the server, so a retry can never duplicate work. */
export function isSafeMethod(method: string): boolean {
  return /^(GET|HEAD|OPTIONS|QUERY)$/i.test(method);
}

/** Safe methods retry on 408, 429 and 5xx; others only on 429, which the server answered without acting. */
export function isRetryableStatus(method: string, status: number): boolean {
  return status === 429 || (isSafeMethod(method) && (status === 408 || status >= 500));
}

// Codes that prove the request never left this machine (no connection was ever made), so even a
// POST can be re-sent. A reset, a timeout or a closed keep-alive socket prove nothing of the kind.
const NOT_SENT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT)$/;

/**
 * True when a failed `fetch()` error proves the request was never sent. Looks at `code` on the
 * error (node-fetch), on its `cause` (undici) and on every error of an AggregateError (Node's
 * happy-eyeballs connect, which tries each address in turn).
 */
export function wasNeverSent(error: unknown): boolean {
  return hasNotSentCode(error) || hasNotSentCode((error as { cause?: unknown } | null)?.cause);
}

function hasNotSentCode(error: any): boolean {
  const errors: unknown = error?.errors;
  return (
    NOT_SENT_CODE.test(error?.code) ||
    (Array.isArray(errors) && errors.length > 0 && errors.every(hasNotSentCode))
  );
}

/** Exponential back-off for retry `attempt` (0-based); jitter takes at most a quarter off, so waits grow. */
export function backoffDelay(attempt: number, random: () => number): number {
  return Math.round(Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt) * (1 - 0.25 * random()));
}

/** Parses `Retry-After` (delta-seconds or HTTP date) to milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  const value = header?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // RFC 9110 dates all start with a day name ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 850, asctime);
  // requiring one keeps Date.parse's leniency ("-1" and "1" parse as years) out of the policy.
  const date = /^[a-z]{3,9},? /i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
