import { AbortError, ApiError, ConnectionError, TimeoutError, createApiError, type ProblemDetails } from "../errors";
import { mayReceiveToken, redactToken } from "./auth";
import { isRawBody, toJSON } from "./body";
import { backoffDelay, isRetryableNetworkError, isRetryableStatus, MAX_RETRY_AFTER, parseRetryAfter } from "./retry";
import { sleep, throwIfAborted } from "./sleep";

/** What the request core needs from a client; the `Replicate` instance is one. */
export interface ClientConfig {
  auth?: string | null;
  userAgent?: string;
  baseUrl: string;
  fetch: (input: any, init?: any) => Promise<Response>;
  timeout?: number;
  maxRetries?: number;
}

export interface RequestOptions {
  method?: string;
  params?: Record<string, unknown>;
  headers?: Record<string, string> | Headers;
  data?: unknown;
  signal?: AbortSignal;
  /** Per-attempt time limit in milliseconds; overrides the client's `timeout`. */
  timeout?: number;
  /** Retries after the first attempt; overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Internal: omit the JSON Content-Type (downloads and event streams). */
  json?: boolean;
}

/** Resolves `route` against `baseUrl` (a trailing slash tolerated) and appends `params`. */
export function buildUrl(route: string | URL, baseUrl: string, params?: Record<string, unknown>): URL {
  const url =
    route instanceof URL
      ? new URL(route.href)
      : new URL(route.startsWith("/") ? route.slice(1) : route, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

function buildHeaders(client: ClientConfig, url: URL, options: RequestOptions, body: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.json !== false) headers["Content-Type"] = "application/json";
  headers["User-Agent"] = client.userAgent ?? "";
  if (client.auth && mayReceiveToken(url, client.baseUrl)) headers["Authorization"] = `Bearer ${client.auth}`;
  new Headers(options.headers).forEach((value, name) => {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
    headers[canonical(name)] = value;
  });
  // FormData needs the platform's multipart boundary in its Content-Type.
  if (typeof FormData !== "undefined" && body instanceof FormData) delete headers["Content-Type"];
  return headers;
}

function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function encodeBody(data: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  if (isRawBody(data)) return data;
  // A string sent with a non-JSON Content-Type (models.search's text/plain) goes as-is.
  if (typeof data === "string" && !/json/i.test(headers["Content-Type"] ?? "json")) return data;
  return toJSON(data);
}

/**
 * The one place that talks to `fetch`: builds the request, applies the timeout per attempt,
 * retries what is safe to retry, and turns failures into typed errors. `consume` reads the
 * response inside the attempt, so a body cut mid-way is retried like any other failure; without
 * it the response is returned unread (its body stays tied to the caller's signal).
 */
export async function send<T = Response>(
  client: ClientConfig,
  route: string | URL,
  options: RequestOptions,
  consume?: (response: Response) => Promise<T>,
): Promise<T> {
  const { signal } = options;
  throwIfAborted(signal);
  const method = (options.method ?? "GET").toUpperCase();
  const url = buildUrl(route, client.baseUrl, options.params);
  const headers = buildHeaders(client, url, options, options.data);
  const init: RequestInit = { method, headers, body: encodeBody(options.data, headers) };
  const maxRetries = options.maxRetries ?? client.maxRetries ?? 5;
  const timeout = options.timeout ?? client.timeout;

  for (let attempt = 0; ; attempt++) {
    const deadline = startAttempt(signal, timeout);
    let response: Response | undefined;
    try {
      // Called unbound: Cloudflare Workers throw "Illegal invocation" when fetch's `this` is the client.
      const fetchFn = client.fetch;
      response = await fetchFn(url, { ...init, signal: deadline.signal });
      if (response.ok) {
        if (!consume) {
          deadline.clearTimer();
          return response as T;
        }
        return await consume(response);
      }
    } catch (error) {
      const failure = classify(error, response === undefined, signal, deadline, url, client.auth);
      const retryable = failure instanceof ConnectionError && isRetryableNetworkError(method, response ? {} : error);
      if (!retryable || attempt >= maxRetries) throw failure;
      await sleep(backoffDelay(attempt), signal);
      continue;
    } finally {
      if (consume || !response?.ok) deadline.finish();
    }

    const text = await response.text().catch(() => "");
    const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
    const error = buildApiError(client, url, init, response, text, retryAfter);
    if (attempt >= maxRetries || !isRetryableStatus(method, response.status)) throw error;
    if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER) throw error;
    await sleep(retryAfter ?? backoffDelay(attempt), signal);
  }
}

/** Maps a thrown value to AbortError, TimeoutError or ConnectionError; errors from `consume` pass through. */
function classify(error: unknown, beforeResponse: boolean, signal: AbortSignal | undefined, deadline: Attempt, url: URL, auth?: string | null): unknown {
  if (signal?.aborted) return new AbortError(signal.reason);
  if (deadline.timedOut) return new TimeoutError(`Request to ${url} timed out after ${deadline.timeout} ms`, { cause: error });
  // After the headers, only a TypeError means the connection failed (e.g. reset mid-body).
  if (!beforeResponse && !(error instanceof TypeError)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionError(redactToken(`Request to ${url} failed: ${reason}`, auth), { cause: error });
}

function buildApiError(client: ClientConfig, url: URL, init: RequestInit, response: Response, text: string, retryAfter?: number): ApiError {
  const message = redactToken(
    `Request to ${url} failed with status ${response.status} ${response.statusText}: ${text}.`,
    client.auth,
  );
  const headers = { ...(init.headers as Record<string, string>) };
  if (headers["Authorization"]) headers["Authorization"] = "Bearer [redacted]";
  const request = redactedRequest(url, init.method ?? "GET", headers, init.body);
  return createApiError(message, request, response, parseProblem(text), retryAfter);
}

function redactedRequest(url: URL, method: string, headers: Record<string, string>, body: BodyInit | null | undefined): Request {
  try {
    return new Request(url, { method, headers, body: body ?? null });
  } catch {
    // Stream bodies can't be replayed into a Request; the error keeps method, URL and headers.
    return new Request(url, { method, headers });
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

interface Attempt {
  signal: AbortSignal | undefined;
  timedOut: boolean;
  timeout: number | undefined;
  clearTimer(): void;
  finish(): void;
}

/** A signal for one attempt: the caller's signal, plus the timeout when there is one. */
function startAttempt(signal: AbortSignal | undefined, timeout: number | undefined): Attempt {
  if (!timeout) return { signal, timedOut: false, timeout, clearTimer() {}, finish() {} };
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    attempt.timedOut = true;
    controller.abort(new TimeoutError(`Timed out after ${timeout} ms`));
  }, timeout);
  const attempt: Attempt = {
    signal: controller.signal,
    timedOut: false,
    timeout,
    clearTimer: () => clearTimeout(timer),
    // Unlinks from a long-lived caller signal, which would otherwise collect one listener per request.
    finish() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
  return attempt;
}
