import { sleep } from "./core/sleep";
import { requireNonNegative } from "./core/validate";
import type { CallOptions, Prediction } from "./types";

/** `aborted` counts as terminal too (1.4.0 polls it forever, defect 5). */
export function isTerminal(prediction: { status?: string }): boolean {
  return /^(succeeded|failed|canceled|aborted)$/.test(prediction.status!);
}

export interface WaitOptions {
  /** Milliseconds between polls. @default 500 */
  interval?: number;
  signal?: AbortSignal;
}

type Getter = (id: string, options?: CallOptions) => Promise<Prediction>;

/**
 * Polls `get` until the prediction is terminal or `stop(update)` resolves true, calling
 * `stop` with each non-terminal update. Never throws for `failed`: callers decide.
 */
export async function pollPrediction(
  get: Getter,
  prediction: Prediction,
  { interval, signal }: WaitOptions = {},
  stop?: (prediction: Prediction) => unknown,
): Promise<Prediction> {
  // As 1.4.0 checks it; an id that is not a string is refused by `get` before any request.
  const id = prediction?.id;
  if (!id) throw new Error("Invalid prediction");
  if (isTerminal(prediction)) return prediction;
  requireNonNegative(interval, "interval");
  for (;;) {
    const update = await get(id, { signal });
    if (isTerminal(update) || (await stop?.(update)) === true) return update;
    await sleep(interval || 500, signal);
  }
}
