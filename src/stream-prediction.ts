import { AbortError, ConnectionError, StreamError } from "./errors";
import { send } from "./core/request";
import { requireObject } from "./core/validate";
import { readEventStream } from "./event-stream";
import { createFileOutput } from "./file-output";
import { parseIdentifier } from "./identifier";
import type { RunClient } from "./run";
import { ServerSentEvent } from "./server-sent-event";
import type { ParsedEvent } from "./stream";
import type { WebhookEventType } from "./types";

export interface StreamOptions {
  input: object;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  signal?: AbortSignal;
  /** Turn file URLs of a files stream into FileOutput; defaults to the client's `useFileOutput`. */
  useFileOutput?: boolean;
}

/** Creates a prediction and yields its server-sent events until `done`. */
export async function* streamModel(client: RunClient, ref: string, options: StreamOptions): AsyncGenerator<ServerSentEvent> {
  requireObject(options, "options");
  const { wait: _ignored, signal, useFileOutput = client.useFileOutput, ...data } = options as StreamOptions & {
    wait?: unknown;
  };
  // Without a version the reference is exactly `owner/name`, so it is the model as it stands.
  const { version } = parseIdentifier(ref);
  // An aborted signal throws in here, before the request: send() checks it first.
  const prediction = await client.predictions.create({ ...data, ...(version ? { version } : { model: ref }), signal });

  const streamURL = prediction.urls?.stream;
  if (!streamURL) throw new Error("Prediction does not support streaming");
  const url = new URL(streamURL);
  const files = useFileOutput && url.pathname.startsWith("/v1/files/");
  const response = await send(client, url, { headers: { Accept: "text/event-stream" }, json: false, signal });

  let last: ParsedEvent | undefined;
  try {
    // A null body (never sent by Replicate) fails in here too, as a broken stream.
    for await (last of readEventStream(response.body!, signal)) {
      const { event, data } = last;
      if (event === "error") break;
      yield new ServerSentEvent(event, event === "output" && files ? createFileOutput(data, client) : data, last.id, last.retry);
      // 1.4.0 yields the `done` event too, then stops: code that breaks on it keeps working.
      if (event === "done") return;
    }
  } catch (error) {
    // The reader throws the signal's bare reason: give callers the AbortError run() gives them.
    // Anything else came from reading the body: the connection broke mid-stream.
    throw signal?.aborted
      ? new AbortError(signal.reason)
      : new ConnectionError(`Event stream ${url} broke off: ${error}`, { cause: error });
  }
  if (last?.event === "error") throw new StreamError(last.data);
  // Replicate always ends a stream with `done`; without it the output is incomplete.
  throw new ConnectionError(`Event stream ${url} ended before its "done" event`);
}
