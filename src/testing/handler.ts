import type { Prediction, Training } from "../types";

/** What a model handler receives besides its input. */
export interface PredictionContext {
  /** Appends a line to `logs` and sends it as an SSE `logs` event. */
  log(line: string): void;
  /** Logs a tqdm-style line such as ` 40%|████      | 4/10 [00:01<00:01,  4.00it/s]`. */
  progress(current: number, total: number): void;
  /** Ends the run as `failed` with `message` as its `error`, and throws to stop the handler. */
  fail(message: string): never;
  /** Aborted when the run ends, in particular when it is canceled. */
  readonly signal: AbortSignal;
  /** Waits `ms` milliseconds; rejects early when the run is canceled. */
  sleep(ms: number): Promise<void>;
  /** The prediction as the API shows it at this moment. */
  readonly prediction: Readonly<Prediction>;
}

/** The context of a trainer: the same tools, with the training instead of a prediction. */
export interface TrainingContext extends Omit<PredictionContext, "prediction"> {
  readonly training: Readonly<Training>;
}

/**
 * A model's behaviour. Return the output, a promise of it, or an async iterable whose chunks are
 * streamed as SSE `output` events (the prediction's `output` is then the array of chunks).
 * `Blob` and `Uint8Array` values anywhere in the output become downloadable file URLs.
 */
// `any` so handlers can read `input.prompt` without declaring an input type.
export type ModelHandler<I = Record<string, any>> = (input: I, context: PredictionContext) => unknown;

/** A trainer's behaviour; its output should be `{ weights?, version? }` (the fake fills in what is missing). */
export type TrainerHandler<I = Record<string, any>> = (input: I, context: TrainingContext) => unknown;
