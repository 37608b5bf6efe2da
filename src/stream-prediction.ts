import { ConnectionError, StreamError } from "./errors";
import { send } from "./core/request";
import { throwIfAborted } from "./core/sleep";
import { requireObject } from "./core/validate";
import { createFileOutput, readerOf } from "./file-output";
import { parseIdentifier } from "./identifier";
import type { RunClient } from "./run";
import { ServerSentEvent } from "./server-sent-event";
import { createParser, type ParsedEvent } from "./stream";
import type { WebhookEventType } from "./types";

export interface StreamOptions {
  input: object;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  signal?: AbortSignal;
  /** Turn file URLs of a files stream into FileOutput; defaults to the client's `useFileOutput`. */
  useFileOutput?: boolean;
}

/**
 * Creates a prediction and yields its server-sent events until `done`. One generator reads, decodes
 * and parses the body: a second one wrapped around it cost an async hop per event (bench: SSE).
 */
export async function* streamModel(client: RunClient, ref: string, options: StreamOptions): AsyncGenerator<ServerSentEvent> {
  requireObject(options, "options");
  const { wait: _ignored, signal, useFileOutput = client.useFileOutput, ...data } = options as StreamOptions & {
    wait?: unknown;
  };
  // Without a version the reference is exactly `owner/name`, so it is the model as it stands.
  const { version } = parseIdentifier(ref);
  // An aborted signal throws in here, before the request: send() checks it first.
  const prediction = await client.predictions.create({ ...data, ...(version ? { version } : { model: ref }), signal });

  const url = prediction.urls?.stream;
  if (!url) throw new Error("Prediction does not support streaming");
  const files = useFileOutput && new URL(url).pathname.startsWith("/v1/files/");
  const response = await send(client, url, { headers: { Accept: "text/event-stream" }, json: false, signal });

  const events: ParsedEvent[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  // ignoreBOM keeps a leading BOM in the text so the parser, which strips it, is the only one to do so.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  // A null body (never sent by Replicate) reads as empty: a stream that ended before `done`.
  const reader = readerOf(response);
  // Cancelling settles a pending read() at once, so an abort need not wait for the next chunk.
  const cancel = () => reader.cancel(signal?.reason).catch(() => {});
  let done: boolean | undefined;
  try {
    throwIfAborted(signal);
    signal?.addEventListener("abort", cancel);
    while (!done) {
      const read = await reader.read().catch((error: unknown) => {
        // A read fails when the connection breaks mid-stream, or when fetch was aborted: then the
        // caller gets the AbortError run() gives them.
        throwIfAborted(signal);
        throw new ConnectionError(`Request to ${url} failed: ${error}`, { cause: error });
      });
      throwIfAborted(signal);
      done = read.done;
      // Without `stream`, decode() also flushes a sequence cut off at the end.
      const text = decoder.decode(read.value, { stream: !done });
      let start = 0;
      do {
        // Fed 1,024 characters at a time. A read can carry thousands of short events (a 64 kB chunk
        // of tokens). Parsed at once, they all wait while the consumer takes them one by one, long
        // enough for V8 to move them to the old generation; parsed a slice at a time, a few dozen
        // wait and die young. Over 100,000 events (warm, Node 20): 10 MB less peak RSS and about
        // 30% more events per CPU-second than whole chunks (bench: SSE).
        parser.feed(text.slice(start, (start += 1024)));
        if (done && start >= text.length) parser.end();
        for (const { event, data, id, retry } of events.splice(0)) {
          if (event === "error") throw new StreamError(data);
          yield new ServerSentEvent(event, event === "output" && files ? createFileOutput(data, client) : data, id, retry);
          // 1.4.0 yields the `done` event too, then stops: code that breaks on it keeps working.
          if (event === "done") return;
          // The consumer may have aborted while it held this event.
          throwIfAborted(signal);
        }
      } while (start < text.length);
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
    // Stopping early (done, error, break, abort) cancels the body, closing the connection.
    if (!done) await cancel();
    reader.releaseLock();
  }
  // Replicate always ends a stream with `done`; without it the output is incomplete.
  throw new ConnectionError(`Request to ${url} failed: no "done" event`);
}
