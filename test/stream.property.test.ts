import { createParser as createOracle } from "eventsource-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createParser } from "../src/stream";
import type { ParsedEvent } from "../src/stream";

interface WireEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
  comment?: string;
}

const RUNS = { numRuns: 200 };
// Any code point, with the characters that matter to the format (and multi-unit ones) made frequent.
const char = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.constantFrom("\n", "\r", "\r\n", " ", ":", "\0", "\uFEFF", "é", "世", "🎉"),
);
const text = fc.string({ unit: char, maxLength: 30 });
const oneLine = text.map((s) => s.replace(/[\r\n]/g, ""));
const wireEvent: fc.Arbitrary<WireEvent> = fc.record(
  {
    event: oneLine,
    data: text,
    id: oneLine.map((s) => s.replaceAll("\0", "")),
    retry: fc.nat(),
    comment: oneLine,
  },
  { requiredKeys: ["data"] },
);
const stream = fc.record({
  events: fc.array(wireEvent, { maxLength: 8 }),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  bom: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});

function serialize(events: WireEvent[], eol: string): string {
  const lines: string[] = [];
  for (const { event, data, id, retry, comment } of events) {
    if (comment !== undefined) lines.push(`:${comment}`);
    if (event !== undefined) lines.push(`event: ${event}`);
    if (id !== undefined) lines.push(`id: ${id}`);
    if (retry !== undefined) lines.push(`retry: ${retry}`);
    for (const line of data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
    lines.push("");
  }
  return lines.map((line) => line + eol).join("");
}

function chunk(input: string, cuts: number[]): string[] {
  const points = cuts.map((cut) => cut % (input.length + 1)).sort((a, b) => a - b);
  return [0, ...points].map((from, i) => input.slice(from, points[i] ?? input.length));
}

/** Every callback of our parser, in order, for `chunks` fed one by one and then end(). */
function trace(chunks: string[]): unknown[] {
  const calls: unknown[] = [];
  const parser = createParser({
    onEvent: (event) => calls.push(event),
    onRetry: (retry) => calls.push({ retry }),
    onComment: (comment) => calls.push({ comment }),
  });
  for (const piece of chunks) parser.feed(piece);
  parser.end();
  return calls;
}

const parsedEvent = (event: string, data: string, id?: string, retry?: number): ParsedEvent => ({
  event,
  data,
  ...(id !== undefined && { id }),
  ...(retry !== undefined && { retry }),
});

/** eventsource-parser's events, with the last id and retry carried forward: the spec does, it does not. */
function oracle(input: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  const parser = createOracle({
    onEvent(e) {
      id = e.id ?? id;
      events.push(parsedEvent(e.event ?? "message", e.data, id, retry));
    },
    onRetry: (value) => (retry = value),
  });
  // It holds back a final CR, waiting for a possible LF; one more LF settles it without a new event.
  parser.feed(`${input}\n`);
  return events;
}

/** The events a spec-following parser must give for `events`, line breaks in data normalized to LF. */
function expected(events: WireEvent[]): ParsedEvent[] {
  let id: string | undefined;
  let retry: number | undefined;
  return events.map((e) => {
    id = e.id ?? id;
    retry = e.retry ?? retry;
    return parsedEvent(e.event || "message", e.data.replace(/\r\n?/g, "\n"), id, retry);
  });
}

describe("createParser properties", () => {
  it("matches eventsource-parser on valid streams in any chunking", () => {
    fc.assert(
      fc.property(stream, ({ events, eol, bom, cuts }) => {
        const wire = serialize(events, eol);
        const calls = trace(chunk((bom ? "\uFEFF" : "") + wire, cuts));
        const ours = calls.filter((call) => "data" in (call as object));
        expect(ours).toEqual(oracle(wire));
        expect(ours).toEqual(expected(events));
      }),
      RUNS,
    );
  });

  it("gives the same callbacks for any chunking as for one chunk", () => {
    const fields = ["data", "event", "id", "retry"];
    const token = fc.constantFrom(...fields, ":", " ", "\r", "\n", "\r\n", "\uFEFF", "\0", "7", "x", "é", "🎉");
    const noise = fc.array(token, { maxLength: 80 }).map((tokens) => tokens.join(""));
    fc.assert(
      fc.property(noise, fc.array(fc.nat(), { maxLength: 12 }), (input, cuts) => {
        expect(trace(chunk(input, cuts))).toEqual(trace([input]));
      }),
      RUNS,
    );
  });
});
