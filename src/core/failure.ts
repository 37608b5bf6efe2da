import { AbortError, ConnectionError, TimeoutError, createApiError, type ApiError, type ProblemDetails } from "../errors";
import { REDACTED, redactToken } from "./auth";
import type { Deadline } from "./sleep";

/** Maps a thrown value to AbortError, TimeoutError or ConnectionError; errors from `consume` pass through. */
export function classify(
  error: unknown,
  response: Response | undefined,
  signal: AbortSignal | undefined,
  deadline: Deadline,
  url: URL,
  auth: string | null | undefined,
): unknown {
  if (signal?.aborted) return new AbortError(signal.reason);
  if (deadline.timedOut) {
    return new TimeoutError(redactToken(`Request to ${url} timed out after ${deadline.timeout} ms`, auth), { cause: error });
  }
  // After the headers, only a TypeError means the connection failed (e.g. reset mid-body).
  if (response !== undefined && !(error instanceof TypeError)) return redactMessage(error, auth);
  return new ConnectionError(redactToken(`Request to ${url} failed: ${reasonOf(error)}`, auth), { cause: error });
}

/** undici says only "fetch failed"; the reason ("connect ECONNREFUSED 127.0.0.1:80") is on its cause. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

// `consume` errors (an InvalidResponseError quoting the body) may echo the token a server reflected.
function redactMessage(error: unknown, auth: string | null | undefined): unknown {
  if (error instanceof Error) {
    const message = redactToken(error.message, auth);
    // Only assign on a change: DOMException's message is a getter, and assigning to it throws.
    if (message !== error.message) error.message = message;
  }
  return error;
}

export function buildApiError(
  auth: string | null | undefined,
  url: URL,
  init: RequestInit,
  response: Response,
  body: string,
  retryAfter: number | undefined,
): ApiError {
  // The server may echo the request (and so the token) back: redact before it reaches message or detail.
  const text = redactToken(body, auth);
  const message = redactToken(`Request to ${url} failed with status ${response.status} ${response.statusText}: ${text}.`, auth);
  return createApiError(message, redactedRequest(url, init), response, parseProblem(text), retryAfter);
}

/** The request as sent, for `error.request`, with the token replaced. */
function redactedRequest(url: URL, init: RequestInit): Request {
  const headers = { ...(init.headers as Record<string, string>) };
  if (headers["Authorization"]) headers["Authorization"] = `Bearer ${REDACTED}`;
  try {
    return new Request(url, { method: init.method, headers, body: init.body ?? null });
  } catch {
    // A stream body cannot be replayed into a Request; the error keeps method, URL and headers.
    return new Request(url, { method: init.method, headers });
  }
}

function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as ProblemDetails) : undefined;
  } catch {
    return undefined;
  }
}
