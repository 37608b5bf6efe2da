import { splitCallOptions } from "../core/call-options";
import { buildPath } from "../core/path";
import { requireString } from "../core/validate";
import type { CallOptions, Page, Training, WebhookEventType } from "../types";
import { endpoint } from "./endpoint";
import { postInput, type PredictionClient } from "./prediction-request";

export interface CreateTrainingOptions extends CallOptions {
  destination: `${string}/${string}`;
  input: object;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
}

export const trainings = (client: PredictionClient) => ({
  /** POST /models/{owner}/{name}/versions/{version}/trainings with the options less the call options. */
  async create(model_owner: string, model_name: string, version_id: string, options: CreateTrainingOptions) {
    const [call, data] = splitCallOptions(options);
    requireString(data.destination, "options.destination");
    // In the caller's key order, as 1.4.0 sends it.
    return postInput<Training>(
      client,
      buildPath("/models/{model_owner}/{model_name}/versions/{version_id}/trainings", [model_owner, model_name, version_id]),
      call,
      data,
    );
  },

  get: endpoint<[training_id: string], Training>(client, "GET /trainings/{training_id}"),
  cancel: endpoint<[training_id: string], Training>(client, "POST /trainings/{training_id}/cancel"),
  list: endpoint<[], Page<Training>>(client, "GET /trainings"),
});
