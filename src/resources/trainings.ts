import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import { path } from "../core/path";
import { requireString, requireStrings } from "../core/validate";
import type { CallOptions, Page, Training, WebhookEventType } from "../types";
import { checkCreateOptions, encodeInput, type PredictionClient } from "./prediction-request";

export interface CreateTrainingOptions extends CallOptions {
  destination: `${string}/${string}`;
  input: object;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
}

export function trainings(client: PredictionClient) {
  return {
    /** POST /models/{owner}/{name}/versions/{version}/trainings with the options less the call options. */
    async create(model_owner: string, model_name: string, version_id: string, options: CreateTrainingOptions) {
      requireStrings({ model_owner, model_name, version_id });
      checkCreateOptions(options);
      requireString(options.destination, "options.destination");
      const { signal, timeout, maxRetries, ...body } = options;
      const call = callOptions({ signal, timeout, maxRetries });
      const route = path`/models/${model_owner}/${model_name}/versions/${version_id}/trainings`;
      // Assigned in place so the JSON keeps the caller's key order, as 1.4.0 sends it.
      body.input = (await encodeInput(client, body.input, call)) as object;
      return requestJSON<Training>(client, route, { method: "POST", data: body, ...call });
    },

    /** GET /trainings/{id} */
    async get(training_id: string, options?: CallOptions) {
      requireString(training_id, "training_id");
      return requestJSON<Training>(client, path`/trainings/${training_id}`, callOptions(options));
    },

    /** POST /trainings/{id}/cancel */
    async cancel(training_id: string, options?: CallOptions) {
      requireString(training_id, "training_id");
      const route = path`/trainings/${training_id}/cancel`;
      return requestJSON<Training>(client, route, { method: "POST", ...callOptions(options) });
    },

    /** GET /trainings */
    list: async (options?: CallOptions) => requestJSON<Page<Training>>(client, "/trainings", callOptions(options)),
  };
}
