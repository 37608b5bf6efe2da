import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import Replicate, { AbortError, ApiError, ConnectionError, ServerSentEvent, StreamError } from "../src/index";
import { createFakeReplicate } from "../src/testing/index";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const ID = "p1";
const API_STREAM = `https://api.replicate.com/v1/streams/${ID}`;
const EXTERNAL_STREAM = `https://streaming-api.svc.us.c.replicate.net/v1/streams/${ID}`;
const FILES_STREAM = `https://streaming-api.svc.us.c.replicate.net/v1/files/${ID}`;
const encoder = new TextEncoder();

interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/** An SSE body in `size`-byte chunks, with a spy on its cancellation. */
function sseBody(text: string, size = 7) {
  const bytes = encoder.encode(text);
  const cancel = vi.fn();
  let at = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, (at += size)));
      },
      cancel,
    },
    { highWaterMark: 0 },
  );
  return { body, cancel };
}

const sse = (...events: [event: string, data: string][]) =>
  events.map(([event, data], i) => `event: ${event}\nid: ${ID}:${i}\n${data.split("\n").map((line) => `data: ${line}\n`).join("")}\n`).join("");

/** The create answers a prediction with `urls.stream = streamURL`; the stream URL answers `stream`. */
function streamingAPI(text: string, { streamURL = API_STREAM as string | null, status = 200 } = {}) {
  const calls: Call[] = [];
  const body = sseBody(text);
  const fetch = vi.fn(async (input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? "GET";
    calls.push({ method, url, headers: new Headers(init.headers), body: typeof init.body === "string" ? JSON.parse(init.body) : undefined });
    if (method === "POST") {
      const urls = streamURL ? { get: `https://api.replicate.com/v1/predictions/${ID}`, stream: streamURL } : {};
      return new Response(JSON.stringify({ id: ID, status: "starting", urls }), { status: 201 });
    }
    if (url.startsWith("https://replicate.delivery/")) return new Response("file bytes");
    if (status !== 200) return new Response('{"detail":"stream expired"}', { status, statusText: "Not Found" });
    return new Response(body.body, { headers: { "Content-Type": "text/event-stream" } });
  });
  return { fetch, calls, cancel: body.cancel };
}

const client = (fetch: unknown, options: object = {}) =>
  new Replicate({ auth: "r8_secret", fetch: fetch as typeof globalThis.fetch, maxRetries: 0, ...options });
const client14 = (fetch: unknown) => new Replicate14({ auth: "r8_secret", fetch });

/** Rejects unless `promise` settles within `ms`: a missing close fails fast instead of timing out. */
const within = <T>(promise: Promise<T>, ms = 2_000) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const HELLO = sse(["output", "Hello"], ["output", ", world"], ["logs", "step 1\nstep 2"], ["output", "!"], ["done", "{}"]);

describe("stream(): events", () => {
  it("yields ServerSentEvents whose toString() is the data of output events and empty otherwise", async () => {
    const { fetch } = streamingAPI(HELLO);
    const events = await collect(client(fetch).stream("owner/model", { input: { prompt: "hi" } }));
    expect(events.every((event) => event instanceof ServerSentEvent)).toBe(true);
    expect(events.map(({ event, data, id }) => ({ event, data, id }))).toEqual([
      { event: "output", data: "Hello", id: "p1:0" },
      { event: "output", data: ", world", id: "p1:1" },
      { event: "logs", data: "step 1\nstep 2", id: "p1:2" },
      { event: "output", data: "!", id: "p1:3" },
      { event: "done", data: "{}", id: "p1:4" },
    ]);
    expect(events.map(String)).toEqual(["Hello", ", world", "", "!", ""]);
    expect(events.join("")).toBe("Hello, world!");
  });

  it("yields the same events as 1.4.0, which also ends after yielding done", async () => {
    const text = `${HELLO}event: output\nid: late\ndata: after done\n\n`;
    const ours = streamingAPI(text);
    const theirs = streamingAPI(text);
    const events = await collect(client(ours.fetch).stream("owner/model", { input: {} }));
    const events14: any[] = await collect(client14(theirs.fetch).stream("owner/model", { input: {} }));
    const shape = (e: { event: string; data: string; id?: string }) => [e.event, e.data, e.id];
    expect(events.map(shape)).toEqual(events14.map(shape));
    expect(events.at(-1)?.event).toBe("done");
    expect(events.some((event) => event.data === "after done")).toBe(false);
    // Ending at done releases the connection.
    expect(ours.cancel).toHaveBeenCalledTimes(1);
  });

  it("joins a 200-token LLM stream, split at awkward byte boundaries, into the exact text", async () => {
    const words = ["The", " quick", " brown", " fox", " — naïve", " café", " 日本語", " 🦙", "\u00a0jumps", " over", "\n\n", " the", " lazy", " dog."];
    const tokens = Array.from({ length: 200 }, (_, i) => words[i % words.length]!);
    const text = tokens.map((token, i) => `event: output\nid: ${ID}:${i}\n${token.split("\n").map((l) => `data: ${l}\n`).join("")}\n`).join("") +
      "event: done\ndata: {}\n\n";
    const { fetch } = streamingAPI(text);
    const events = await collect(client(fetch).stream("meta/meta-llama-3-8b-instruct", { input: { prompt: "Tell me a story" } }));
    expect(events.filter((event) => event.event === "output")).toHaveLength(200);
    expect(events.join("")).toBe(tokens.join(""));
  });
});

describe("stream(): requests", () => {
  it("creates the prediction as predictions.create does (no stream flag, no Prefer), then reads urls.stream", async () => {
    const ours = streamingAPI(HELLO);
    const theirs = streamingAPI(HELLO);
    const options = { input: { prompt: "hi" }, webhook: "https://example.com/hook", wait: { mode: "block" } } as const;
    await collect(client(ours.fetch).stream("owner/model:v1", options as never));
    await collect(client14(theirs.fetch).stream("owner/model:v1", options));
    const [create, read] = ours.calls;
    expect(create).toMatchObject({ method: "POST", url: "https://api.replicate.com/v1/predictions" });
    expect(create!.body).toStrictEqual(theirs.calls[0]!.body);
    expect(create!.body).toStrictEqual({ input: { prompt: "hi" }, webhook: "https://example.com/hook", version: "v1" });
    expect(create!.headers.has("Prefer")).toBe(false);
    expect(read).toMatchObject({ method: "GET", url: API_STREAM });
    expect(read!.headers.get("Accept")).toBe("text/event-stream");
    expect(theirs.calls[1]!.headers.get("Accept")).toBe("text/event-stream");
  });

  it("sends the token to the API's own stream URL but not to another host", async () => {
    const api = streamingAPI(HELLO, { streamURL: API_STREAM });
    await collect(client(api.fetch).stream("owner/model", { input: {} }));
    expect(api.calls[1]!.headers.get("Authorization")).toBe("Bearer r8_secret");

    const external = streamingAPI(HELLO, { streamURL: EXTERNAL_STREAM });
    await collect(client(external.fetch).stream("owner/model", { input: {} }));
    expect(external.calls[1]!.url).toBe(EXTERNAL_STREAM);
    expect(external.calls[1]!.headers.has("Authorization")).toBe(false);
  });

  it("throws Prediction does not support streaming without urls.stream, as 1.4.0", async () => {
    const api = streamingAPI(HELLO, { streamURL: null });
    await expect(collect(client(api.fetch).stream("owner/model", { input: {} }))).rejects.toThrow(
      new Error("Prediction does not support streaming"),
    );
    await expect(collect(client14(api.fetch).stream("owner/model", { input: {} }))).rejects.toThrow(
      new Error("Prediction does not support streaming"),
    );
    expect(api.calls.filter((call) => call.method === "GET")).toHaveLength(0);
  });
});

describe("stream(): failures", () => {
  it("throws StreamError carrying the parsed detail on an error event, after the events before it", async () => {
    const text = sse(["output", "partial"], ["error", '{"detail":"CUDA out of memory"}'], ["output", "never"]);
    const { fetch, cancel } = streamingAPI(text);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of client(fetch).stream("owner/model", { input: {} })) seen.push(event.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["partial"]);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ detail: "CUDA out of memory", data: '{"detail":"CUDA out of memory"}', message: "CUDA out of memory" });
    expect(cancel).toHaveBeenCalled();
  });

  it("throws ApiError when the stream URL answers non-2xx", async () => {
    const { fetch } = streamingAPI(HELLO, { status: 404 });
    const error = await collect(client(fetch).stream("owner/model", { input: {} })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: `Request to ${API_STREAM} failed with status 404 Not Found: {"detail":"stream expired"}.` });
  });

  it("throws ConnectionError when the stream ends without done", async () => {
    const { fetch } = streamingAPI(sse(["output", "cut"]));
    const events: string[] = [];
    const error = await (async () => {
      for await (const event of client(fetch).stream("owner/model", { input: {} })) events.push(event.data);
    })().catch((e: unknown) => e);
    expect(events).toEqual(["cut"]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/^Request to \S+ failed: no "done" event$/);
  });
});

describe("stream(): files streams", () => {
  const FILES = sse(["output", "https://replicate.delivery/pbxt/a/out-0.png"], ["output", "data:text/plain;base64,aGk="], ["done", "{}"]);

  it("turns output data into FileOutput on a /v1/files/ stream, without downloading", async () => {
    const { fetch, calls } = streamingAPI(FILES, { streamURL: FILES_STREAM });
    const events = await collect(client(fetch).stream("owner/model", { input: {} }));
    const [png, text] = events.map((event) => event.data);
    expect(png).toBeInstanceOf(ReadableStream);
    expect(String(png)).toBe("https://replicate.delivery/pbxt/a/out-0.png");
    expect(String(events[0])).toBe("https://replicate.delivery/pbxt/a/out-0.png");
    expect(calls).toHaveLength(2);
    expect(await (await text.blob()).text()).toBe("hi");
    expect(await (await png.blob()).text()).toBe("file bytes");
    expect(calls).toHaveLength(3);
  });

  it.each([
    ["the useFileOutput option", {}, { useFileOutput: false }],
    ["the client's useFileOutput", { useFileOutput: false }, {}],
  ])("keeps the strings with %s false", async (_name, clientOptions, streamOptions) => {
    const { fetch } = streamingAPI(FILES, { streamURL: FILES_STREAM });
    const events = await collect(client(fetch, clientOptions).stream("owner/model", { input: {}, ...streamOptions }));
    expect(events.map((event) => event.data)).toEqual(["https://replicate.delivery/pbxt/a/out-0.png", "data:text/plain;base64,aGk=", "{}"]);
  });

  it("keeps URL strings on an ordinary stream", async () => {
    const { fetch } = streamingAPI(FILES, { streamURL: EXTERNAL_STREAM });
    const events = await collect(client(fetch).stream("owner/model", { input: {} }));
    expect(events[0]!.data).toBe("https://replicate.delivery/pbxt/a/out-0.png");
  });
});

describe("stream(): over a real connection", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A local API whose stream writes one output event every `every` ms until the client hangs up. */
  async function slowStreamServer(every = 20, { breakAfter }: { breakAfter?: number } = {}) {
    const state = { written: 0, closed: false };
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      if (req.method === "POST") {
        req.resume();
        res.writeHead(201, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ id: ID, status: "starting", urls: { stream: `${base}/streams/${ID}` } }));
      }
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      const timer = setInterval(() => {
        if (breakAfter !== undefined && state.written === breakAfter) return req.socket.destroy();
        res.write(`event: output\nid: ${state.written}\ndata: token ${state.written}\n\n`);
        state.written++;
      }, every);
      res.on("close", () => {
        clearInterval(timer);
        state.closed = true;
        markClosed();
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    close = () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    const replicate = new Replicate({ auth: "r8_test", baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` });
    return { replicate, state, closed };
  }

  it("stops yielding on abort mid-stream and closes the connection", async () => {
    const { replicate, state, closed } = await slowStreamServer();
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of replicate.stream("owner/model", { input: {}, signal: controller.signal })) {
        seen.push(event.data);
        if (seen.length === 3) controller.abort(new Error("user closed the tab"));
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["token 0", "token 1", "token 2"]);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toEqual(new Error("user closed the tab"));
    await within(closed);
    const written = state.written;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(state.written).toBe(written);
  });

  it("closes the connection when the caller breaks out of for await", async () => {
    const { replicate, state, closed } = await slowStreamServer();
    for await (const event of replicate.stream("owner/model", { input: {} })) {
      if (event.data === "token 1") break;
    }
    await within(closed);
    expect(state.closed).toBe(true);
  });

  it("closes the connection on an abort while the consumer holds an event", async () => {
    const { replicate, closed } = await slowStreamServer();
    const controller = new AbortController();
    const iterator = replicate.stream("owner/model", { input: {}, signal: controller.signal });
    expect((await iterator.next()).value.data).toBe("token 0");
    controller.abort();
    await within(closed);
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
  });

  it("throws ConnectionError when the connection drops mid-stream", async () => {
    const { replicate } = await slowStreamServer(5, { breakAfter: 2 });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of replicate.stream("owner/model", { input: {} })) seen.push(event.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["token 0", "token 1"]);
    expect(error).toBeInstanceOf(ConnectionError);
  });
});

describe("stream(): end to end against the fake API", () => {
  it("streams a model's output chunks in order", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/llm", async function* (input: { prompt: string }) {
      for (const word of `You said: ${input.prompt}`.split(/(?= )/)) yield word;
    });
    const replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch });
    const events = await collect(replicate.stream("acme/llm", { input: { prompt: "hello there" } }));
    expect(events.join("")).toBe("You said: hello there");
    expect(events.at(-1)?.event).toBe("done");
  });
});

// The body reader, one generator with stream(): each case feeds the event stream's bytes through a
// fetch that answers the create, then returns `stream` as the event stream's body.
const never = new Promise<void>(() => {});

/** A pull source that counts reads and records cancellation; after `chunks` it closes, or hangs. */
function sourceOf(chunks: (Uint8Array | Promise<Uint8Array>)[], { hang = false } = {}) {
  const cancel = vi.fn();
  const state = { pulls: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = chunks[state.pulls++];
        if (chunk) controller.enqueue(await chunk);
        else if (hang) await never;
        else controller.close();
      },
      cancel,
    },
    { highWaterMark: 0 },
  );
  return { stream, cancel, state };
}

/** stream() over `body`; `onStreamRequest` runs as the event stream's request is answered. */
function streamOver(body: ReadableStream<Uint8Array>, signal?: AbortSignal, onStreamRequest?: () => void) {
  const fetch = async (_url: string | URL, init: RequestInit = {}) => {
    if (init.method === "POST") return new Response(JSON.stringify({ id: ID, status: "starting", urls: { stream: API_STREAM } }), { status: 201 });
    onStreamRequest?.();
    return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
  };
  return client(fetch).stream("owner/model", { input: {}, signal });
}

interface Seen {
  event: string;
  data: string;
  id?: string;
}

/** The events stream() yields over `body` (event, data, id) and the error it ends with, if any. */
async function outcome(iterable: AsyncIterable<ServerSentEvent>): Promise<{ events: Seen[]; error?: unknown }> {
  const events: Seen[] = [];
  try {
    for await (const { event, data, id } of iterable) events.push(id === undefined ? { event, data } : { event, data, id });
  } catch (error) {
    return { events, error };
  }
  return { events };
}

// CRLF line ends and a BOM, with characters of two, three and four UTF-8 bytes.
const BYTES = encoder.encode(
  "\uFEFFevent: output\r\nid: p1:0\r\ndata: héllo 世界 🎉\r\n\r\n" +
    "event: logs\r\nid: p1:1\r\ndata: step 1/2\r\ndata: step 2/2 ✓\r\n\r\n" +
    ": keep-alive\r\n\r\nevent: output\r\nid: p1:2\r\ndata: ¡fin!\r\n\r\n" +
    "event: done\r\nid: p1:3\r\ndata: {}\r\n\r\n",
);
const EVENTS: Seen[] = [
  { event: "output", id: "p1:0", data: "héllo 世界 🎉" },
  { event: "logs", id: "p1:1", data: "step 1/2\nstep 2/2 ✓" },
  { event: "output", id: "p1:2", data: "¡fin!" },
  { event: "done", id: "p1:3", data: "{}" },
];

describe("stream(): decoding the body", () => {
  it("gives the same events for the bytes split at every position", async () => {
    for (let i = 0; i <= BYTES.length; i++) {
      const { stream } = sourceOf([BYTES.subarray(0, i), BYTES.subarray(i)]);
      expect(await outcome(streamOver(stream)), `split at byte ${i}`).toEqual({ events: EVENTS });
    }
  });

  it("gives the same events for the bytes delivered one at a time", async () => {
    const { stream } = sourceOf(Array.from(BYTES, (byte) => Uint8Array.of(byte)));
    expect(await outcome(streamOver(stream))).toEqual({ events: EVENTS });
  });

  it("feeds a long chunk to the parser in slices, with events across slice boundaries intact", async () => {
    // 3,000 events of 34 to 38 characters in one read: many 1,024-character slices, cut mid-event.
    const outputs = Array.from({ length: 3_000 }, (_, i) => `token ${i} é🎉`);
    const text = `${outputs.map((data) => `event: output\ndata: ${data}\n\n`).join("")}event: done\ndata: {}\n\n`;
    const { events, error } = await outcome(streamOver(sourceOf([encoder.encode(text)]).stream));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.data)).toEqual([...outputs, "{}"]);
  });

  it("flushes the decoder at the end and delivers a last event without blank line", async () => {
    const { stream } = sourceOf([encoder.encode("event: done\ndata: a"), Uint8Array.of(0xf0, 0x9f)]);
    expect(await outcome(streamOver(stream))).toEqual({ events: [{ event: "done", data: "a\uFFFD" }] });
  });

  it("strips only one leading BOM, leaving the parser to do it", async () => {
    // The second BOM makes the first field "\uFEFFdata", which the parser ignores.
    const { stream } = sourceOf([encoder.encode("\uFEFF\uFEFFdata: a\n\nevent: done\ndata: {}\n\n")]);
    expect(await outcome(streamOver(stream))).toEqual({ events: [{ event: "done", data: "{}" }] });
  });

  it("releases the body once the stream ends", async () => {
    const { stream, cancel } = sourceOf([encoder.encode("event: output\ndata: a\n\n")]);
    const { events, error } = await outcome(streamOver(stream));
    expect(events).toHaveLength(1);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(stream.locked).toBe(false);
    expect(cancel).not.toHaveBeenCalled();
  });
});

describe("stream(): delivery", () => {
  it("yields events of a chunk before the next chunk arrives", async () => {
    let release!: (chunk: Uint8Array) => void;
    const later = new Promise<Uint8Array>((resolve) => (release = resolve));
    const { stream } = sourceOf([encoder.encode("data: a\n\ndata: b\n\nda"), later]);
    const events = streamOver(stream);
    expect((await events.next()).value).toMatchObject({ event: "message", data: "a" });
    expect((await events.next()).value).toMatchObject({ event: "message", data: "b" });
    let settled = false;
    const third = events.next().finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release(encoder.encode("ta: c\n\nevent: done\ndata: {}\n\n"));
    expect((await third).value).toMatchObject({ event: "message", data: "c" });
    expect((await events.next()).value).toMatchObject({ event: "done", data: "{}" });
    expect((await events.next()).done).toBe(true);
  });

  it("throws ConnectionError caused by an error of the body, after the events before it", async () => {
    const boom = new Error("connection reset");
    const failing = Promise.reject(boom);
    failing.catch(() => {}); // rejected before the source awaits it; not an unhandled rejection
    const { stream } = sourceOf([encoder.encode("data: a\n\n"), failing]);
    const { events, error } = await outcome(streamOver(stream));
    expect(events).toEqual([{ event: "message", data: "a" }]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBe(boom);
  });
});

describe("stream(): cancellation", () => {
  it("cancels the body and releases it when the consumer breaks early", async () => {
    const chunks = [encoder.encode("data: a\n\n"), encoder.encode("data: b\n\n")];
    const { stream, cancel, state } = sourceOf(chunks, { hang: true });
    const seen: string[] = [];
    for await (const event of streamOver(stream)) {
      seen.push(event.data);
      break;
    }
    expect(seen).toEqual(["a"]);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(state.pulls).toBe(1);
    expect(stream.locked).toBe(false);
  });

  it("throws AbortError with the reason and cancels the body when aborted between events", async () => {
    const controller = new AbortController();
    const reason = new Error("user stopped");
    const { stream, cancel } = sourceOf([encoder.encode("data: a\n\ndata: b\n\n")], { hang: true });
    const events = streamOver(stream, controller.signal);
    expect((await events.next()).value).toMatchObject({ event: "message", data: "a" });
    controller.abort(reason);
    await expect(events.next()).rejects.toMatchObject({ name: "AbortError", reason });
    expect(cancel).toHaveBeenCalledWith(reason);
    expect((await events.next()).done).toBe(true);
  });

  it("throws AbortError with the reason while waiting on a chunk that never comes", async () => {
    const controller = new AbortController();
    const reason = new Error("timeout");
    const { stream, cancel } = sourceOf([encoder.encode("data: a\n\n")], { hang: true });
    const events = streamOver(stream, controller.signal);
    await events.next();
    const pending = events.next();
    controller.abort(reason);
    await expect(pending).rejects.toMatchObject({ name: "AbortError", reason });
    expect(cancel).toHaveBeenCalledWith(reason);
  });

  it("throws AbortError for a signal aborted as the stream request is answered, before reading, and cancels the body", async () => {
    const controller = new AbortController();
    const reason = new Error("too late");
    const { stream, cancel, state } = sourceOf([encoder.encode("data: a\n\n")]);
    const events = streamOver(stream, controller.signal, () => controller.abort(reason));
    await expect(events.next()).rejects.toMatchObject({ name: "AbortError", reason });
    expect(state.pulls).toBe(0);
    expect(cancel).toHaveBeenCalledWith(reason);
  });
});
