import { ApiError, ConnectionError } from "../errors";
import { mayReceiveToken } from "./auth";
import { isRawBody, isStreamBody, toJSON } from "./body";
import { buildApiError, classify } from "./failure";
import { parseRetryAfter, retryDelay, wasNeverSent } from "./retry";
import { sleep, startDeadline, throwIfAborted } from "./sleep";
import { buildUrl } from "./url";

/** Milliseconds one HTTP attempt may take: twice the longest `Prefer: wait` (60 s) the API holds a request. */
export const DEFAULT_TIMEOUT = 120_000;
/** Retries after the first attempt, as 1.4.0 documents. */
export const DEFAULT_MAX_RETRIES = 5;

// Looked up per call, not at import, so polyfills and test interceptors installed later still apply.
export const platformFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  if (typeof globalThis.fetch !== "function") {
    throw new TypeError("No fetch implementation found: pass one with new Replicate({ fetch })");
  }
  return globalThis.fetch(input, init);
};

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
  /** Per-attempt time limit in milliseconds; overrides the client's `timeout`. 0 disables it. */
  timeout?: number;
  /** Retries after the first attempt; overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Internal: omit the JSON Content-Type (downloads and event streams). */
  json?: boolean;
}

/** The headers and the encoded body of a request, as fetch takes them. */
function encodeRequest(
  client: ClientConfig,
  url: string,
  { data, json, headers: extra }: RequestOptions,
): [Record<string, string>, BodyInit | undefined] {
  // Most calls send no body and no headers of their own: the type checks and the loop are skipped for them.
  const raw = data != null && isRawBody(data);
  const headers: Record<string, string> = {};
  // Raw bodies (FormData's multipart boundary, a Blob's type) get their Content-Type from the platform.
  if (json !== false && !raw) headers["Content-Type"] = "application/json";
  if (client.userAgent) headers["User-Agent"] = client.userAgent;
  if (client.auth && mayReceiveToken(url, client.baseUrl)) headers.Authorization = `Bearer ${client.auth}`;
  // One spelling per header, so a caller's "content-type" replaces ours rather than joining it.
  if (extra) for (const [name, value] of extra instanceof Headers ? extra : Object.entries(extra)) {
    if (value !== undefined) headers[name.toLowerCase().replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())] = String(value);
  }
  // The multipart boundary exists only in the platform's Content-Type, so a caller's must go
  // (1.4.0's own files.create passed a bare "multipart/form-data").
  if (data instanceof FormData) delete headers["Content-Type"];
  // A string sent with a non-JSON Content-Type (models.search's text/plain) goes as-is.
  const asIs = raw || (typeof data === "string" && !/json/i.test(headers["Content-Type"] ?? "json"));
  return [headers, data == null ? undefined : asIs ? (data as BodyInit) : toJSON(data)];
}

/**
 * The one place that talks to `fetch`: builds the request, applies the timeout per attempt,
 * retries what is safe to retry, and turns failures into typed errors. `consume` reads the
 * response inside the attempt (under its timeout), so a body cut mid-way is a failed attempt
 * like any other; without it the response is returned unread, its body tied to the caller's signal.
 * `consume` gets the request URL too: a Response built by a custom fetch has an empty `url`.
 */
export async function send<T = Response>(
  client: ClientConfig,
  route: string | URL,
  options: RequestOptions,
  consume?: (response: Response, url: string) => Promise<T>,
): Promise<T> {
  const { signal } = options;
  throwIfAborted(signal);
  const method = (options.method ?? "GET").toUpperCase();
  const url = buildUrl(route, client.baseUrl, options.params);
  const [headers, body] = encodeRequest(client, url, options);
  // Node's fetch requires `duplex` for a stream body; and a stream, once read, cannot be sent again.
  const stream = isStreamBody(body);
  const maxRetries = stream ? 0 : (options.maxRetries ?? client.maxRetries ?? DEFAULT_MAX_RETRIES);
  const timeout = options.timeout ?? client.timeout ?? DEFAULT_TIMEOUT;
  // Called unbound: Cloudflare Workers throw "Illegal invocation" when fetch's `this` is the client.
  const fetchFn = client.fetch;

  for (let attempt = 0; ; attempt++) {
    // An AbortController per attempt (see Deadline) only where it earns its cost: for a caller's
    // signal, which must not collect fetch's listeners, and for retries, which follow a failure, so a
    // stalling server holds at most one abandoned request per call. A body returned unread answers
    // to the caller's signal alone, which fetch then gets as it is.
    const deadline = startDeadline(timeout, signal, consume !== undefined && (signal !== undefined || attempt > 0));
    // A literal per attempt, never a spread: `{ ...init, signal }` costs ~3 µs on Node 20.
    const init: RequestInit & { duplex?: "half" } = { method, headers, body, signal: deadline.signal };
    if (stream) init.duplex = "half";
    let pending: Promise<Response> | undefined;
    let response: Response | undefined;
    let failure: unknown;
    let retryAfter: number | undefined;
    let sent = true;
    try {
      // A caller's fetch gets a URL, as 1.4.0 gave it; the platform's takes the href, which spares
      // parsing it once more (about 5 µs on Node 20).
      pending = fetchFn(fetchFn === platformFetch ? url : new URL(url), init);
      response = await deadline.race(pending);
      if (response.ok) return consume ? await deadline.race(consume(response, url)) : (response as T);
      // Read inside the attempt, so a stalled error body is bounded by the timeout and the signal too.
      const text = await deadline.race(response.text()).catch(() => "");
      throwIfAborted(signal);
      retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
      failure = buildApiError(client.auth, url, init, response, text, retryAfter);
    } catch (error) {
      // fetch threw before returning a promise: no fetch at all, or "Illegal invocation". That is
      // a setup error, not a flaky network, so it surfaces at once instead of after every retry.
      if (!pending) throw error;
      failure = classify(error, response, signal, deadline, url, client.auth);
      sent = response !== undefined || !wasNeverSent(error);
      // A response that arrives after the deadline is let go, closing its connection.
      if (deadline.expired && !deadline.controller && !response) pending.then((late) => late.body?.cancel().catch(ignore), ignore);
    } finally {
      deadline.finish();
    }

    const status = failure instanceof ApiError ? failure.status : undefined;
    const delay =
      attempt < maxRetries && (status !== undefined || failure instanceof ConnectionError)
        ? retryDelay(method, { status, retryAfter, sent }, attempt)
        : undefined;
    if (delay === undefined) throw failure;
    await sleep(delay, signal);
  }
}

function ignore(): void {}
