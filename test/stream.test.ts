import { describe, expect, it } from "vitest";
import { createParser } from "../src/stream";
import type { ParsedEvent } from "../src/stream";

function parse(chunks: string[], { end = true } = {}): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  for (const chunk of chunks) parser.feed(chunk);
  if (end) parser.end();
  return events;
}
const parseText = (text: string): ParsedEvent[] => parse([text], { end: false });

// A Replicate prediction stream: outputs (one multi-line, one non-ASCII), logs, a keep-alive, done.
const REPLICATE_STREAM = [
  "event: output\nid: 1690212292:0\ndata: Hello\n\n",
  "event: logs\nid: 1690212292:1\ndata: Loading weights…\n\n",
  ": keep-alive\n\n",
  "event: output\nid: 1690212292:2\ndata: héllo 世界 🎉\n\n",
  "event: output\nid: 1690212292:3\ndata: line one\ndata:\ndata: line three\n\n",
  "event: done\nid: 1690212292:4\ndata: {}\n\n",
].join("");
const REPLICATE_EVENTS: ParsedEvent[] = [
  { event: "output", id: "1690212292:0", data: "Hello" },
  { event: "logs", id: "1690212292:1", data: "Loading weights…" },
  { event: "output", id: "1690212292:2", data: "héllo 世界 🎉" },
  { event: "output", id: "1690212292:3", data: "line one\n\nline three" },
  { event: "done", id: "1690212292:4", data: "{}" },
];

describe("fields", () => {
  it("dispatches on a blank line with the default type message", () => {
    expect(parseText("data: hi\n")).toEqual([]);
    expect(parseText("data: hi\n\n")).toEqual([{ event: "message", data: "hi" }]);
  });

  it("takes the type from event and resets it after each dispatch", () => {
    expect(parseText("event: output\ndata: a\n\ndata: b\n\n")).toEqual([
      { event: "output", data: "a" },
      { event: "message", data: "b" },
    ]);
  });

  it("joins several data lines with LF", () => {
    expect(parseText("data: a\ndata: b\ndata: c\n\n")).toEqual([{ event: "message", data: "a\nb\nc" }]);
  });

  it("strips exactly one space after the colon", () => {
    expect(parseText("data:no space\n\ndata:  two spaces\n\n").map((e) => e.data)).toEqual([
      "no space",
      " two spaces",
    ]);
    expect(parseText("event:done\ndata:x\n\n")[0]?.event).toBe("done");
    expect(parseText("data:\tx\n\n")[0]?.data).toBe("\tx");
  });

  it("treats a line without colon as a field with an empty value", () => {
    expect(parseText("data\n\n")).toEqual([{ event: "message", data: "" }]);
    expect(parseText("data\ndata\n\n")[0]?.data).toBe("\n");
    expect(parseText("event: x\nevent\ndata: a\n\n")[0]?.event).toBe("message");
  });

  it("does not dispatch an event with no data line, and forgets its type", () => {
    expect(parseText("event: ping\n\n")).toEqual([]);
    expect(parseText("event: ping\n\ndata: a\n\n")).toEqual([{ event: "message", data: "a" }]);
  });

  it("ignores unknown fields and keeps colons inside values", () => {
    expect(parseText("foo: bar\nDATA: no\ndata: a:b: c\n\n")).toEqual([{ event: "message", data: "a:b: c" }]);
  });

  it("ignores fields that differ from data, event or id by one letter or in length", () => {
    const nearMisses = ["data", "event", "id", "retry"].flatMap((name) => [
      ...[...name].map((_, i) => `${name.slice(0, i)}x${name.slice(i + 1)}: 1`),
      `${name.slice(0, -1)}: 1`,
      `${name}s: 1`,
      `${name.toUpperCase()}: 1`,
    ]);
    expect(parseText(`${nearMisses.join("\n")}\ndata: ok\n\n`)).toEqual([{ event: "message", data: "ok" }]);
  });

  it("skips comments and passes their text, minus one space, to onComment", () => {
    const comments: string[] = [];
    const events: ParsedEvent[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
    parser.feed(":ping\ndata: a\n:  two\ndata: b\n\n");
    expect(comments).toEqual(["ping", " two"]);
    expect(events).toEqual([{ event: "message", data: "a\nb" }]);
  });
});

describe("id and retry", () => {
  it("keeps the last event id for later events", () => {
    const events = parseText("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n");
    expect(events.map((e) => e.id)).toEqual(["1", "1", "2"]);
  });

  it("keeps an id set by an event that was not dispatched", () => {
    expect(parseText("id: 7\n\ndata: a\n\n")).toEqual([{ event: "message", data: "a", id: "7" }]);
  });

  it("ignores an id containing NUL and lets an empty id clear it", () => {
    expect(parseText("id: 1\ndata: a\n\nid: 2\0\ndata: b\n\nid\ndata: c\n\n").map((e) => e.id)).toEqual([
      "1",
      "1",
      "",
    ]);
  });

  it("checks an id for NUL only within its own line", () => {
    expect(parseText("data: a\0b\nid: 1\n\n")[0]?.id).toBe("1");
    expect(parseText("id: 1\ndata: \0\n\nid: 2\0\ndata: b\n\n").map((e) => e.id)).toEqual(["1", "1"]);
    expect(parse(["id: 1\ndata: a\n\ni", "d: 2\0\ndata: b\n\n"]).map((e) => e.id)).toEqual(["1", "1"]);
  });

  it("accepts only all-digit retry values, reports them and attaches the last one", () => {
    const retries: number[] = [];
    const events: ParsedEvent[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e), onRetry: (r) => retries.push(r) });
    parser.feed("data: a\n\nretry: 1500\ndata: b\n\n");
    parser.feed("retry: 10a\nretry: -1\nretry: 1.5\nretry:\nretry:  20\ndata: c\n\n");
    expect(retries).toEqual([1500]);
    expect(events.map((e) => e.retry)).toEqual([undefined, 1500, 1500]);
  });
});

describe("line endings and BOM", () => {
  it("gives the same events for LF, CRLF and CR-only endings", () => {
    const lf = "event: a\ndata: 1\ndata: 2\n\ndata: 3\n\n";
    const expected = [
      { event: "a", data: "1\n2" },
      { event: "message", data: "3" },
    ];
    expect(parseText(lf)).toEqual(expected);
    expect(parseText(lf.replaceAll("\n", "\r\n"))).toEqual(expected);
    expect(parseText(lf.replaceAll("\n", "\r"))).toEqual(expected);
  });

  it("counts a CR ending one chunk and an LF starting the next as one line end", () => {
    expect(parse(["data: a\r", "\ndata: b\r\n\r\n"])).toEqual([{ event: "message", data: "a\nb" }]);
    expect(parse(["data: a\r", "", "\ndata: b\r", "\n\r", "\n"], { end: false })).toEqual([
      { event: "message", data: "a\nb" },
    ]);
  });

  it("ends a line at a CR closing a chunk even when no LF follows", () => {
    expect(parse(["data: a\r", "\r"], { end: false })).toEqual([{ event: "message", data: "a" }]);
    expect(parse(["data: a\r", "data: b\r\r"], { end: false })).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("strips one BOM at the very start of the stream only", () => {
    expect(parse(["", "\uFEFFdata: a\n\n"])).toEqual([{ event: "message", data: "a" }]);
    expect(parseText("\uFEFF\uFEFFdata: a\n\n")).toEqual([]);
    expect(parse(["data: a", "\uFEFFb\n\n"])).toEqual([{ event: "message", data: "a\uFEFFb" }]);
  });
});

describe("end and reset", () => {
  it("end() delivers a last event that no blank line followed", () => {
    expect(parse(["event: done\ndata: {}\n"], { end: false })).toEqual([]);
    expect(parse(["event: done\ndata: {}\n"])).toEqual([{ event: "done", data: "{}" }]);
  });

  it("end() treats a trailing partial line as complete", () => {
    expect(parse(["data: a\nda", "ta: b"])).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("end() delivers nothing for a last event without data", () => {
    expect(parse(["data: a\n\nevent: done\n"])).toEqual([{ event: "message", data: "a" }]);
  });

  it("end() and reset() forget partial lines, buffered data and the last id", () => {
    const events: ParsedEvent[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e) });
    parser.feed("id: 1\ndata: a\n\ndata: partial\nda");
    parser.reset();
    parser.feed("\uFEFFta: b\n\n");
    parser.feed("id: 2\ndata: c\n");
    parser.end();
    parser.feed("\uFEFFdata: d\n\n");
    expect(events).toEqual([
      { event: "message", data: "a", id: "1" },
      { event: "message", data: "c", id: "2" },
      { event: "message", data: "d" },
    ]);
  });
});

describe("chunking", () => {
  it("parses a Replicate stream split at every position into the same events", () => {
    expect(parseText(REPLICATE_STREAM)).toEqual(REPLICATE_EVENTS);
    for (let i = 0; i <= REPLICATE_STREAM.length; i++) {
      const chunks = [REPLICATE_STREAM.slice(0, i), REPLICATE_STREAM.slice(i)];
      expect(parse(chunks), `split at ${i}`).toEqual(REPLICATE_EVENTS);
    }
  });

  it("parses a Replicate stream fed one code unit at a time, with any line ending", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = REPLICATE_STREAM.replaceAll("\n", eol);
      expect(parse(text.split("")), JSON.stringify(eol)).toEqual(REPLICATE_EVENTS);
    }
  });

  it("parses 100,000 events", () => {
    const event = (i: number): string => `id: ${i}\nevent: output\ndata: token ${i}\n\n`;
    const text = Array.from({ length: 100_000 }, (_, i) => event(i)).join("");
    const events = parse([text.slice(0, 1_000_003), text.slice(1_000_003)]);
    expect(events).toHaveLength(100_000);
    expect(events.at(-1)).toEqual({ event: "output", data: "token 99999", id: "99999" });
    expect(events[50_000]).toEqual({ event: "output", data: "token 50000", id: "50000" });
  });

  it("parses one 5 MB data line fed in 64 KB chunks", () => {
    const payload = "x".repeat(5 * 1024 * 1024 - 7) + "é世🎉";
    const text = `data: ${payload}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 64 * 1024) chunks.push(text.slice(i, i + 64 * 1024));
    const events = parse(chunks, { end: false });
    expect(events).toHaveLength(1);
    expect(events[0]?.data.length).toBe(payload.length);
    expect(events[0]?.data === payload).toBe(true);
  });

  it("parses a 1 MB data line fed one code unit at a time", () => {
    const payload = "ab".repeat(512 * 1024);
    const events = parse(["data: ", ...payload.split(""), "\n\n"], { end: false });
    expect(events.map((e) => e.data === payload)).toEqual([true]);
  });
});
