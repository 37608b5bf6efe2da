import { callOptions } from "../core/call-options";
import { DEFAULT_TIMEOUT, type ClientConfig } from "../core/request";
import { describe, requireObject, requireWebhookUrl } from "../core/validate";
import { encodeFileInputs } from "../files/encode-inputs";
import type { CallOptions, FileEncodingStrategy } from "../types";
import { files } from "./files";

/** What creating predictions and trainings needs from the client beyond the request core. */
export interface PredictionClient extends ClientConfig {
  fileEncodingStrategy: FileEncodingStrategy;
}

/** `wait: true` → `Prefer: wait`; `wait: n` → `Prefer: wait=<max(1, ceil(n))>`; falsy → no header. */
export function preferHeader(wait: unknown): Record<string, string> {
  if (!wait) return {};
  if (wait === true) return { Prefer: "wait" };
  if (typeof wait === "number" && Number.isFinite(wait) && wait > 0) {
    return { Prefer: `wait=${Math.max(1, Math.ceil(wait))}` };
  }
  throw new TypeError(`wait must be true, false or a positive number of seconds, got ${describe(wait)}`);
}

/** A create call's options, validated and split into what goes where. */
export interface CreateParts {
  /** The model's inputs, files not yet encoded. */
  input: unknown;
  /** The other body fields (`webhook`, `stream`, ...), in the caller's order. */
  data: Record<string, unknown>;
  headers: Record<string, string>;
  call: CallOptions;
}

/**
 * Validates a prediction create call's options (an `input` object, a parseable webhook URL, `wait`,
 * the call options) before any request, and splits them into body fields, headers and call options.
 */
export function createParts(client: ClientConfig, options: unknown): CreateParts {
  checkCreateOptions(options);
  const { input, wait, signal, timeout, maxRetries, ...data } = options;
  const headers = preferHeader(wait);
  const call = callOptions({ signal, timeout, maxRetries } as CallOptions);
  return { input, data, headers, call: roomForWait(client, call, wait) };
}

/**
 * A create that asks the API to hold it (`Prefer: wait`, up to 60 s) must not time out first: a
 * POST that timed out is not re-sent, so the prediction would run unobserved.
 */
function roomForWait(client: ClientConfig, call: CallOptions, wait: unknown): CallOptions {
  if (!wait || call.timeout !== undefined) return call;
  const needed = (wait === true ? 60 : Math.ceil(wait as number)) * 1000 + 30_000;
  const timeout = client.timeout ?? DEFAULT_TIMEOUT;
  return timeout > 0 && timeout < needed ? { ...call, timeout: needed } : call;
}

/** Checks the parts every create call shares: an `input` object and a parseable webhook URL. */
export function checkCreateOptions(options: unknown): asserts options is Record<string, unknown> {
  requireObject(options, "options");
  if (options.input === undefined) {
    throw new TypeError("options.input is required: pass the model's inputs, e.g. { input: { prompt: \"...\" } }");
  }
  requireObject(options.input, "options.input");
  requireWebhookUrl(options.webhook);
}

/**
 * Replaces file-like inputs per the client's strategy, uploading through the client's files API
 * with the call's signal, so an abort also stops the uploads.
 */
export function encodeInput(client: PredictionClient, input: unknown, call: CallOptions = {}): Promise<unknown> {
  const { create } = files(client);
  return encodeFileInputs(input, {
    strategy: client.fileEncodingStrategy,
    upload: async (file) => (await create(file, {}, call)).urls.get,
  });
}
