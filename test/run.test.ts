import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import Replicate, { PredictionError } from "../src/index";
import { createFakeReplicate } from "../src/testing/index";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
const ID = "ufawqhfynnddngldkgtslldrkq";

interface Call {
  method: string;
  url: URL;
  headers: Headers;
  body: any;
  at: number;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/**
 * A fetch that records every call and answers like the predictions API: the create returns
 * `states[0]`, each GET the next state (the last one repeats), a cancel returns `canceled`.
 */
function predictionAPI(...states: object[]) {
  const calls: Call[] = [];
  let polls = 0;
  const fetch = vi.fn(async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
    calls.push({ method, url, headers: new Headers(init.headers), body, at: performance.now() });
    if (method === "POST" && url.pathname.endsWith("/cancel")) return json({ id: ID, status: "canceled" });
    if (method === "POST") return json({ id: ID, ...states[0] }, 201);
    polls = Math.min(polls + 1, states.length - 1);
    return json({ id: ID, ...states[polls] });
  });
  const gets = () => calls.filter((call) => call.method === "GET");
  return { fetch, calls, gets };
}

const client = (fetch: unknown, options: object = {}) => new Replicate({ auth: "r8_test", fetch: fetch as typeof globalThis.fetch, ...options });
const client14 = (fetch: unknown, options: object = {}) => new Replicate14({ auth: "r8_test", fetch, ...options });
const input = { text: "Alice" };

describe("run(): model references", () => {
  it.each([
    ["acme/hello-world", "/v1/models/acme/hello-world/predictions", { input }],
    [`acme/hello-world:${VERSION}`, "/v1/predictions", { input, version: VERSION }],
    ["a/b-1.0:abc123", "/v1/predictions", { input, version: "abc123" }],
    ["meta/meta-llama-3.1-8b-instruct", "/v1/models/meta/meta-llama-3.1-8b-instruct/predictions", { input }],
    ["owner/model:invalid", "/v1/predictions", { input, version: "invalid" }],
  ])("routes %s to POST %s with the body 1.4.0 sends", async (ref, path, body) => {
    const api = predictionAPI({ status: "succeeded", output: "ok" });
    await expect(client(api.fetch).run(ref as `${string}/${string}`, { input })).resolves.toBe("ok");
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({ method: "POST", url: new URL(`https://api.replicate.com${path}`) });
    expect(api.calls[0]!.body).toStrictEqual(body);

    const api14 = predictionAPI({ status: "succeeded", output: "ok" });
    await client14(api14.fetch).run(ref, { input });
    expect(api14.calls[0]!.url.href).toBe(api.calls[0]!.url.href);
    expect(api14.calls[0]!.body).toStrictEqual(body);
  });

  it.each(["owner:abc123", "/model:abc123", ":abc123", "owner", "owner/", "owner/name/extra", "owner/name:", "a/b/c:v", ""])(
    "rejects %j with 1.4.0's message and sends nothing",
    async (ref) => {
      const api = predictionAPI({ status: "succeeded" });
      const message = `Invalid reference to model version: ${ref}. Expected format: owner/name or owner/name:version`;
      await expect(client(api.fetch).run(ref as `${string}/${string}`, { input })).rejects.toThrow(new Error(message));
      await expect(client14(api.fetch).run(ref, { input })).rejects.toThrow(new Error(message));
      expect(api.fetch).not.toHaveBeenCalled();
    },
  );
});

describe("run(): block mode", () => {
  it("is the default and sends Prefer: wait; a terminal answer needs no poll", async () => {
    const api = predictionAPI({ status: "succeeded", output: "Goodbye!" });
    const progress = vi.fn();
    await expect(client(api.fetch).run(`owner/model:${VERSION}`, { input }, progress)).resolves.toBe("Goodbye!");
    expect(api.calls.map((call) => call.headers.get("Prefer"))).toEqual(["wait"]);
    // The created prediction is also the final one: progress sees it twice, as in 1.4.0.
    expect(progress.mock.calls).toEqual([[{ id: ID, status: "succeeded", output: "Goodbye!" }], [{ id: ID, status: "succeeded", output: "Goodbye!" }]]);
  });

  it.each([
    [30, "wait=30"],
    [2.5, "wait=3"],
    [0.2, "wait=1"],
  ])("sends Prefer: wait=<timeout> for timeout %s", async (timeout, header) => {
    const api = predictionAPI({ status: "succeeded" });
    await client(api.fetch).run("owner/model", { input, wait: { mode: "block", timeout } });
    expect(api.calls[0]!.headers.get("Prefer")).toBe(header);
  });

  it("keeps polling when the held create answers before the run ends (1.4.0 returns null, defect 6)", async () => {
    const states = [{ status: "processing", output: null }, { status: "processing", output: null }, { status: "succeeded", output: "done" }];
    const api = predictionAPI(...states);
    const output = await client(api.fetch).run("owner/model", { input, wait: { mode: "block", interval: 1 } });
    expect(output).toBe("done");
    expect(api.gets()).toHaveLength(2);
    expect(api.gets().every((call) => call.url.pathname === `/v1/predictions/${ID}`)).toBe(true);

    const api14 = predictionAPI(...states);
    await expect(client14(api14.fetch).run("owner/model", { input })).resolves.toBeNull();
    expect(api14.gets()).toHaveLength(0);
  });
});

describe("run(): poll mode", () => {
  it("sends no Prefer header and waits `interval` ms between polls", async () => {
    const interval = 40;
    const api = predictionAPI({ status: "starting" }, { status: "processing" }, { status: "processing" }, { status: "succeeded", output: 1 });
    await expect(client(api.fetch).run("owner/model", { input, wait: { mode: "poll", interval } })).resolves.toBe(1);
    expect(api.calls[0]!.headers.has("Prefer")).toBe(false);
    const gets = api.gets();
    expect(gets).toHaveLength(3);
    for (let i = 1; i < gets.length; i++) {
      // setTimeout may fire up to a millisecond early as measured by performance.now().
      expect(gets[i]!.at - gets[i - 1]!.at).toBeGreaterThanOrEqual(interval - 1);
    }
  });

  it("treats 1.4.0's `{ interval }` without a mode as polling, like 1.4.0", async () => {
    const api = predictionAPI({ status: "starting" }, { status: "succeeded", output: "x" });
    await expect(client(api.fetch).run("owner/model", { input, wait: { interval: 1 } as never })).resolves.toBe("x");
    expect(api.calls[0]!.headers.has("Prefer")).toBe(false);

    const api14 = predictionAPI({ status: "starting" }, { status: "succeeded", output: "x" });
    await expect(client14(api14.fetch).run("owner/model", { input, wait: { interval: 1 } })).resolves.toBe("x");
    expect(api14.calls[0]!.headers.has("Prefer")).toBe(false);
  });

  it.each([{ mode: "blocking" }, { mode: "poll", interval: -5 }, { mode: "block", timeout: Number.NaN }, "block"])(
    "rejects wait %j before any request",
    async (wait) => {
      const api = predictionAPI({ status: "succeeded" });
      await expect(client(api.fetch).run("owner/model", { input, wait: wait as never })).rejects.toThrow(TypeError);
      expect(api.fetch).not.toHaveBeenCalled();
    },
  );
});

describe("run(): progress", () => {
  const states = [
    { status: "starting", logs: "" },
    { status: "processing", logs: "step 1" },
    { status: "processing", logs: "step 1\nstep 2" },
    { status: "succeeded", logs: "step 1\nstep 2", output: "Goodbye!" },
  ];

  it("is called with the created prediction, each polled update, and the final one, in order", async () => {
    const api = predictionAPI(...states);
    const progress = vi.fn();
    await client(api.fetch).run("owner/model", { input, wait: { mode: "poll", interval: 1 } }, progress);
    expect(progress.mock.calls.map(([p]) => p)).toEqual(states.map((state) => ({ id: ID, ...state })));

    const api14 = predictionAPI(...states);
    const progress14 = vi.fn();
    await client14(api14.fetch).run("owner/model", { input, wait: { mode: "poll", interval: 1 } }, progress14);
    expect(progress14.mock.calls).toEqual(progress.mock.calls);
  });
});

describe("run(): terminal states", () => {
  it("rejects a failed prediction with PredictionError after progress saw it", async () => {
    const failed = { status: "failed", error: "CUDA out of memory" };
    const api = predictionAPI({ status: "starting" }, { status: "processing" }, failed);
    const events: string[] = [];
    const error = await client(api.fetch)
      .run("owner/model", { input, wait: { mode: "poll", interval: 1 } }, (p) => events.push(`progress:${p.status}`))
      .catch((e: unknown) => {
        events.push("rejected");
        return e;
      });
    expect(events).toEqual(["progress:starting", "progress:processing", "progress:failed", "rejected"]);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(PredictionError);
    expect(error).toMatchObject({ name: "PredictionError", message: "Prediction failed: CUDA out of memory" });
    expect((error as PredictionError).prediction).toEqual({ id: ID, ...failed });

    const api14 = predictionAPI({ status: "starting" }, failed);
    await expect(client14(api14.fetch).run("owner/model", { input, wait: { mode: "poll", interval: 1 } })).rejects.toThrow(
      "Prediction failed: CUDA out of memory",
    );
  });

  it("rejects a prediction that failed at creation, as 1.4.0 does", async () => {
    const api = predictionAPI({ status: "failed", error: "bad input" });
    await expect(client(api.fetch).run("owner/model", { input })).rejects.toThrow("Prediction failed: bad input");
    expect(api.gets()).toHaveLength(0);
  });

  it.each(["canceled", "aborted"])("resolves with the output of a %s prediction and stops polling", async (status) => {
    const api = predictionAPI({ status: "starting" }, { status: "processing" }, { status, output: null });
    await expect(client(api.fetch).run("owner/model", { input, wait: { mode: "poll", interval: 1 } })).resolves.toBeNull();
    expect(api.gets()).toHaveLength(2);
    expect(api.calls.some((call) => call.url.pathname.endsWith("/cancel"))).toBe(false);
  });

  it("1.4.0 polls an aborted prediction forever (defect 5)", async () => {
    const api14 = predictionAPI({ status: "starting" }, { status: "aborted" });
    const controller = new AbortController();
    let settled = false;
    const run = client14(api14.fetch)
      .run("owner/model", { input, wait: { mode: "poll", interval: 1 }, signal: controller.signal })
      .finally(() => (settled = true));
    await vi.waitFor(() => expect(api14.gets().length).toBeGreaterThan(10));
    expect(settled).toBe(false);
    controller.abort(); // 1.4.0's only way out: its stop callback sees the signal.
    await run;
  });
});

describe("run(): output", () => {
  const output = {
    images: ["https://replicate.delivery/pbxt/a/out-0.png", "data:text/plain;base64,aGVsbG8="],
    meta: { caption: "a cat", page: "http://example.com/not-a-file", nested: [{ file: "https://replicate.delivery/b.wav" }] },
    seed: 42,
    empty: null,
  };

  it("turns https: and data: strings into FileOutput, deep in arrays and plain objects, without downloading", async () => {
    const api = predictionAPI({ status: "succeeded", output });
    const result = await client(api.fetch).run("owner/model", { input });
    expect(api.calls).toHaveLength(1);

    for (const file of [result.images[0], result.images[1], result.meta.nested[0].file]) {
      expect(file).toBeInstanceOf(ReadableStream);
      expect(typeof file.blob).toBe("function");
    }
    expect(String(result.images[0])).toBe(output.images[0]);
    expect(result.meta.nested[0].file.url()).toEqual(new URL(output.meta.nested[0]!.file));
    expect(result.meta.caption).toBe("a cat");
    expect(result.meta.page).toBe("http://example.com/not-a-file");
    expect(result.seed).toBe(42);
    expect(result.empty).toBeNull();
    expect(JSON.parse(JSON.stringify(result))).toEqual(output);
    expect(await (await result.images[1].blob()).text()).toBe("hello");
  });

  it("turns a top-level URL string into a FileOutput", async () => {
    const api = predictionAPI({ status: "succeeded", output: "https://replicate.delivery/x.png" });
    const result = await client(api.fetch).run("owner/model", { input });
    expect(result).toBeInstanceOf(ReadableStream);
    expect(`${result}`).toBe("https://replicate.delivery/x.png");
  });

  it("returns the strings as they are with useFileOutput: false", async () => {
    const api = predictionAPI({ status: "succeeded", output });
    await expect(client(api.fetch, { useFileOutput: false }).run("owner/model", { input })).resolves.toStrictEqual(output);
  });
});

describe("run(): the request on the wire is 1.4.0's", () => {
  const cases: [string, string, object][] = [
    ["by version, webhook and filter", `owner/model:${VERSION}`, { input, webhook: "https://example.com/hook", webhook_events_filter: ["output", "completed"] }],
    ["by model", "owner/model", { input: { prompt: "a cat", n: 2, nested: { ok: true } } }],
    ["poll mode", "owner/model", { input, wait: { mode: "poll" } }],
    ["block mode with timeout", "owner/model", { input, wait: { mode: "block", timeout: 10 } }],
  ];

  it.each(cases)("%s", async (_name, ref, options) => {
    const ours = predictionAPI({ status: "succeeded", output: "ok" });
    const theirs = predictionAPI({ status: "succeeded", output: "ok" });
    await client(ours.fetch).run(ref as `${string}/${string}`, options as never);
    await client14(theirs.fetch).run(ref, options);
    const wire = (call: Call) => ({
      method: call.method,
      url: call.url.href,
      body: JSON.stringify(call.body),
      contentType: call.headers.get("Content-Type"),
      prefer: call.headers.get("Prefer"),
      authorization: call.headers.get("Authorization"),
    });
    expect(ours.calls.map(wire)).toEqual(theirs.calls.map(wire));
  });
});

describe("run(): end to end against the fake API", () => {
  it("runs a model that takes a while, reporting logs through progress", async () => {
    const fake = createFakeReplicate();
    const model = fake.model("acme/slow-echo", async (input: { text: string }, context) => {
      context.log("warming up");
      await context.sleep(30);
      context.log("done");
      return `echo ${input.text}`;
    });
    const replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch });
    const statuses: string[] = [];
    const output = await replicate.run(model.ref as `${string}/${string}`, { input: { text: "hi" }, wait: { mode: "poll", interval: 5 } }, (p) =>
      statuses.push(p.status),
    );
    expect(output).toBe("echo hi");
    expect(statuses[0]).toBe("starting");
    expect(statuses.at(-1)).toBe("succeeded");
    expect(fake.predictions[0]?.logs).toMatch(/^warming up\ndone\n?$/);
  });
});
