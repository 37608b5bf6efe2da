// `stream()` over 100,000 short `output` events (one prediction, one event stream), against a
// minimal hand-written line splitter reading the same bytes. A warm-up stream first, then the timed
// one, in a fresh process, so the peak RSS is the streams' own. A variant that has not finished
// after its time budget stops there and reports the rate over the events it got (1.4.0 needs
// minutes for one stream).
import { SSE_EVENTS } from "../fixtures.mjs";
import { check, measure, peakRssMiB, apiHeaders } from "../measure.mjs";

const WARMUP_BUDGET_MS = 2000;
const BUDGET_MS = 5000;
let deadline = Infinity;
/** Checked every 256 events, so the clock costs nothing measurable. */
const outOfTime = (count) => (count & 255) === 0 && performance.now() > deadline;

async function throughput(consume, { warm = true } = {}) {
  if (warm) {
    deadline = performance.now() + WARMUP_BUDGET_MS;
    await consume();
  }
  deadline = performance.now() + BUDGET_MS;
  const { cpuMs, wallMs, value: events } = await measure(consume);
  const partial = events < SSE_EVENTS;
  return {
    eventsPerCpuSec: events / (cpuMs / 1000),
    eventsPerSec: events / (wallMs / 1000),
    peakRssMiB: peakRssMiB(),
    ...(partial ? { partial: `${events} of ${SSE_EVENTS} events in ${(wallMs / 1000).toFixed(0)} s` } : {}),
  };
}

function viaStream(replicate) {
  return async () => {
    let count = 0;
    let chars = 0;
    for await (const event of replicate.stream("bench/stream", { input: { prompt: "hi" } })) {
      if (event.event === "output") {
        count++;
        chars += event.data.length;
        if (outOfTime(count)) return count;
      }
    }
    check("output events", count, SSE_EVENTS);
    check("output characters", chars, SSE_EVENTS * 4);
    return count;
  };
}

export const ours = ({ client }) => throughput(viaStream(client()));
// No warm-up for 1.4.0: it keeps reading a stream its consumer left, which would run on, and be
// counted, during the timed stream; and its time goes to its parser rescanning each chunk, not to JIT warm-up.
export const v1 = ({ client }) => throughput(viaStream(client()), { warm: false });

/** What a developer writes by hand: split on "\n", keep `event:` and `data:`, dispatch on a blank line. */
export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  return throughput(async () => {
    const created = await fetch(`${origin}/v1/models/bench/stream/predictions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ input: { prompt: "hi" } }),
    });
    const prediction = JSON.parse(await created.text());
    const response = await fetch(prediction.urls.stream, { headers: { ...headers, Accept: "text/event-stream" } });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let rest = "";
    let event = "message";
    let data = "";
    let count = 0;
    let chars = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = rest + decoder.decode(value, { stream: true });
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        const line = text.slice(start, end);
        start = end + 1;
        if (line === "") {
          if (event === "done") {
            await reader.cancel();
            check("output events", count, SSE_EVENTS);
            check("output characters", chars, SSE_EVENTS * 4);
            return count;
          }
          if (event === "output") {
            count++;
            chars += data.length;
            if (outOfTime(count)) return count;
          }
          event = "message";
          data = "";
        } else if (line.startsWith("data:")) {
          data = line.slice(line.startsWith("data: ") ? 6 : 5);
        } else if (line.startsWith("event:")) {
          event = line.slice(line.startsWith("event: ") ? 7 : 6);
        }
      }
      rest = text.slice(start);
    }
    throw new Error("stream ended before done");
  });
}
