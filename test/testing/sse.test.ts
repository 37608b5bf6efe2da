import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { cutAfterEvents, formatEvent } from "../../src/testing/sse";
import { send, transports, type Connection } from "./transports";

interface Event {
  event?: string;
  id?: string;
  data: string;
}

/** A deliberately small SSE reader, so these tests do not depend on the client's parser. */
function parse(text: string): Event[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event: Event = { data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        const [field, ...rest] = line.split(": ");
        const value = rest.join(": ");
        if (field === "data") data.push(value);
        else if (field === "event" || field === "id") event[field] = value;
      }
      event.data = data.join("\n");
      return event;
    });
}

async function* tokens(words: string[], context: { sleep(ms: number): Promise<void> }) {
  for (const word of words) {
    await context.sleep(1);
    yield word;
  }
}

describe.each(transports)("the stream URL over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  beforeEach(async () => {
    fake = createFakeReplicate({ token: "r8_secret" });
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  const create = async (model: string, input: object = {}) =>
    (await send(api, "POST", `/models/${model}/predictions`, { json: { input }, headers: { authorization: "Bearer r8_secret" } })).body;

  it("sends one output event per yielded chunk with ids, then done, and keeps the chunks as output", async () => {
    fake.model("acme/llm", (input, context) => tokens(input.words, context));
    const prediction = await create("acme/llm", { words: ["Hello", ",", " world", "\nbye"] });
    const response = await api.fetch(prediction.urls.stream, { headers: { accept: "text/event-stream" } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = parse(await response.text());
    expect(events).toEqual([
      { event: "output", id: "0", data: "Hello" },
      { event: "output", id: "1", data: "," },
      { event: "output", id: "2", data: " world" },
      { event: "output", id: "3", data: "\nbye" },
      { event: "done", id: "4", data: "{}" },
    ]);
    await fake.settle();
    expect(fake.predictions[0]?.output).toEqual(["Hello", ",", " world", "\nbye"]);
  });

  it("includes logs events, and ends a failed run with an error event carrying the detail", async () => {
    fake.model("acme/fails", async function* (_input, context) {
      context.log("warming up");
      yield "partial";
      context.fail("CUDA out of memory");
    });
    const prediction = await create("acme/fails");
    const events = parse(await (await api.fetch(prediction.urls.stream)).text());
    expect(events.map((e) => e.event)).toEqual(["logs", "output", "error", "done"]);
    expect(events[0]?.data).toBe("warming up");
    expect(JSON.parse(events[2]?.data ?? "")).toEqual({ detail: "CUDA out of memory" });
  });

  it("replays every event, then done, to a stream opened after completion", async () => {
    fake.model("acme/value", () => ["a.png", "b.png"]);
    const prediction = await create("acme/value");
    await fake.settle();
    const events = parse(await (await api.fetch(prediction.urls.stream)).text());
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ["output", "a.png"],
      ["output", "b.png"],
      ["done", "{}"],
    ]);
  });

  it("resumes after Last-Event-ID", async () => {
    fake.model("acme/llm", (input, context) => tokens(input.words, context));
    const prediction = await create("acme/llm", { words: ["a", "b", "c"] });
    await fake.settle();
    const response = await api.fetch(prediction.urls.stream, { headers: { "last-event-id": "1" } });
    expect(parse(await response.text()).map((e) => e.id)).toEqual(["2", "3"]);
  });

  it("ends with done {reason: canceled} when the prediction is canceled mid-stream", async () => {
    fake.model("acme/forever", async function* (_input, context) {
      yield "first";
      await context.sleep(60_000);
    });
    const prediction = await create("acme/forever");
    const response = await api.fetch(prediction.urls.stream);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("first")) text += (await reader.read()).value ?? "";
    await send(api, "POST", `/predictions/${prediction.id}/cancel`, { headers: { authorization: "Bearer r8_secret" } });
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    expect(parse(text).at(-1)).toEqual({ event: "done", id: "1", data: '{"reason":"canceled"}' });
  });

  it("needs no token (stream URLs are unauthenticated, like the real ones) and 404s unknown ids", async () => {
    fake.model("acme/value", () => "x");
    const prediction = await create("acme/value");
    expect((await api.fetch(prediction.urls.stream)).status).toBe(200);
    expect((await api.fetch(`${api.base}/streams/unknown`)).status).toBe(404);
  });
});

describe("SSE formatting", () => {
  it("writes one data line per line of the payload and JSON for non-strings", () => {
    expect(formatEvent({ id: 3, event: "output", value: "a\r\nb\nc" }, "")).toBe("event: output\nid: 3\ndata: a\ndata: b\ndata: c\n\n");
    expect(formatEvent({ id: 0, event: "output", value: { n: 1 } }, "")).toBe('event: output\nid: 0\ndata: {"n":1}\n\n');
  });

  it("cuts a body after n events even when events straddle chunks", async () => {
    const text = "data: 1\n\ndata: 2\n\ndata: 3\n\n";
    const chunks = [text.slice(0, 8), text.slice(8, 9), text.slice(9)];
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const reader = cutAfterEvents(source, 2).pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value;
      }
    })().catch((e: unknown) => e);
    expect(received).toBe("data: 1\n\ndata: 2\n\n");
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("terminated");
  });
});
