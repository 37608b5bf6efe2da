import { buildPath } from "../core/path";
import { splitCallOptions } from "../core/call-options";
import { check, requireString } from "../core/validate";
import type { CallOptions, Page, Prediction, WebhookEventType } from "../types";
import { endpoint } from "./endpoint";
import { createPrediction, type PredictionClient } from "./prediction-request";

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

export const predictions = (client: PredictionClient) => ({
  /** POST /predictions with `{...rest, input, version}`, or POST /models/{owner}/{name}/predictions with a `model`. */
  async create(options: CreatePredictionOptions & ({ version: string } | { model: string })) {
    const [call, { model, version, ...fields }] = splitCallOptions(options);
    // Like 1.4.0, a version wins when both are given.
    if (version != null) {
      requireString(version, "version");
      return createPrediction(client, "/predictions", call, fields, { version });
    }
    if (model == null) throw new Error("Either model or version must be specified");
    // Coerced as 1.4.0 interpolates it; each half is then checked and encoded as a path parameter.
    const parts = String(model).split("/");
    check(parts.length === 2, "model", '"owner/name"', model);
    return createPrediction(client, buildPath("/models/{model_owner}/{model_name}/predictions", parts), call, fields);
  },

  get: endpoint<[prediction_id: string], Prediction>(client, "GET /predictions/{prediction_id}"),
  cancel: endpoint<[prediction_id: string], Prediction>(client, "POST /predictions/{prediction_id}/cancel"),
  /** The first page; pass this method to `paginate()` for the rest. */
  list: endpoint<[], Page<Prediction>>(client, "GET /predictions"),
});
