import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import { path } from "../core/path";
import { describe, requireString } from "../core/validate";
import type { CallOptions, Page, Prediction, WebhookEventType } from "../types";
import { createParts, encodeInput, type PredictionClient } from "./prediction-request";

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
      const { input, data, headers, call } = createParts(client, options);
      const { model, version, ...rest } = data;
      const route = version != null ? versionRoute(version) : modelRoute(model);
      const encoded = await encodeInput(client, input, call);
      const body = version != null ? { ...rest, input: encoded, version } : { ...rest, input: encoded };
      return requestJSON<Prediction>(client, route, { method: "POST", headers, data: body, ...call });
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

function versionRoute(version: unknown): string {
  requireString(version, "version");
  return "/predictions";
}

function modelRoute(model: unknown): string {
  if (model == null) throw new Error("Either model or version must be specified");
  const [owner, name, ...extra] = typeof model === "string" ? model.split("/") : [];
  if (!owner || !name || extra.length > 0) {
    throw new TypeError(`model must be "owner/name", got ${describe(model)}`);
  }
  return path`/models/${owner}/${name}/predictions`;
}
