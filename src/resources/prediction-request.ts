import type { ClientConfig } from "../core/request";
import { describe, requireObject, requireWebhookUrl } from "../core/validate";
import { encodeFileInputs } from "../files/encode-inputs";
import type { FileEncodingStrategy } from "../types";
import { files } from "./files";

/** What creating predictions and trainings needs from the client beyond the request core. */
export interface PredictionClient extends ClientConfig {
  fileEncodingStrategy: FileEncodingStrategy;
}

/** `wait: true` → `Prefer: wait`; `wait: n` → `Prefer: wait=<max(1, ceil(n))>`; falsy → no header. */
export function preferHeader(wait: unknown): Record<string, string> {
  if (wait === undefined || wait === null || wait === false || wait === 0) return {};
  if (wait === true) return { Prefer: "wait" };
  if (typeof wait === "number" && Number.isFinite(wait) && wait > 0) {
    return { Prefer: `wait=${Math.max(1, Math.ceil(wait))}` };
  }
  throw new TypeError(`wait must be true, false or a number of seconds, got ${describe(wait)}`);
}

/** Checks the parts every create call shares: an `input` object and a parseable webhook URL. */
export function checkCreateOptions(options: unknown, needsInput = true): asserts options is Record<string, unknown> {
  requireObject(options, "options");
  if (needsInput && options.input === undefined) {
    throw new TypeError("options.input is required: pass the model's inputs, e.g. { input: { prompt: \"...\" } }");
  }
  if (options.input !== undefined) requireObject(options.input, "options.input");
  requireWebhookUrl(options.webhook);
}

/** Replaces file-like inputs per the client's strategy, uploading through the client's files API. */
export function encodeInput(client: PredictionClient, input: unknown): Promise<unknown> {
  const { create } = files(client);
  return encodeFileInputs(input, {
    strategy: client.fileEncodingStrategy,
    upload: async (file) => (await create(file)).urls.get,
  });
}
