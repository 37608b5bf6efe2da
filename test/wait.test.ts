import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import Replicate, { AbortError, PredictionError, type Prediction } from "../src/index";
import { isTerminal, pollPrediction } from "../src/wait";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const ID = "rrr4z55ocneqzikepnug6xezpe";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** GET /predictions/{id} answers `states` in turn (the last one repeats); records when each poll came. */
function pollsAnswering(...states: object[]) {
  const polls: { path: string; at: number }[] = [];
  const fetch = vi.fn(async (url: string | URL, init: RequestInit = {}) => {
    const path = new URL(String(url)).pathname;
    if ((init.method ?? "GET") !== "GET") return json({ id: ID, status: "canceled" });
    polls.push({ path, at: performance.now() });
    return json({ id: ID, ...states[Math.min(polls.length - 1, states.length - 1)] });
  });
  const gaps = () => polls.slice(1).map((poll, i) => poll.at - polls[i]!.at);
  return { fetch, polls, gaps };
}

const client = (fetch: unknown) => new Replicate({ auth: "r8_test", fetch: fetch as typeof globalThis.fetch });
const client14 = (fetch: unknown) => new Replicate14({ auth: "r8_test", fetch });
const starting = { id: ID, status: "starting" } as Prediction;

describe("isTerminal", () => {
  it.each([
    ["succeeded", true],
    ["failed", true],
    ["canceled", true],
    ["aborted", true],
    ["starting", false],
    ["processing", false],
    [undefined, false],
  ])("%s → %s", (status, terminal) => {
    expect(isTerminal({ status })).toBe(terminal);
  });
});

describe("wait()", () => {
  it.each(["succeeded", "canceled", "aborted"])("returns a %s prediction at once, with no request", async (status) => {
    const { fetch } = pollsAnswering({ status: "processing" });
    const prediction = { id: ID, status } as Prediction;
    await expect(client(fetch).wait(prediction)).resolves.toBe(prediction);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("returns an already-failed prediction at once, as 1.4.0 does", async () => {
    const { fetch } = pollsAnswering({ status: "processing" });
    const prediction = { id: ID, status: "failed", error: "boom" } as Prediction;
    await expect(client14(fetch).wait(prediction)).resolves.toBe(prediction);
    await expect(client(fetch).wait(prediction)).resolves.toBe(prediction);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("polls GET /predictions/{id} every 500 ms by default until the prediction ends", async () => {
    const api = pollsAnswering({ status: "processing" }, { status: "succeeded", output: "done" });
    await expect(client(api.fetch).wait(starting)).resolves.toEqual({ id: ID, status: "succeeded", output: "done" });
    expect(api.polls.map((poll) => poll.path)).toEqual([`/v1/predictions/${ID}`, `/v1/predictions/${ID}`]);
    expect(api.gaps()[0]).toBeGreaterThanOrEqual(499);
  });

  it("polls every `interval` ms", async () => {
    const api = pollsAnswering({ status: "processing" }, { status: "processing" }, { status: "processing" }, { status: "succeeded" });
    await client(api.fetch).wait(starting, { interval: 30 });
    expect(api.polls).toHaveLength(4);
    for (const gap of api.gaps()) expect(gap).toBeGreaterThanOrEqual(29);
  });

  it("stops when `stop` resolves true, returning the update it saw, and never shows it a terminal one", async () => {
    const states = [{ status: "processing", logs: "1" }, { status: "processing", logs: "2" }, { status: "processing", logs: "3" }, { status: "succeeded" }];
    const api = pollsAnswering(...states);
    const stop = vi.fn(async (p: Prediction) => p.logs === "2");
    await expect(client(api.fetch).wait(starting, { interval: 1 }, stop)).resolves.toEqual({ id: ID, ...states[1] });
    expect(api.polls).toHaveLength(2);
    expect(stop.mock.calls.map(([p]) => p.logs)).toEqual(["1", "2"]);

    const api2 = pollsAnswering({ status: "processing" }, { status: "succeeded" });
    const seen: string[] = [];
    await client(api2.fetch).wait(starting, { interval: 1 }, (p) => (seen.push(p.status), false));
    expect(seen).toEqual(["processing"]);
  });

  it("only stops for exactly true, as 1.4.0", async () => {
    const api = pollsAnswering({ status: "processing" }, { status: "processing" }, { status: "succeeded" });
    await client(api.fetch).wait(starting, { interval: 1 }, () => 1 as unknown as boolean);
    expect(api.polls).toHaveLength(3);
  });

  it("rejects with PredictionError when the prediction fails, with 1.4.0's message", async () => {
    const states = [{ status: "processing" }, { status: "failed", error: "out of memory" }];
    const error = await client(pollsAnswering(...states).fetch)
      .wait(starting, { interval: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PredictionError);
    expect((error as PredictionError).prediction).toMatchObject({ status: "failed" });
    await expect(client14(pollsAnswering(...states).fetch).wait(starting, { interval: 1 })).rejects.toThrow(
      (error as Error).message,
    );
    expect((error as Error).message).toBe("Prediction failed: out of memory");
  });

  it.each([{}, { id: "" }, { status: "starting" }])("rejects %j with Invalid prediction and no request", async (prediction) => {
    const { fetch } = pollsAnswering({ status: "succeeded" });
    await expect(client(fetch).wait(prediction as never)).rejects.toThrow(new Error("Invalid prediction"));
    await expect(client14(fetch).wait(prediction)).rejects.toThrow(new Error("Invalid prediction"));
    expect(fetch).not.toHaveBeenCalled();
  });

  it("rejects a negative interval before any request", async () => {
    const { fetch } = pollsAnswering({ status: "succeeded" });
    await expect(client(fetch).wait(starting, { interval: -1 })).rejects.toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("stops at once on abort during the sleep, without canceling the prediction it does not own", async () => {
    const api = pollsAnswering({ status: "processing" });
    const controller = new AbortController();
    const waiting = client(api.fetch).wait(starting, { interval: 10_000, signal: controller.signal });
    await vi.waitFor(() => expect(api.polls).toHaveLength(1));
    const abortedAt = performance.now();
    controller.abort(new Error("enough"));
    const error = await waiting.catch((e: unknown) => e);
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toEqual(new Error("enough"));
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });

  it("ends on aborted; 1.4.0 keeps polling it (defect 5)", async () => {
    const ours = pollsAnswering({ status: "processing" }, { status: "aborted" });
    await expect(client(ours.fetch).wait(starting, { interval: 1 })).resolves.toMatchObject({ status: "aborted" });
    expect(ours.polls).toHaveLength(2);

    const theirs = pollsAnswering({ status: "processing" }, { status: "aborted" });
    // A bounded check: 1.4.0 would poll forever, so stop it after 20 polls.
    const last = await client14(theirs.fetch).wait(starting, { interval: 1 }, () => theirs.polls.length >= 20);
    expect(last.status).toBe("aborted");
    expect(theirs.polls).toHaveLength(20);
  });
});

describe("pollPrediction", () => {
  it("passes the signal to every poll and never throws for failed (callers decide)", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const get = vi.fn(async (_id: string, options?: { signal?: AbortSignal }) => {
      signals.push(options?.signal);
      return { id: ID, status: signals.length < 2 ? "processing" : "failed" } as Prediction;
    });
    const { signal } = new AbortController();
    await expect(pollPrediction(get, starting, { interval: 1, signal })).resolves.toMatchObject({ status: "failed" });
    expect(signals).toEqual([signal, signal]);
  });
});
