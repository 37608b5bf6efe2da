import { resolveFiles } from "./files";
import type { Job, JobEvent } from "./job";

const encoder = new TextEncoder();

/** One event in the wire format: `event:`, `id:`, one `data:` line per line of the payload. */
export function formatEvent(event: JobEvent, deliveryBase: string): string {
  const value = resolveFiles(event.value, deliveryBase);
  const data = typeof value === "string" ? value : (JSON.stringify(value) ?? "null");
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `event: ${event.event}\nid: ${event.id}\n${lines.join("")}\n`;
}

/**
 * The `urls.stream` response: replays the job's events after `lastEventId`, then follows new ones
 * until `done`. A stream opened after completion therefore replays the whole run.
 */
export function streamJob(job: Job, deliveryBase: string, lastEventId = -1): Response {
  let next = lastEventId + 1;
  let wake: (() => void) | undefined;
  let open = true;
  const listener = () => wake?.();
  const body = new ReadableStream<Uint8Array>({
    start() {
      job.listeners.add(listener);
    },
    async pull(controller) {
      while (open && next >= job.events.length) await new Promise<void>((resolve) => (wake = resolve));
      const event = job.events[next++];
      if (!open || !event) return;
      controller.enqueue(encoder.encode(formatEvent(event, deliveryBase)));
      if (event.event === "done") {
        open = false;
        job.listeners.delete(listener);
        controller.close();
      }
    },
    cancel() {
      open = false;
      job.listeners.delete(listener);
      wake?.();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
  });
}

/**
 * Passes the first `count` events of an SSE body through, then errors the stream the way a cut
 * connection does in undici (`TypeError: terminated`), with no `done` event.
 */
export function cutAfterEvents(body: ReadableStream<Uint8Array>, count: number): ReadableStream<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  let previous = "";
  let cut = count <= 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      // Error on the pull after the last event, so the reader receives that event first.
      if (cut) {
        void reader.cancel().catch(() => undefined);
        return controller.error(new TypeError("terminated"));
      }
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const text = decoder.decode(value, { stream: true });
      let end = text.length;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\n" && (i > 0 ? text[i - 1] : previous) === "\n" && ++seen === count) {
          end = i + 1;
          cut = true;
          break;
        }
      }
      previous = text.at(-1) ?? previous;
      controller.enqueue(encoder.encode(text.slice(0, end)));
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
