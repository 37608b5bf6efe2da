/** An injected `fetch` that answers from a script and records every call: counts, times, headers, bodies. */

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  /** Date.now() when the call was made (fake under vi.useFakeTimers). */
  at: number;
  signal: AbortSignal | undefined;
  /** `this` inside fetch: must be undefined (Cloudflare Workers throw "Illegal invocation" otherwise). */
  self: unknown;
}

/** One scripted answer: a Response factory, or an error to reject with. */
export type Step = ((call: RecordedCall) => Response | Promise<Response>) | Error;

export interface FetchDouble {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  calls: RecordedCall[];
  /** Milliseconds between consecutive calls: the waits the client made. */
  waits(): number[];
}

/** Answers call n with steps[n]; the last step repeats. */
export function fetchDouble(...steps: Step[]): FetchDouble {
  const calls: RecordedCall[] = [];
  const fetch = async function (this: unknown, input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const call: RecordedCall = {
      url: String(input instanceof Request ? input.url : input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: init.body,
      at: Date.now(),
      signal: init.signal ?? undefined,
      self: this,
    };
    calls.push(call);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error("fetchDouble: no steps");
    if (step instanceof Error) throw step;
    return step(call);
  } as FetchDouble;
  fetch.calls = calls;
  fetch.waits = () => calls.slice(1).map((call, i) => call.at - calls[i]!.at);
  return fetch;
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return () =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** A text answer (an HTML error page, malformed JSON). */
export function text(status: number, body: string, headers: Record<string, string> = {}): Step {
  return () => new Response(body, { status, headers });
}

/** Never answers; rejects with the signal's reason when the request is aborted, as platform fetch does. */
export function hang(): Step {
  return (call) =>
    new Promise<Response>((_, reject) => {
      const { signal } = call;
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
}

/** Answers after `ms` (fake or real time), or rejects with the signal's reason if aborted first. */
export function delayed(ms: number, step: Step): Step {
  return (call) =>
    new Promise<Response>((resolve, reject) => {
      const { signal } = call;
      const timer = setTimeout(() => {
        try {
          resolve(typeof step === "function" ? step(call) : Promise.reject(step));
        } catch (error) {
          reject(error);
        }
      }, ms);
      signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
}

/** Headers arrive, then the body never ends; it errors with the signal's reason on abort, as undici's does. */
export function stalledBody(status: number, first = ""): Step {
  return (call) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first) controller.enqueue(new TextEncoder().encode(first));
        call.signal?.addEventListener("abort", () => controller.error(call.signal?.reason), { once: true });
      },
    });
    return new Response(body, { status, headers: { "Content-Type": "application/json" } });
  };
}

/** The error undici's fetch rejects with: `TypeError("fetch failed")` whose cause carries the errno code. */
export function networkError(code: string, message = `connect ${code} 127.0.0.1:443`): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}
