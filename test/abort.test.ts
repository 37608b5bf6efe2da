import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import Replicate, { AbortError } from "../src/index";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const ID = "ufawqhfynnddngldkgtslldrkq";
const input = { text: "Alice" };

interface Call {
  method: string;
  path: string;
  signal: AbortSignal | undefined;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** Settles only when `signal` aborts, rejecting with its reason as fetch implementations do. */
const hangUntilAborted = (signal: AbortSignal | undefined) =>
  new Promise<Response>((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/** A recording fetch; `answer` decides per call, `hang` holds a call open until its signal aborts. */
function api(answer: (call: Call) => Response | "hang") {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL, init: RequestInit = {}) => {
    const call = { method: init.method ?? "GET", path: new URL(String(url)).pathname, signal: init.signal ?? undefined };
    calls.push(call);
    const reply = answer(call);
    return reply === "hang" ? hangUntilAborted(call.signal) : reply;
  });
  const cancels = () => calls.filter((call) => call.path === `/v1/predictions/${ID}/cancel`);
  return { fetch, calls, cancels };
}

/** The predictions API with a run that never ends; GETs hang when `hangPolls` is set. */
const neverEnding = ({ hangPolls = false } = {}) =>
  api(({ method, path }) => {
    if (path.endsWith("/cancel")) return json({ id: ID, status: "canceled" });
    if (method === "POST") return json({ id: ID, status: "starting" }, 201);
    return hangPolls ? "hang" : json({ id: ID, status: "processing" });
  });

const client = (fetch: unknown) => new Replicate({ auth: "r8_test", fetch: fetch as typeof globalThis.fetch });
const poll = (interval: number) => ({ mode: "poll" as const, interval });

/** Resolves with what `promise` rejected with, and how many ms after `from` it did. */
async function rejection(promise: Promise<unknown>, from: () => number) {
  const error = await promise.then(
    () => expect.unreachable("expected a rejection"),
    (e: unknown) => e,
  );
  return { error, elapsed: performance.now() - from() };
}

describe("an already-aborted signal", () => {
  it.each([
    ["a custom reason", new Error("user navigated away")],
    ["the default reason", undefined],
  ])("rejects run() with an AbortError carrying %s before any request", async (_name, reason) => {
    const { fetch } = neverEnding();
    const controller = new AbortController();
    controller.abort(reason);
    const error = await client(fetch)
      .run("owner/model", { input, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(fetch).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "AbortError" });
    expect((error as AbortError).reason).toBe(controller.signal.reason);
    expect((error as AbortError).cause).toBe(controller.signal.reason);
  });

  it("rejects stream(), wait() and predictions.create() before any request too", async () => {
    const { fetch } = neverEnding();
    const replicate = client(fetch);
    const signal = AbortSignal.abort(new Error("stop"));
    await expect(replicate.stream("owner/model", { input, signal }).next()).rejects.toBeInstanceOf(AbortError);
    await expect(replicate.wait({ id: ID, status: "starting" } as never, { signal })).rejects.toBeInstanceOf(AbortError);
    await expect(replicate.predictions.create({ model: "owner/model", input, signal })).rejects.toBeInstanceOf(AbortError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("1.4.0 creates the prediction anyway (defect 7)", async () => {
    const { fetch, calls } = neverEnding();
    const signal = AbortSignal.abort();
    await new Replicate14({ auth: "r8_test", fetch }).run("owner/model", { input, signal, wait: poll(1) });
    expect(calls[0]).toMatchObject({ method: "POST", path: "/v1/models/owner/model/predictions" });
  });
});

describe("an abort during the create request", () => {
  it("reaches the request and rejects at once, sending nothing more", async () => {
    const { fetch, calls } = api(() => "hang");
    const controller = new AbortController();
    const run = client(fetch).run("owner/model", { input, signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.signal?.aborted).toBe(false);

    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort(new Error("too slow"));
    }, 20);
    const { error, elapsed } = await rejection(run, () => abortedAt);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toEqual(new Error("too slow"));
    expect(calls[0]!.signal?.aborted).toBe(true);
    // No prediction id is known yet, so there is nothing to cancel.
    expect(calls).toHaveLength(1);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("1.4.0 does not pass the signal to the create request (defect 7)", async () => {
    const { fetch, calls } = api(({ method }) => (method === "POST" ? json({ id: ID, status: "succeeded" }, 201) : json({})));
    const controller = new AbortController();
    await new Replicate14({ auth: "r8_test", fetch }).run("owner/model", { input, signal: controller.signal });
    expect(calls[0]!.signal).toBeUndefined();
  });
});

describe("an abort while polling", () => {
  it("during a poll request: sends exactly one cancel and rejects with AbortError", async () => {
    const { fetch, calls, cancels } = neverEnding({ hangPolls: true });
    const controller = new AbortController();
    const run = client(fetch).run("owner/model", { input, signal: controller.signal, wait: poll(1) });
    await vi.waitFor(() => expect(calls.some((call) => call.method === "GET")).toBe(true));
    const reason = new Error("user left");
    controller.abort(reason);

    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: "AbortError", reason, cause: reason });
    expect(cancels()).toHaveLength(1);
    // The cancel must not carry the aborted signal, or it would never be sent.
    expect(cancels()[0]!.signal?.aborted ?? false).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cancels()).toHaveLength(1);
  });

  it("during the sleep between polls: wakes at once, well before the interval", async () => {
    const interval = 10_000;
    const { fetch, calls, cancels } = neverEnding();
    const controller = new AbortController();
    const run = client(fetch).run("owner/model", { input, signal: controller.signal, wait: poll(interval) });
    await vi.waitFor(() => expect(calls.filter((call) => call.method === "GET")).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));

    const abortedAt = performance.now();
    controller.abort();
    const { error, elapsed } = await rejection(run, () => abortedAt);
    expect(error).toBeInstanceOf(AbortError);
    expect(elapsed).toBeLessThan(interval / 10);
    expect(calls.filter((call) => call.method === "GET")).toHaveLength(1);
    expect(cancels()).toHaveLength(1);
  });

  it("still rejects with AbortError when the cancel itself fails", async () => {
    const { fetch, cancels } = api(({ method, path }) => {
      if (path.endsWith("/cancel")) return json({ detail: "boom" }, 500);
      if (method === "POST") return json({ id: ID, status: "starting" }, 201);
      return json({ id: ID, status: "processing" });
    });
    const controller = new AbortController();
    const run = client(fetch).run("owner/model", { input, signal: controller.signal, wait: poll(5) });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(cancels()).toHaveLength(1);
  });

  it("1.4.0 cancels but resolves with undefined instead of rejecting (defect 7)", async () => {
    const { fetch, cancels } = neverEnding();
    const controller = new AbortController();
    const run = new Replicate14({ auth: "r8_test", fetch }).run("owner/model", { input, signal: controller.signal, wait: poll(5) });
    setTimeout(() => controller.abort(), 20);
    await expect(run).resolves.toBeUndefined();
    expect(cancels()).toHaveLength(1);
  });
});
