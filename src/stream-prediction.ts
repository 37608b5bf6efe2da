import { AbortError, ConnectionError, StreamError } from "./errors";
import { send } from "./core/request";
import { throwIfAborted } from "./core/sleep";
import { requireObject } from "./core/validate";
import { readEventStream } from "./event-stream";
import { createFileOutput } from "./file-output";
import { parseIdentifier } from "./identifier";
import type { RunClient } from "./run";
import { ServerSentEvent } from "./server-sent-event";
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
  const { owner, name, version } = parseIdentifier(ref);
  throwIfAborted(signal);
  const target = version ? { version } : { model: `${owner}/${name}` };
  const prediction = await client.predictions.create({ ...data, ...target, signal });

  const streamURL = prediction.urls?.stream;
  if (!streamURL) throw new Error("Prediction does not support streaming");
  const url = new URL(streamURL);
  const files = useFileOutput && url.pathname.startsWith("/v1/files/");

  const response = await send(client, url, {
    method: "GET",
    headers: { Accept: "text/event-stream" },
    json: false,
    signal,
  });
  if (!response.body) throw new ConnectionError(`The event stream at ${url} has no body`);

  try {
    for await (const event of readEventStream(response.body, signal)) {
      if (event.event === "error") throw new StreamError(event.data);
      const value = event.event === "output" && files ? createFileOutput(event.data, client) : event.data;
      yield new ServerSentEvent(event.event, value, event.id, event.retry);
      // 1.4.0 yields the `done` event too, then stops: code that breaks on it keeps working.
      if (event.event === "done") return;
    }
  } catch (error) {
    if (error instanceof StreamError || error instanceof AbortError) throw error;
    // The reader throws the signal's bare reason; give callers the AbortError run() gives them.
    if (signal?.aborted) throw new AbortError(signal.reason);
    // Anything else came from reading the body: the connection broke mid-stream.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(`The event stream at ${url} broke off: ${reason}`, { cause: error });
  }
  // Replicate always ends a stream with `done`; without it the output is incomplete.
  throw new ConnectionError(`The event stream at ${url} ended before its "done" event`);
}
