import { sleep } from "./core/sleep";
import { requireDuration } from "./core/validate";
import type { CallOptions, Prediction, Status } from "./types";

const TERMINAL: ReadonlySet<Status> = new Set(["succeeded", "failed", "canceled", "aborted"]);

/** `aborted` counts as terminal too (1.4.0 polls it forever, defect 5). */
export function isTerminal(prediction: { status?: string }): boolean {
  return TERMINAL.has(prediction.status as Status);
}

export interface WaitOptions {
  /** Milliseconds between polls. @default 500 */
  interval?: number;
  signal?: AbortSignal;
}

type Getter = (id: string, options?: CallOptions) => Promise<Prediction>;

/**
 * Polls `get` until the prediction is terminal or `stop(update)` resolves true, calling
 * `onUpdate` with each non-terminal update. Never throws for `failed`: callers decide.
 */
export async function pollPrediction(
  get: Getter,
  prediction: Prediction,
  options: WaitOptions = {},
  stop?: (prediction: Prediction) => boolean | Promise<boolean>,
): Promise<Prediction> {
  if (!prediction || typeof prediction.id !== "string" || !prediction.id) throw new Error("Invalid prediction");
  if (isTerminal(prediction)) return prediction;
  requireDuration(options.interval, "interval");
  const interval = options.interval || 500;
  const { signal } = options;

  let update = await get(prediction.id, { signal });
  while (!isTerminal(update)) {
    if (stop && (await stop(update)) === true) break;
    await sleep(interval, signal);
    update = await get(prediction.id, { signal });
  }
  return update;
}
