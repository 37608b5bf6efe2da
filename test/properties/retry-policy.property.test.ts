import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, BASE_DELAY, MAX_DELAY, MAX_RETRY_AFTER, parseRetryAfter, retryDelay } from "../../src/core/retry";

const RUNS = { numRuns: 1000 };
const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const attempt = fc.integer({ min: 0, max: 60 });
const step = (n: number) => Math.min(MAX_DELAY, BASE_DELAY * 2 ** n);
const safe = fc.constantFrom("GET", "HEAD", "OPTIONS", "QUERY", "get", "query");
const unsafe = fc.constantFrom("POST", "PUT", "PATCH", "DELETE", "post");
const status = fc.integer({ min: 400, max: 599 });

describe("back-off (property)", () => {
  it("stays within [75%, 100%] of its step and never exceeds the cap", () => {
    fc.assert(
      fc.property(attempt, draw, (n, r) => {
        const delay = backoffDelay(n, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.round(step(n) * 0.75));
        expect(delay).toBeLessThanOrEqual(step(n));
        expect(delay).toBeLessThanOrEqual(MAX_DELAY);
      }),
      RUNS,
    );
  });

  it("grows from each attempt to the next below the cap, whatever the two draws", () => {
    const belowCap = fc.integer({ min: 0, max: Math.log2(MAX_DELAY / BASE_DELAY) - 1 });
    fc.assert(
      fc.property(belowCap, draw, draw, (n, r1, r2) => {
        expect(backoffDelay(n + 1, () => r2)).toBeGreaterThan(backoffDelay(n, () => r1));
      }),
      RUNS,
    );
  });

  it("adds up to a bounded total for any number of retries", () => {
    fc.assert(
      fc.property(fc.array(draw, { minLength: 1, maxLength: 30 }), (draws) => {
        const total = draws.reduce((sum, r, n) => sum + backoffDelay(n, () => r), 0);
        expect(total).toBeLessThanOrEqual(draws.reduce((sum, _, n) => sum + step(n), 0));
      }),
      RUNS,
    );
  });
});

describe("retry decisions (property)", () => {
  it("never re-sends a non-safe request the server may have acted on", () => {
    fc.assert(
      fc.property(unsafe, status, attempt, (method, code, n) => {
        expect(retryDelay(method, { sent: true }, n)).toBeUndefined();
        if (code !== 429) expect(retryDelay(method, { status: code }, n)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("retries every safe request that failed on the network or with 408, 429 or 5xx", () => {
    fc.assert(
      fc.property(safe, fc.oneof(fc.constant(408), fc.constant(429), fc.integer({ min: 500, max: 599 })), attempt, fc.boolean(), (method, code, n, sent) => {
        expect(retryDelay(method, { status: code }, n)).toBeGreaterThan(0);
        expect(retryDelay(method, { sent }, n)).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("waits exactly the Retry-After the server asked for, or raises when it is above the ceiling", () => {
    fc.assert(
      fc.property(fc.oneof(safe, unsafe), fc.nat({ max: 10 * MAX_RETRY_AFTER }), attempt, (method, retryAfter, n) => {
        const delay = retryDelay(method, { status: 429, retryAfter }, n);
        expect(delay).toBe(retryAfter <= MAX_RETRY_AFTER ? retryAfter : undefined);
      }),
      RUNS,
    );
  });

  it("never waits longer than the larger of the back-off cap and the Retry-After ceiling", () => {
    const failure = fc.oneof(
      fc.record({ status, retryAfter: fc.option(fc.nat({ max: 10 * MAX_RETRY_AFTER }), { nil: undefined }) }),
      fc.record({ sent: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.oneof(safe, unsafe), failure, attempt, (method, f, n) => {
        const delay = retryDelay(method, f, n);
        if (delay !== undefined) expect(delay).toBeLessThanOrEqual(Math.max(MAX_DELAY, MAX_RETRY_AFTER));
      }),
      RUNS,
    );
  });
});

describe("parseRetryAfter (property)", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");

  it("reads any delta-seconds as that many milliseconds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), now)).toBe(seconds * 1000);
      }),
      RUNS,
    );
  });

  it("reads any IMF-fixdate as the time left until it, zero once past", () => {
    const date = fc.date({ min: new Date(now - 86_400_000), max: new Date(now + 86_400_000), noInvalidDate: true });
    fc.assert(
      fc.property(date, (when) => {
        const whole = Math.floor(when.getTime() / 1000) * 1000; // HTTP dates have whole seconds
        expect(parseRetryAfter(new Date(whole).toUTCString(), now)).toBe(Math.max(0, whole - now));
      }),
      RUNS,
    );
  });

  it("never throws, and gives either undefined or a finite wait of zero or more, for any header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (header) => {
        const wait = parseRetryAfter(header, now);
        if (wait !== undefined) {
          expect(Number.isFinite(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });
});
