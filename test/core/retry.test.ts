import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  BASE_DELAY,
  isRetryableStatus,
  MAX_DELAY,
  MAX_RETRY_AFTER,
  parseRetryAfter,
  retryDelay,
  wasNeverSent,
} from "../../src/core/retry";
import Replicate, { AbortError, ApiError, ConnectionError, InternalServerError, RateLimitError, TimeoutError } from "../../src/index";
import { fetchDouble, hang, json, networkError, text, type Step } from "../reliability/support/fetch-double";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const prediction = { id: "p1", status: "starting", urls: {} };
const serverError = text(500, "upstream exploded");
const ok = json(200, prediction);
const created = json(201, prediction);

/** Settles `promise` into a value or an error, so it can run under fake timers without an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("backoffDelay", () => {
  it("doubles from 500 ms and stops at the 8 s cap when there is no jitter", () => {
    const waits = [0, 1, 2, 3, 4, 5, 10, 60].map((attempt) => backoffDelay(attempt, () => 0));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect([BASE_DELAY, MAX_DELAY]).toEqual([500, 8000]);
  });

  it("takes at most a quarter off a step, whatever the random draw", () => {
    for (const attempt of [0, 1, 2, 3, 4, 7]) {
      const step = Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
      expect(backoffDelay(attempt, () => 0.999_999)).toBe(Math.round(step * 0.75));
      expect(backoffDelay(attempt, () => 0.5)).toBe(Math.round(step * 0.875));
    }
  });

  it("grows from one attempt to the next below the cap even with opposite jitter draws", () => {
    for (let attempt = 0; BASE_DELAY * 2 ** (attempt + 1) <= MAX_DELAY; attempt++) {
      expect(backoffDelay(attempt + 1, () => 0.999_999)).toBeGreaterThan(backoffDelay(attempt, () => 0));
    }
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");

  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });

  it("reads an HTTP date in each RFC 9110 form as the time left until it", () => {
    expect(parseRetryAfter("Wed, 01 May 2024 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wednesday, 01-May-24 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed May  1 12:00:02 2024", now)).toBe(2000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Wed, 01 May 2024 11:59:00 GMT", now)).toBe(0);
  });

  it("ignores absent and malformed values instead of guessing (Date.parse reads \"-1\" as a year)", () => {
    for (const value of [null, undefined, "", "soon", "-1", "1 apple", "1e3", "0x10", "Infinity", "12 May"]) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });
});

describe("retryDelay (the policy)", () => {
  const none = () => 0;

  it("retries safe methods on 408, 429 and every 5xx", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "QUERY", "get"]) {
      for (const status of [408, 429, 500, 502, 503, 504, 599]) {
        expect(retryDelay(method, { status }, 0, none), `${method} ${status}`).toBe(500);
      }
    }
  });

  it("retries other methods on 429 only", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(retryDelay(method, { status: 429 }, 1, none)).toBe(1000);
      for (const status of [408, 500, 502, 503, 504]) expect(retryDelay(method, { status }, 0, none), `${method} ${status}`).toBeUndefined();
    }
  });

  it("never retries other client errors", () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(retryDelay("GET", { status }, 0, none), String(status)).toBeUndefined();
      expect(isRetryableStatus("GET", status)).toBe(false);
    }
  });

  it("waits exactly what Retry-After says up to the ceiling, and refuses to wait past it", () => {
    expect(retryDelay("POST", { status: 429, retryAfter: 0 }, 3)).toBe(0);
    expect(retryDelay("POST", { status: 429, retryAfter: 7000 }, 0)).toBe(7000);
    expect(retryDelay("GET", { status: 503, retryAfter: MAX_RETRY_AFTER }, 0)).toBe(60_000);
    expect(retryDelay("GET", { status: 503, retryAfter: MAX_RETRY_AFTER + 1 }, 0)).toBeUndefined();
  });

  it("retries network failures for safe methods, and for others only when nothing was sent", () => {
    expect(retryDelay("GET", { sent: true }, 2, none)).toBe(2000);
    expect(retryDelay("POST", { sent: true }, 0, none)).toBeUndefined();
    expect(retryDelay("POST", { sent: false }, 0, none)).toBe(500);
  });
});

describe("wasNeverSent", () => {
  it("recognises undici's cause codes that prove no connection was made", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]) {
      expect(wasNeverSent(networkError(code)), code).toBe(true);
    }
  });

  it("rejects codes after which the server may have the request", () => {
    for (const code of ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT"]) {
      expect(wasNeverSent(networkError(code)), code).toBe(false);
    }
    expect(wasNeverSent(new TypeError("fetch failed"))).toBe(false);
    expect(wasNeverSent(new DOMException("timed out", "TimeoutError"))).toBe(false);
    expect(wasNeverSent("ECONNREFUSED")).toBe(false);
    expect(wasNeverSent(null)).toBe(false);
  });

  it("reads node-fetch's code on the error itself and every address of a happy-eyeballs AggregateError", () => {
    expect(wasNeverSent(Object.assign(new Error("request failed"), { code: "ECONNREFUSED" }))).toBe(true);
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const allRefused = new AggregateError([refused("::1:80"), refused("127.0.0.1:80")]);
    expect(wasNeverSent(new TypeError("fetch failed", { cause: allRefused }))).toBe(true);
    const oneReset = new AggregateError([refused("::1:80"), Object.assign(new Error("reset"), { code: "ECONNRESET" })]);
    expect(wasNeverSent(new TypeError("fetch failed", { cause: oneReset }))).toBe(false);
    expect(wasNeverSent(new TypeError("fetch failed", { cause: new AggregateError([]) }))).toBe(false);
  });
});

describe("retries through the client (counting fetch, fake timers, no jitter)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse("2024-05-01T12:00:00Z") });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("retries a GET on 5xx with growing waits until it succeeds", async () => {
    const fetch = fetchDouble(serverError, text(503, ""), ok);
    const replicate = new Replicate({ auth: "t", fetch });
    const result = settle(replicate.predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.calls).toHaveLength(3);
    expect(fetch.waits()).toEqual([500, 1000]);
  });

  it("gives up after maxRetries (default 5) and raises the last error", async () => {
    const fetch = fetchDouble(serverError);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(ApiError);
    expect(fetch.calls).toHaveLength(6);
    expect(fetch.waits()).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("honours Retry-After in seconds instead of the back-off", async () => {
    const fetch = fetchDouble(json(429, { detail: "slow down" }, { "Retry-After": "3" }), ok);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.waits()).toEqual([3000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const fetch = fetchDouble(json(429, {}, { "Retry-After": "Wed, 01 May 2024 12:00:07 GMT" }), ok);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.waits()).toEqual([7000]);
  });

  it("honours Retry-After on a 503 too", async () => {
    const fetch = fetchDouble(text(503, "", { "Retry-After": "2" }), ok);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.waits()).toEqual([2000]);
  });

  it("waits out a Retry-After at the 60 s ceiling", async () => {
    const fetch = fetchDouble(json(429, {}, { "Retry-After": "60" }), ok);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.waits()).toEqual([60_000]);
  });

  it("raises at once, carrying the wait, when Retry-After is above the ceiling", async () => {
    const fetch = fetchDouble(json(429, { detail: "Request was throttled." }, { "Retry-After": "120" }), ok);
    const { error } = await settle(new Replicate({ auth: "t", fetch }).predictions.get("p1"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120_000);
    expect((error as RateLimitError).detail).toBe("Request was throttled.");
    expect(fetch.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // the finished attempt's deadline, lingering unref'd (src/core/sleep.ts)
  });

  it("takes maxRetries from the client option", async () => {
    const fetch = fetchDouble(serverError);
    const replicate = new Replicate({ auth: "t", fetch, maxRetries: 2 });
    const result = settle(replicate.predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(InternalServerError);
    expect(fetch.calls).toHaveLength(3);
  });

  it("lets a call override maxRetries, down to 0 and up past the client's", async () => {
    const fetch = fetchDouble(serverError);
    const replicate = new Replicate({ auth: "t", fetch, maxRetries: 2 });

    const none = await settle(replicate.predictions.get("p1", { maxRetries: 0 }));
    expect(none.error).toBeInstanceOf(InternalServerError);
    expect(fetch.calls).toHaveLength(1);

    const more = settle(replicate.request("/predictions/p1", { maxRetries: 4 }));
    await vi.runAllTimersAsync();
    expect((await more).error).toBeInstanceOf(InternalServerError);
    expect(fetch.calls).toHaveLength(1 + 5);
  });

  it("never re-sends a POST answered with 5xx (the server may have acted)", async () => {
    const fetch = fetchDouble(serverError, created);
    const replicate = new Replicate({ auth: "t", fetch });
    const { error } = await settle(replicate.predictions.create({ version: "v1", input: {} }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(fetch.calls).toHaveLength(1);
  });

  it("never re-sends a POST after a reset connection", async () => {
    const reset = networkError("ECONNRESET", "read ECONNRESET");
    const fetch = fetchDouble(reset, created);
    const { error } = await settle(new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input: {} }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("read ECONNRESET");
    expect((error as Error).cause).toBe(reset);
    expect(fetch.calls).toHaveLength(1);
  });

  it("never re-sends a POST that timed out", async () => {
    const fetch = fetchDouble(hang(), created);
    const result = settle(new Replicate({ auth: "t", fetch, timeout: 1000 }).predictions.create({ version: "v1", input: {} }));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(TimeoutError);
    expect(fetch.calls).toHaveLength(1);
  });

  it("re-sends a POST answered with 429, which the server refused without acting", async () => {
    const fetch = fetchDouble(json(429, {}), created);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input: {} }));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.calls.map((call) => call.method)).toEqual(["POST", "POST"]);
    expect(fetch.waits()).toEqual([500]);
  });

  it("re-sends a POST whose connection was refused, which proves it was never sent", async () => {
    const fetch = fetchDouble(networkError("ECONNREFUSED"), created);
    const result = settle(new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input: {} }));
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(prediction);
    expect(fetch.calls).toHaveLength(2);
    expect(fetch.waits()).toEqual([500]);
  });

  it("retries a GET after any network error, then raises a ConnectionError carrying the cause", async () => {
    const reset = networkError("ECONNRESET", "read ECONNRESET");
    const fetch = fetchDouble(reset);
    const result = settle(new Replicate({ auth: "t", fetch, maxRetries: 2 }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBe(reset);
    expect(fetch.waits()).toEqual([500, 1000]);
  });

  describe("every wait ends at once on abort, and nothing more is sent", () => {
    async function abortDuringWait(first: Step, waitAt: number) {
      const fetch = fetchDouble(first, ok);
      const controller = new AbortController();
      const result = settle(new Replicate({ auth: "t", fetch }).predictions.get("p1", { signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(waitAt);
      expect(fetch.calls).toHaveLength(1);
      controller.abort(new Error("user gave up"));
      const { error } = await result; // settles with no timer advanced
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).reason).toEqual(new Error("user gave up"));
      expect(vi.getTimerCount()).toBe(1); // the finished attempt's deadline, lingering unref'd (src/core/sleep.ts)
      await vi.runAllTimersAsync();
      expect(fetch.calls).toHaveLength(1);
    }

    it("the back-off after a 5xx", () => abortDuringWait(serverError, 100));
    it("a Retry-After wait", () => abortDuringWait(json(429, {}, { "Retry-After": "30" }), 10_000));
    it("the back-off after a network error", () => abortDuringWait(() => Promise.reject(networkError("ECONNRESET")), 100));
  });

  it("sends nothing when the signal is already aborted", async () => {
    const fetch = fetchDouble(ok);
    const { error } = await settle(new Replicate({ auth: "t", fetch }).request("/account", { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe("compared with 1.4.0 (real timers)", () => {
  it("1.4.0 re-sends at once without waiting; this client waits between attempts", async () => {
    const old = fetchDouble(serverError, serverError, ok);
    await new Replicate14({ auth: "t", fetch: old }).predictions.get("p1");
    expect(Math.max(...old.waits())).toBeLessThan(100); // 1.4.0: no back-off at all

    const fetch = fetchDouble(serverError, ok);
    const replicate = new Replicate({ auth: "t", fetch });
    await replicate.predictions.get("p1");
    expect(fetch.waits()[0]).toBeGreaterThanOrEqual(375);
  });

  it("1.4.0 ignores Retry-After; this client waits it out", async () => {
    const throttled = json(429, {}, { "Retry-After": "1" });
    const old = fetchDouble(throttled, ok);
    await new Replicate14({ auth: "t", fetch: old }).predictions.get("p1");
    expect(old.waits()[0]).toBeLessThan(500);

    const fetch = fetchDouble(throttled, ok);
    await new Replicate({ auth: "t", fetch }).predictions.get("p1");
    expect(fetch.waits()[0]).toBeGreaterThanOrEqual(995);
  });

  it("1.4.0 re-sends a POST six times after a reset (duplicate predictions); this client sends it once", async () => {
    const reset = () => Promise.reject(networkError("ECONNRESET"));
    const old = fetchDouble(reset);
    await new Replicate14({ auth: "t", fetch: old }).predictions.create({ version: "v1", input: {} }).catch(() => {});
    expect(old.calls.filter((call) => call.method === "POST")).toHaveLength(6);

    const fetch = fetchDouble(reset);
    await expect(new Replicate({ auth: "t", fetch }).predictions.create({ version: "v1", input: {} })).rejects.toBeInstanceOf(ConnectionError);
    expect(fetch.calls).toHaveLength(1);
  });

  it("1.4.0 has no maxRetries option; this client honours 0", async () => {
    const old = fetchDouble(serverError);
    await new Replicate14({ auth: "t", fetch: old, maxRetries: 0 }).predictions.get("p1").catch(() => {});
    expect(old.calls.length).toBeGreaterThan(1);

    const fetch = fetchDouble(serverError);
    await new Replicate({ auth: "t", fetch, maxRetries: 0 }).predictions.get("p1").catch(() => {});
    expect(fetch.calls).toHaveLength(1);
  });
});
