/**
 * A bounded load test (counted, not timed): 1,000 concurrent predictions.create, then 1,000
 * concurrent run() calls in poll mode, against a local API that throttles about 20% of requests (429) and fails
 * about 10% of GETs (5xx). Every call must settle successfully, each prediction must be created
 * exactly once, no rejection may go unhandled, and the heap must stay bounded.
 */
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Replicate from "../../src/index";
import { listen, readBody, sendJSON, type LocalServer } from "./support/server";

const CALLS = 1000;
const POLLS_BEFORE_SUCCESS = 2;
// Enough that no call exhausts its retries: a GET fails ~28% of attempts here, and 0.28^13 ≈ 1e-7.
const MAX_RETRIES = 12;
const MB = 1024 * 1024;
/** Peak heap growth while the calls run (garbage included), and what is still held after they settle. */
const PEAK_BOUND = 200 * MB;
const RETAINED_BOUND = 32 * MB;

// A collection on demand, so "still held afterwards" measures leaks rather than garbage not yet collected.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** A seeded generator (mulberry32), so the faults fall the same way on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stats {
  requests: number;
  throttled: number;
  failed: number;
  /** Creations per client-generated request id: any count above 1 is a duplicate prediction. */
  creations: Map<string, number>;
}

/** The fake API: creates predictions, answers polls with `processing` twice then `succeeded`. */
async function startApi(stats: Stats): Promise<LocalServer> {
  const random = seeded(5);
  const polls = new Map<string, number>();
  return listen(async (req, res) => {
    stats.requests++;
    const body = req.method === "POST" ? await readBody(req) : "";
    if (random() < 0.2) {
      stats.throttled++;
      // Mostly "retry now", sometimes a real wait: both must be honoured.
      return sendJSON(res, 429, { detail: "Request was throttled." }, { "Retry-After": random() < 0.9 ? "0" : "1" });
    }
    if (req.method === "GET" && random() < 0.1) {
      stats.failed++;
      return sendJSON(res, random() < 0.5 ? 500 : 503, { detail: "try again" });
    }
    if (req.method === "POST") {
      const { input } = JSON.parse(body) as { input: { request_id: string } };
      const id = input.request_id;
      stats.creations.set(id, (stats.creations.get(id) ?? 0) + 1);
      polls.set(id, 0);
      return sendJSON(res, 201, { id, status: "starting", input, output: null, urls: {} });
    }
    const id = decodeURIComponent(req.url!.split("/").pop()!);
    const count = (polls.get(id) ?? 0) + 1;
    polls.set(id, count);
    const done = count > POLLS_BEFORE_SUCCESS;
    sendJSON(res, 200, { id, status: done ? "succeeded" : "processing", output: done ? `done:${id}` : null, urls: {} });
  });
}

describe("under load (1,000 creates and 1,000 runs at once, 429s and 5xx injected)", () => {
  const stats: Stats = { requests: 0, throttled: 0, failed: 0, creations: new Map() };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  let api: LocalServer;

  beforeAll(async () => {
    api = await startApi(stats);
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await api.close();
  });

  it("settles every call, creates each prediction once, leaks no rejection and keeps the heap bounded", { timeout: 120_000 }, async () => {
    const replicate = new Replicate({ auth: "r8_load", baseUrl: `${api.origin}/v1`, maxRetries: MAX_RETRIES });
    collect();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 25);

    // Two waves of 1,000 concurrent calls: every create at once, then every run at once.
    const createIds = Array.from({ length: CALLS }, () => randomUUID());
    const runIds = Array.from({ length: CALLS }, () => randomUUID());
    const started = performance.now();
    const creates = await Promise.allSettled(createIds.map((request_id) => replicate.predictions.create({ version: "v1", input: { request_id } })));
    const runs = await Promise.allSettled(
      runIds.map((request_id) => replicate.run("owner/model", { input: { request_id }, wait: { mode: "poll", interval: 10 } })),
    );
    const results = [...creates, ...runs];
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    collect();
    const retained = process.memoryUsage().heapUsed - baseline;

    const rejected = results.filter((r) => r.status === "rejected");
    const duplicates = [...stats.creations.values()].filter((n) => n > 1).length;
    const figures = {
      calls: results.length,
      settled: results.length,
      rejected: rejected.length,
      requests: stats.requests,
      retries: stats.throttled + stats.failed,
      throttled429: stats.throttled,
      failed5xx: stats.failed,
      created: stats.creations.size,
      duplicates,
      unhandledRejections: unhandled.length,
      peakHeapGrowthMB: Math.round((peak - baseline) / MB),
      retainedHeapMB: Math.round(retained / MB),
      seconds: Math.round(seconds * 10) / 10,
    };
    console.log(`load test: ${JSON.stringify(figures)}`);

    expect(rejected.map((r) => String((r as PromiseRejectedResult).reason)).slice(0, 3)).toEqual([]);
    // Each create resolved with its own prediction, each run with its own output.
    createIds.forEach((id, i) => expect((results[i] as PromiseFulfilledResult<{ id: string }>).value.id).toBe(id));
    runIds.forEach((id, i) => expect((results[CALLS + i] as PromiseFulfilledResult<string>).value).toBe(`done:${id}`));
    expect(stats.creations.size).toBe(2 * CALLS);
    expect(duplicates).toBe(0);
    expect(unhandled).toEqual([]);
    // Every retry the client made answers one injected failure, and nothing else was re-sent.
    const polls = CALLS * (POLLS_BEFORE_SUCCESS + 1);
    expect(stats.requests).toBe(2 * CALLS + polls + stats.throttled + stats.failed);
    expect(stats.throttled).toBeGreaterThan(0.15 * stats.requests);
    expect(stats.failed).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(PEAK_BOUND);
    expect(retained).toBeLessThan(RETAINED_BOUND);
  });
});
