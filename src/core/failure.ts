import { AbortError, ConnectionError, TimeoutError, createApiError, type ApiError } from "../errors";
import { REDACTED, redactToken } from "./auth";
import type { Deadline } from "./sleep";

/** Maps a thrown value to AbortError, TimeoutError or ConnectionError; errors from `consume` pass through. */
export function classify(
  error: unknown,
  response: Response | undefined,
  signal: AbortSignal | undefined,
  deadline: Deadline,
  url: string,
  auth: string | null | undefined,
): unknown {
  if (signal?.aborted) return new AbortError(signal.reason);
  const { expired } = deadline;
  // After the headers, only a TypeError means the connection failed (e.g. reset mid-body).
  if (expired || response === undefined || error instanceof TypeError) {
    const message = expired ? `timed out after ${deadline.timeout} ms` : `failed: ${reasonOf(error)}`;
    return new (expired ? TimeoutError : ConnectionError)(redactToken(`Request to ${url} ${message}`, auth), { cause: error });
  }
  // `consume` errors (an InvalidResponseError quoting the body) may echo the token a server reflected.
  // Only assign on a change: DOMException's message is a getter, and assigning to it throws.
  if (error instanceof Error) {
    const message = redactToken(error.message, auth);
    if (message !== error.message) error.message = message;
  }
  return error;
}

/** undici says only "fetch failed"; the reason ("connect ECONNREFUSED 127.0.0.1:80") is on its cause. */
function reasonOf(error: any): string {
  const message: string = error?.message ?? String(error);
  const cause: unknown = error?.cause?.message;
  return cause && cause !== message ? `${message} (${cause})` : message;
}

export function buildApiError(
  auth: string | null | undefined,
  url: string,
  init: RequestInit,
  response: Response,
  body: string,
  retryAfter: number | undefined,
): ApiError {
  // The server may echo the request (and so the token) back: redact before it reaches message or detail.
  const text = redactToken(body, auth);
  const message = redactToken(`Request to ${url} failed with status ${response.status} ${response.statusText}: ${text}.`, auth);
  let problem;
  try {
    // Anything JSON: ApiError keeps `title` and `detail` only when they are strings.
    problem = JSON.parse(text);
  } catch {
    // not problem details
  }
  return createApiError(message, redactedRequest(url, init), response, problem, retryAfter);
}

/**
 * The request as sent, for `error.request`, with the token replaced. Text bodies (JSON, a search
 * query) are kept; others (a stream, once read, cannot be replayed) are left out.
 */
function redactedRequest(url: string, { method, headers, body }: RequestInit): Request {
  const redacted: Record<string, string> = { ...(headers as Record<string, string>) };
  redacted.Authorization &&= `Bearer ${REDACTED}`;
  return new Request(url, { method, headers: redacted, body: typeof body === "string" ? body : null });
}
