import { describe, expect, it, vi } from "vitest";
import { readEventStream } from "../src/event-stream";
import type { ParsedEvent } from "../src/stream";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
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

async function collect(body: ReadableStream<Uint8Array>): Promise<ParsedEvent[]> {
  const events: ParsedEvent[] = [];
  for await (const event of readEventStream(body)) events.push(event);
  return events;
}

// CRLF line ends and a BOM, with characters of two, three and four UTF-8 bytes.
const BYTES = encode(
  "\uFEFFevent: output\r\nid: p1:0\r\ndata: héllo 世界 🎉\r\n\r\n" +
    "event: logs\r\nid: p1:1\r\ndata: step 1/2\r\ndata: step 2/2 ✓\r\n\r\n" +
    ": keep-alive\r\n\r\nevent: output\r\nid: p1:2\r\ndata: ¡fin!\r\n\r\n" +
    "event: done\r\nid: p1:3\r\ndata: {}\r\n\r\n",
);
const EVENTS: ParsedEvent[] = [
  { event: "output", id: "p1:0", data: "héllo 世界 🎉" },
  { event: "logs", id: "p1:1", data: "step 1/2\nstep 2/2 ✓" },
  { event: "output", id: "p1:2", data: "¡fin!" },
  { event: "done", id: "p1:3", data: "{}" },
];

describe("decoding", () => {
  it("gives the same events for the bytes split at every position", async () => {
    for (let i = 0; i <= BYTES.length; i++) {
      const { stream } = sourceOf([BYTES.subarray(0, i), BYTES.subarray(i)]);
      expect(await collect(stream), `split at byte ${i}`).toEqual(EVENTS);
    }
  });

  it("gives the same events for the bytes delivered one at a time", async () => {
    const { stream } = sourceOf(Array.from(BYTES, (byte) => Uint8Array.of(byte)));
    expect(await collect(stream)).toEqual(EVENTS);
  });

  it("flushes the decoder at the end and delivers a last event without blank line", async () => {
    const { stream } = sourceOf([encode("event: done\ndata: a"), Uint8Array.of(0xf0, 0x9f)]);
    expect(await collect(stream)).toEqual([{ event: "done", data: "a\uFFFD" }]);
  });

  it("strips only one leading BOM, leaving the parser to do it", async () => {
    expect(await collect(sourceOf([encode("\uFEFF\uFEFFdata: a\n\n")]).stream)).toEqual([]);
  });

  it("releases the body once the stream ends", async () => {
    const { stream, cancel } = sourceOf([encode("data: a\n\n")]);
    expect(await collect(stream)).toHaveLength(1);
    expect(stream.locked).toBe(false);
    expect(cancel).not.toHaveBeenCalled();
  });
});

describe("delivery", () => {
  it("yields events of a chunk before the next chunk arrives", async () => {
    let release!: (chunk: Uint8Array) => void;
    const later = new Promise<Uint8Array>((resolve) => (release = resolve));
    const { stream } = sourceOf([encode("data: a\n\ndata: b\n\nda"), later]);
    const events = readEventStream(stream);
    expect((await events.next()).value).toEqual({ event: "message", data: "a" });
    expect((await events.next()).value).toEqual({ event: "message", data: "b" });
    let settled = false;
    const third = events.next().finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release(encode("ta: c\n\n"));
    expect((await third).value).toEqual({ event: "message", data: "c" });
    expect((await events.next()).done).toBe(true);
  });

  it("propagates an error of the body after the events before it", async () => {
    const boom = new Error("connection reset");
    const failing = Promise.reject(boom);
    failing.catch(() => {}); // rejected before the source awaits it; not an unhandled rejection
    const { stream } = sourceOf([encode("data: a\n\n"), failing]);
    const events: ParsedEvent[] = [];
    await expect(async () => {
      for await (const event of readEventStream(stream)) events.push(event);
    }).rejects.toBe(boom);
    expect(events).toEqual([{ event: "message", data: "a" }]);
  });
});

describe("cancellation", () => {
  it("cancels the body and releases it when the consumer breaks early", async () => {
    const chunks = [encode("data: a\n\n"), encode("data: b\n\n")];
    const { stream, cancel, state } = sourceOf(chunks, { hang: true });
    const seen: string[] = [];
    for await (const event of readEventStream(stream)) {
      seen.push(event.data);
      break;
    }
    expect(seen).toEqual(["a"]);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(state.pulls).toBe(1);
    expect(stream.locked).toBe(false);
  });

  it("throws the abort reason and cancels the body when aborted between events", async () => {
    const controller = new AbortController();
    const reason = new Error("user stopped");
    const { stream, cancel } = sourceOf([encode("data: a\n\ndata: b\n\n")], { hang: true });
    const events = readEventStream(stream, controller.signal);
    expect((await events.next()).value).toEqual({ event: "message", data: "a" });
    controller.abort(reason);
    await expect(events.next()).rejects.toBe(reason);
    expect(cancel).toHaveBeenCalledWith(reason);
    expect((await events.next()).done).toBe(true);
  });

  it("throws the abort reason while waiting on a chunk that never comes", async () => {
    const controller = new AbortController();
    const reason = new Error("timeout");
    const { stream, cancel } = sourceOf([encode("data: a\n\n")], { hang: true });
    const events = readEventStream(stream, controller.signal);
    await events.next();
    const pending = events.next();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(cancel).toHaveBeenCalledWith(reason);
  });

  it("throws for an already-aborted signal before reading, and cancels the body", async () => {
    const reason = new Error("too late");
    const { stream, cancel, state } = sourceOf([encode("data: a\n\n")]);
    const events = readEventStream(stream, AbortSignal.abort(reason));
    await expect(events.next()).rejects.toBe(reason);
    expect(state.pulls).toBe(0);
    expect(cancel).toHaveBeenCalledWith(reason);
  });
});
