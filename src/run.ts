import { AbortError, PredictionError } from "./errors";
import { createFileOutput, isFileURL } from "./file-output";
import type { ClientConfig } from "./core/request";
import { splitCallOptions } from "./core/call-options";
import { check, requireFunction, requireNonNegative, requireObject } from "./core/validate";
import { parseIdentifier } from "./identifier";
import type { predictions } from "./resources/predictions";
import { mapLeaves } from "./transform";
import type { Prediction, WebhookEventType } from "./types";
import { pollPrediction } from "./wait";

export type WaitMode = { mode: "block"; timeout?: number; interval?: number } | { mode: "poll"; interval?: number };

export interface RunOptions {
  input: object;
  /** `block` (default) holds the create request open up to `timeout` seconds; `poll` returns at once and polls. */
  wait?: WaitMode;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  signal?: AbortSignal;
}

/** What `run()` needs from the client: its own (replaceable) prediction methods and output settings. */
export interface RunClient extends ClientConfig {
  predictions: ReturnType<typeof predictions>;
  useFileOutput: boolean;
}

/** Creates a prediction for `ref`, waits for it, and returns its output (files as FileOutput). */
export async function runModel(
  client: RunClient,
  ref: string,
  options: RunOptions,
  progress: (prediction: Prediction) => void = () => {},
): Promise<any> {
  requireObject(options, "options");
  const { wait = { mode: "block" }, signal, ...data } = options;
  // Without a version, the reference is the model's `owner/name`.
  const { version } = parseIdentifier(ref);
  // Like 1.4.0, only `mode: "block"` blocks and a missing mode polls, so its 0.x form
  // `{ interval: 1 }` keeps working; an unknown mode is a typo and is rejected.
  // Its `timeout` is checked as a call's timeout is.
  const [{ timeout }, { mode, interval }] = splitCallOptions(wait, "options.wait");
  check(mode === undefined || mode === "block" || mode === "poll", "options.wait.mode", '"block" or "poll"', mode);
  requireNonNegative(interval, "options.wait.interval");
  requireFunction(progress, "progress");
  // An aborted signal stops the create (and any upload) before it is sent.
  let prediction = await client.predictions.create({
    ...data,
    ...(version ? { version } : { model: ref }),
    signal,
    wait: mode === "block" && (timeout ?? true),
  });
  progress(prediction);

  // Block mode too: `Prefer: wait` can answer before the run ends (1.4.0 returns null then, defect 6).
  // A terminal prediction comes back from pollPrediction as it is, with no request.
  try {
    prediction = await pollPrediction(client.predictions.get, prediction, { interval, signal }, (update) => void progress(update));
  } catch (error) {
    // Best effort: the caller has already given up, so a failed cancel must not hide the AbortError.
    if (error instanceof AbortError) await client.predictions.cancel(prediction.id, { maxRetries: 0, timeout: 10_000 }).catch(() => {});
    throw error;
  }
  progress(prediction);

  if (prediction.status === "failed") throw new PredictionError(prediction);
  if (!client.useFileOutput) return prediction.output;
  return mapLeaves(prediction.output, (value) => (isFileURL(value) ? createFileOutput(value, client) : value));
}
