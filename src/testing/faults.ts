import { sleep } from "./clock";
import { problem } from "./http";
import { matchPattern, segmentsOf } from "./router";
import { cutAfterEvents } from "./sse";

/**
 * A failure to inject. Scope it with `method` and `path` (a route pattern relative to the API
 * base such as `"/predictions/:id"`, or a RegExp); the effects combine in the order listed.
 */
export interface Fault {
  method?: string;
  path?: string | RegExp;
  /** Delay the answer by this many milliseconds. */
  latency?: number;
  /** Lose the connection: before the request is handled (`true`) or after (`"after"`). */
  drop?: boolean | "after";
  /** Answer with this status and the API's error body instead of handling the request. */
  status?: number;
  /** Sent as the `Retry-After` header (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** The error body's `detail`. */
  detail?: string;
  /** Cut the response body off halfway, leaving invalid JSON. */
  malformed?: boolean;
  /** End an SSE stream abruptly after this many events (no `done`). */
  cutStreamAfter?: number;
}

/** The marker for a lost connection: `fetch` rejects, a listening server destroys the socket. */
export const DROPPED = Symbol("dropped");
export type Outcome = Response | typeof DROPPED;

/** Queued faults, each consumed by the requests it matches. */
export class FaultQueue {
  private entries: { fault: Fault; remaining: number }[] = [];

  /** Injects `fault` into the next matching request, or the next `times` matching requests. */
  next(fault: Fault): this;
  next(times: number, fault: Fault): this;
  next(timesOrFault: number | Fault, fault?: Fault): this {
    const [times, chosen] = typeof timesOrFault === "number" ? [timesOrFault, fault] : [1, timesOrFault];
    if (!chosen) throw new TypeError("faults.next(times, fault) needs a fault");
    if (times > 0) this.entries.push({ fault: chosen, remaining: times });
    return this;
  }

  /** Injects `fault` into every matching request until `clear()`. */
  always(fault: Fault): this {
    this.entries.push({ fault, remaining: Infinity });
    return this;
  }

  clear(): void {
    this.entries = [];
  }

  /** Matching requests still to be faulted (`Infinity` with an `always` fault). */
  get pending(): number {
    return this.entries.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Consumes and returns the first fault matching this request. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.entries.find(({ fault }) => matches(fault, method, path));
    if (!entry) return undefined;
    if (--entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  if (fault.path instanceof RegExp) return fault.path.test(path);
  try {
    return matchPattern(fault.path.split("/").filter(Boolean), segmentsOf(path)) !== undefined;
  } catch {
    return false;
  }
}

/** Applies `fault` around `respond`, which handles the request for real. */
export async function applyFault(fault: Fault, respond: () => Promise<Response>, signal?: AbortSignal): Promise<Outcome> {
  if (fault.latency) await sleep(fault.latency, signal);
  if (fault.drop === true) return DROPPED;
  const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
  let response = fault.status
    ? problem(fault.status, fault.detail ?? `Injected fault: status ${fault.status}.`, headers)
    : await respond();
  if (fault.drop === "after") {
    await response.body?.cancel();
    return DROPPED;
  }
  if (fault.malformed) {
    const text = await response.text();
    const cut = new Headers(response.headers);
    cut.delete("content-length");
    response = new Response(text.slice(0, Math.floor(text.length / 2)), { status: response.status, headers: cut });
  }
  if (fault.cutStreamAfter !== undefined && response.body) {
    response = new Response(cutAfterEvents(response.body, fault.cutStreamAfter), response);
  }
  return response;
}
