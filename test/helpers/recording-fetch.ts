/**
 * An injectable `fetch` that records every call and answers from a responder, for tests that
 * count requests or inspect exactly what the client handed to `fetch`.
 *
 *   const api = recordingFetch(() => json({ id: "p1" }));
 *   const replicate = new Replicate({ auth: "t", fetch: api.fetch });
 *   await replicate.predictions.get("p1");
 *   expect(api.calls[0]).toMatchObject({ method: "GET", path: "/v1/predictions/p1" });
 */

export interface RecordedCall {
  method: string;
  url: URL;
  /** `url.pathname`, for short assertions. */
  path: string;
  /** The headers exactly as the client passed them in `init` (no platform defaults added). */
  headers: Headers;
  /** The body as the platform would send it: bytes, and the Content-Type it would add (multipart boundary). */
  body: Uint8Array;
  bodyType: string | null;
  /** `this` inside the fetch call: must be undefined (Cloudflare Workers' "Illegal invocation"). */
  thisValue: unknown;
  signal: AbortSignal | null | undefined;
  text(): string;
  json(): unknown;
  formData(): Promise<FormData>;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  calls: RecordedCall[];
}

export function recordingFetch(respond: Responder = () => json({})): RecordingFetch {
  const calls: RecordedCall[] = [];
  async function fetch(this: unknown, input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const thisValue = this;
    // Serialize through a Request without the signal, so an aborted call can still be recorded.
    const request = new Request(input, { ...init, signal: null });
    const body = new Uint8Array(await request.arrayBuffer());
    const bodyType = request.headers.get("content-type");
    const url = new URL(request.url);
    const call: RecordedCall = {
      method: request.method,
      url,
      path: url.pathname,
      headers: new Headers(init?.headers),
      body,
      bodyType,
      thisValue,
      signal: init?.signal,
      text: () => new TextDecoder().decode(body),
      json: () => JSON.parse(new TextDecoder().decode(body)),
      formData: () => new Response(body, { headers: bodyType ? { "Content-Type": bodyType } : {} }).formData(),
    };
    calls.push(call);
    init?.signal?.throwIfAborted();
    return respond(call);
  }
  return { fetch, calls };
}

/** Answers the responses in order, one per call; fails loudly when the client asks for more. */
export function inOrder(...responses: Array<Response | (() => Response)>): Responder {
  let next = 0;
  return () => {
    const response = responses[next++];
    if (!response) throw new Error(`Unexpected request #${next}: only ${responses.length} responses were queued`);
    return typeof response === "function" ? response() : response;
  };
}

/** A JSON response. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "Content-Type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });
}

/** A 204 No Content response, as the API answers deletes. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
