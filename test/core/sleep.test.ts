import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep, startDeadline, throwIfAborted } from "../../src/core/sleep";
import { AbortError } from "../../src/errors";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("sleep", () => {
  it("resolves after the delay and not before", async () => {
    let done = false;
    void sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("rejects at once with an AbortError carrying the reason when the signal aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort("enough");
    await expect(waiting).rejects.toEqual(expect.objectContaining({ name: "AbortError", reason: "enough" }));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects without starting a timer when the signal is already aborted", async () => {
    await expect(sleep(1000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("unlinks from the signal once the wait is over", async () => {
    const { signal } = new AbortController();
    const waiting = sleep(10, signal);
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await waiting;
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

describe("throwIfAborted", () => {
  it("throws an AbortError only for an aborted signal", () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(AbortSignal.abort("why"))).toThrow(AbortError);
  });
});

describe("Deadline", () => {
  it("without a controller, only races: the work is let be and the race rejects at the deadline", async () => {
    const deadline = startDeadline(100, undefined, false);
    expect(deadline.signal).toBeUndefined();
    expect(deadline.controller).toBeUndefined();
    const raced = deadline.race(new Promise(() => {}));
    const outcome = raced.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(deadline.expired?.name).toBe("TimeoutError");
    expect(await outcome).toMatchObject({ name: "TimeoutError", message: "The request timed out after 100 ms" });
  });

  it("passes the work's own outcome through when it settles first", async () => {
    const deadline = startDeadline(100, undefined, false);
    await expect(deadline.race(Promise.resolve("ok"))).resolves.toBe("ok");
    await expect(deadline.race(Promise.reject(new Error("no")))).rejects.toThrow("no");
    deadline.finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(deadline.expired).toBeUndefined();
  });

  describe("a finished deadline's timer (Node keeps a duration's timer list while one lingers)", () => {
    it("lingers unref'd and inert until the next deadline finishes, so timers never pile up", async () => {
      const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
      const first = startDeadline(100, undefined, true);
      first.finish();
      const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      for (let i = 0; i < 50; i++) startDeadline(100, undefined, false).finish();
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(first.expired).toBeUndefined();
      expect(first.signal?.aborted).toBe(false);
    });

    it("is cleared at once where timers are numbers (browsers, Deno, Workers) and cannot be unref'd", () => {
      const fakeSetTimeout = globalThis.setTimeout;
      vi.stubGlobal("setTimeout", (callback: () => void, ms: number) => Number(fakeSetTimeout(callback, ms)));
      try {
        startDeadline(100, undefined, false).finish();
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.unstubAllGlobals();
      }
    });

    it("is cleared by the clearTimeout it was left under: fake timers warn when handed a real one", () => {
      vi.useRealTimers();
      const realClearTimeout = vi.spyOn(globalThis, "clearTimeout");
      const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
      startDeadline(100, undefined, false).finish();
      const realTimer = setTimeoutSpy.mock.results[0]?.value;
      vi.useFakeTimers();
      try {
        startDeadline(100, undefined, false).finish();
        expect(realClearTimeout).toHaveBeenCalledWith(realTimer);
        expect(vi.getTimerCount()).toBe(1);
      } finally {
        vi.restoreAllMocks();
      }
    });
  });

  it("with a controller, aborts its signal at the deadline with a TimeoutError reason", async () => {
    const deadline = startDeadline(100, undefined, true);
    expect(deadline.controller?.signal).toBe(deadline.signal);
    await vi.advanceTimersByTimeAsync(100);
    expect(deadline.signal?.aborted).toBe(true);
    expect((deadline.signal?.reason as DOMException).name).toBe("TimeoutError");
  });

  it("follows the caller's signal until finished, and no longer after", () => {
    const caller = new AbortController();
    const finished = startDeadline(100, caller.signal, true);
    finished.finish();
    const running = startDeadline(100, caller.signal, true);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    caller.abort("bye");
    expect(finished.signal?.aborted).toBe(false);
    expect(running.signal?.reason).toBe("bye");
  });

  it("without a controller, hands fetch the caller's own signal", () => {
    const caller = new AbortController();
    const deadline = startDeadline(100, caller.signal, false);
    expect(deadline.signal).toBe(caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    deadline.finish();
  });

  it("sets no timer for 0, NaN, Infinity or delays setTimeout cannot hold", () => {
    for (const timeout of [0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -5]) {
      const deadline = startDeadline(timeout, undefined, false);
      expect(vi.getTimerCount(), String(timeout)).toBe(0);
      deadline.finish();
    }
  });
});
