import { createParser } from "./stream";
import type { ParsedEvent } from "./stream";

/**
 * Yield the server-sent events of a UTF-8 byte stream as each one completes. Stopping early or
 * aborting `signal` cancels `body` (closing the connection); an abort throws `signal.reason`.
 */
export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ParsedEvent> {
  const reader = body.getReader();
  // ignoreBOM keeps a leading BOM in the text so the parser, which strips it, is the only one to do so.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let events: ParsedEvent[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  // Cancelling settles a pending read() at once, so an abort need not wait for the next chunk.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => {});
  let finished = false;
  try {
    signal?.throwIfAborted();
    signal?.addEventListener("abort", onAbort, { once: true });
    while (!finished) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) {
        finished = true;
        parser.feed(decoder.decode());
        parser.end();
      } else {
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (events.length === 0) continue;
      const batch = events;
      events = [];
      for (const event of batch) {
        yield event;
        // The consumer may have aborted while it held this event.
        signal?.throwIfAborted();
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!finished) await reader.cancel(signal?.reason).catch(() => {});
    reader.releaseLock();
  }
}
