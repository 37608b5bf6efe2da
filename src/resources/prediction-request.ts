import { requestJSON } from "../core/json";
import { DEFAULT_TIMEOUT, type ClientConfig, type RequestOptions } from "../core/request";
import { check, isParseable, requireObject } from "../core/validate";
import { encodeFileInputs } from "../files/encode-inputs";
import type { FileEncodingStrategy, Prediction } from "../types";
import type { files } from "./files";

/**
 * What creating predictions and trainings needs from the client beyond the request core: the file
 * strategy, and its own (replaceable) files API, through which file inputs are uploaded.
 */
export interface PredictionClient extends ClientConfig {
  fileEncodingStrategy: FileEncodingStrategy;
  files: ReturnType<typeof files>;
}

/**
 * Creates a prediction at `route` from a create call's options, split into call options and body
 * fields. Sends `wait` as `Prefer` (`true` → `wait`, `n` → `wait=<ceil(n)>`), then the other fields
 * with the encoded `input` after them, then `last`, in 1.4.0's key order.
 */
export async function createPrediction(
  client: PredictionClient,
  route: string,
  call: RequestOptions,
  { input, wait, ...fields }: Record<string, unknown>,
  last?: object,
): Promise<Prediction> {
  if (wait) {
    // Not finite (NaN, a string) → false, refused with the rest.
    const seconds = (wait === true ? 60 : Number.isFinite(wait) && Math.ceil(wait as number)) as number;
    check(seconds > 0, "options.wait", "true or a positive number", wait);
    call.headers = { Prefer: wait === true ? "wait" : "wait=" + seconds };
    // The API holds such a create up to `seconds`: it must not time out first, because a POST that
    // timed out is not re-sent, so the prediction would run unobserved.
    // A timeout of 0 (none) stays 0.
    const timeout = client.timeout ?? DEFAULT_TIMEOUT;
    call.timeout ??= timeout && Math.max(timeout, seconds * 1000 + 30_000);
  }
  return postInput<Prediction>(client, route, call, { ...fields, input, ...last });
}

/**
 * POSTs a create's `data` after the checks every create shares (an `input` object, a parseable webhook
 * URL), with file-like inputs replaced per the client's strategy, in place, so the JSON keeps `data`'s
 * key order. `call` carries the request options (a create's `Prefer` header among them); uploads go
 * through the client's files API with its signal, so an abort stops them too.
 */
export async function postInput<T>(
  client: PredictionClient,
  route: string,
  call: RequestOptions,
  data: Record<string, unknown>,
): Promise<T> {
  requireObject(data.input, "options.input");
  // As 1.4.0 checks it, with its message: any truthy webhook must parse as a URL.
  if (data.webhook && !isParseable(data.webhook)) throw new Error("Invalid webhook URL");
  data.input = await encodeFileInputs(
    data.input,
    client.fileEncodingStrategy,
    async (file) => (await client.files.create(file, {}, call)).urls.get,
  );
  return requestJSON<T>(client, route, { method: "POST", data, ...call });
}
