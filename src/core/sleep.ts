import { AbortError } from "../errors";

/** Waits `ms`, rejecting with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    throwIfAborted(signal);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Throws an AbortError when `signal` is already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}

// setTimeout fires at once for delays above 2^31-1 ms; those (and 0, NaN, Infinity) mean "no limit".
const MAX_TIMER = 2 ** 31 - 1;

/**
 * The time limit of one HTTP attempt.
 *
 * An `abortable` deadline owns an AbortController, linked to the caller's signal, for fetch: the
 * deadline aborts it and the connection closes. Otherwise fetch gets the caller's signal (if any)
 * as it is, and `race` stops waiting at the deadline, abandoning the work. That is the fast path:
 * on Node 20 an AbortController and the signal handling it costs fetch come to about 15 µs, 3% of
 * a whole API call.
 */
export class Deadline {
  /** The TimeoutError DOMException the deadline fired with; undefined while there is time left. */
  declare expired: DOMException | undefined;
  /** The signal to hand to fetch: this attempt's own when abortable, else the caller's. */
  declare readonly signal: AbortSignal | undefined;
  /** The attempt's controller; undefined when work cut short by the deadline is left running. */
  declare readonly controller: AbortController | undefined;
  declare readonly timeout: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unlink: (() => void) | undefined;
  #expire: ((reason: unknown) => void) | undefined;

  constructor(timeout: number, caller: AbortSignal | undefined, abortable: boolean) {
    this.timeout = timeout;
    const controller = (this.controller = abortable ? new AbortController() : undefined);
    this.signal = controller ? controller.signal : caller;
    if (controller && caller) {
      const onAbort = () => controller.abort(caller.reason);
      caller.addEventListener("abort", onAbort, { once: true });
      this.#unlink = () => caller.removeEventListener("abort", onAbort);
    }
    if (timeout > 0 && timeout <= MAX_TIMER) {
      this.#timer = setTimeout(() => {
        const reason = (this.expired = new DOMException(`The request timed out after ${timeout} ms`, "TimeoutError"));
        controller?.abort(reason);
        this.#expire?.(reason);
      }, timeout);
    }
  }

  /** Settles like `work`, or rejects when the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T> {
    // An aborted controller makes fetch (and its body) reject by itself.
    if (this.controller || !this.#timer) return work;
    return new Promise<T>((resolve, reject) => {
      if (this.expired) reject(this.expired);
      this.#expire = reject;
      work.then(resolve, reject);
    });
  }

  /** Stops the clock and unlinks from the caller's signal, which may outlive many requests. */
  finish(): void {
    clearTimeout(this.#timer);
    this.#unlink?.();
  }
}
