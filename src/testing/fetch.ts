import { DROPPED } from "./faults";
import { problem } from "./http";
import type { Bases } from "./job";
import { routePath, type App } from "./server";

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Re-wraps the body so that aborting the request errors it mid-read, as `fetch` does. */
function followAbort(response: Response, signal: AbortSignal): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  let onAbort = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        controller.error(signal.reason);
        reader.cancel(signal.reason).catch(() => undefined);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) {
          signal.removeEventListener("abort", onAbort);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        signal.removeEventListener("abort", onAbort);
        if (!signal.aborted) controller.error(error);
      }
    },
    cancel(reason) {
      signal.removeEventListener("abort", onAbort);
      return reader.cancel(reason);
    },
  });
  return new Response(body, response);
}

/** A lost connection, shaped like undici's: `TypeError("fetch failed")` with a socket error as `cause`. */
function connectionLost(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  return new TypeError("fetch failed", { cause });
}

/** A WHATWG `fetch` answered in memory by `app` for URLs under any of `bases()`. Works unbound. */
export function createFetch(app: App, bases: () => Bases[]): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Node requires `duplex` for stream bodies; other runtimes ignore it.
    const streaming = init?.body instanceof ReadableStream;
    const request = new Request(input, streaming ? ({ ...init, duplex: "half" } as RequestInit) : init);
    const url = new URL(request.url);
    const target = bases().find((candidate) => routePath(url, candidate) !== undefined);
    if (!target) {
      const cause = new Error(`replicate/testing serves ${bases()[0]?.api} only, not ${url.origin}${url.pathname}`);
      throw new TypeError("fetch failed", { cause });
    }
    const outcome = await abortable(
      app(request, target).catch((error: unknown) => problem(500, `The fake failed: ${String(error)}`)),
      request.signal,
    );
    if (outcome === DROPPED) throw connectionLost();
    const response = followAbort(outcome, request.signal);
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  };
}
