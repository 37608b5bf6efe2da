import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import { path } from "../core/path";
import { throwIfAborted } from "../core/sleep";
import { requireString } from "../core/validate";
import type { CallOptions, Page, Prediction, WebhookEventType } from "../types";
import { checkCreateOptions, encodeInput, preferHeader, type PredictionClient } from "./prediction-request";

export interface CreatePredictionOptions extends CallOptions {
  model?: string;
  version?: string;
  input: object;
  stream?: boolean;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  /** `true` holds the request until the prediction finishes (up to 60 s); a number sets that limit in seconds. */
  wait?: boolean | number;
}

export function predictions(client: PredictionClient) {
  return {
    /** POST /predictions with a `version`, or POST /models/{owner}/{name}/predictions with a `model`. */
    async create(options: CreatePredictionOptions & ({ version: string } | { model: string })) {
      checkCreateOptions(options);
      const { model, version, input, wait, signal, timeout, maxRetries, ...data } = options;
      const headers = preferHeader(wait);
      const call = callOptions({ signal, timeout, maxRetries });
      if (version !== undefined) {
        requireString(version, "version");
        throwIfAborted(signal);
        const body = { ...data, input: await encodeInput(client, input), version };
        return requestJSON<Prediction>(client, "/predictions", { method: "POST", headers, data: body, ...call });
      }
      if (model !== undefined) {
        const [owner, name, ...extra] = String(model).split("/");
        if (!owner || !name || extra.length > 0) {
          throw new TypeError(`model must be "owner/name", got ${JSON.stringify(model)}`);
        }
        throwIfAborted(signal);
        const body = { ...data, input: await encodeInput(client, input) };
        const route = path`/models/${owner}/${name}/predictions`;
        return requestJSON<Prediction>(client, route, { method: "POST", headers, data: body, ...call });
      }
      throw new Error("Either model or version must be specified");
    },

    /** GET /predictions/{id} */
    async get(prediction_id: string, options?: CallOptions) {
      requireString(prediction_id, "prediction_id");
      return requestJSON<Prediction>(client, path`/predictions/${prediction_id}`, callOptions(options));
    },

    /** POST /predictions/{id}/cancel */
    async cancel(prediction_id: string, options?: CallOptions) {
      requireString(prediction_id, "prediction_id");
      const route = path`/predictions/${prediction_id}/cancel`;
      return requestJSON<Prediction>(client, route, { method: "POST", ...callOptions(options) });
    },

    /** GET /predictions: the first page; pass this method to `paginate()` for the rest. */
    list: async (options?: CallOptions) => requestJSON<Page<Prediction>>(client, "/predictions", callOptions(options)),
  };
}
