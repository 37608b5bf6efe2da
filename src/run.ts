import { AbortError, PredictionError } from "./errors";
import { createFileOutput, isFileURL } from "./file-output";
import type { ClientConfig } from "./core/request";
import { throwIfAborted } from "./core/sleep";
import { describe, requireObject } from "./core/validate";
import { parseIdentifier } from "./identifier";
import type { predictions } from "./resources/predictions";
import { mapLeaves } from "./transform";
import type { Prediction, WebhookEventType } from "./types";
import { isTerminal, pollPrediction } from "./wait";

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
  progress?: (prediction: Prediction) => void,
): Promise<any> {
  requireObject(options, "options");
  const { wait: waitOption, signal, ...data } = options;
  const wait = readWait(waitOption);
  if (progress !== undefined && typeof progress !== "function") {
    throw new TypeError(`progress must be a function, got ${describe(progress)}`);
  }
  const { owner, name, version } = parseIdentifier(ref);
  throwIfAborted(signal);

  const target = version ? { version } : { model: `${owner}/${name}` };
  let prediction = await client.predictions.create({
    ...data,
    ...target,
    wait: wait.block ? (wait.timeout ?? true) : false,
    signal,
  });
  progress?.(prediction);

  // Block mode too: `Prefer: wait` can answer before the run ends (1.4.0 returns null then, defect 6).
  if (!isTerminal(prediction)) {
    try {
      prediction = await pollPrediction(client.predictions.get, prediction, { interval: wait.interval, signal }, (update) => {
        progress?.(update);
        return false;
      });
    } catch (error) {
      if (error instanceof AbortError) await cancelQuietly(client, prediction.id);
      throw error;
    }
  }
  progress?.(prediction);

  if (prediction.status === "failed") throw new PredictionError(prediction);
  if (!client.useFileOutput) return prediction.output;
  return mapLeaves(prediction.output, (value) => (isFileURL(value) ? createFileOutput(value, client) : value));
}

// Best effort: the caller has already given up, so a failed cancel must not hide the AbortError.
async function cancelQuietly(client: RunClient, id: string): Promise<void> {
  try {
    await client.predictions.cancel(id, { maxRetries: 0, timeout: 10_000 });
  } catch {
    // ignored: see above
  }
}

interface Wait {
  block: boolean;
  timeout?: number;
  interval?: number;
}

/**
 * Validates `options.wait`. Like 1.4.0, only `mode: "block"` blocks and a missing mode polls, so
 * its 0.x form `{ interval: 1 }` keeps working; an unknown mode is a typo and is rejected.
 */
function readWait(wait: unknown): Wait {
  if (wait === undefined) return { block: true };
  requireObject(wait, "options.wait");
  if (wait.mode !== undefined && wait.mode !== "block" && wait.mode !== "poll") {
    throw new TypeError(`options.wait.mode must be "block" or "poll", got ${describe(wait.mode)}`);
  }
  for (const key of ["timeout", "interval"] as const) {
    const value = wait[key];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      throw new TypeError(`options.wait.${key} must be a positive number, got ${describe(value)}`);
    }
  }
  return { block: wait.mode === "block", timeout: wait.timeout as number | undefined, interval: wait.interval as number | undefined };
}
