import { callOptions } from "../core/call-options";
import { requestJSON, requestNoContent } from "../core/json";
import { path } from "../core/path";
import { requireObject, requireStrings } from "../core/validate";
import type { CallOptions, Deployment, Page, Prediction, WebhookEventType } from "../types";
import { createParts, encodeInput, type PredictionClient } from "./prediction-request";

export interface DeploymentPredictionOptions extends CallOptions {
  input: object;
  stream?: boolean;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  wait?: number | boolean;
}

export interface CreateDeploymentConfig {
  name: string;
  model: string;
  version: string;
  hardware: string;
  min_instances: number;
  max_instances: number;
}

export type UpdateDeploymentConfig = {
  version?: string;
  hardware?: string;
  min_instances?: number;
  max_instances?: number;
} & ({ version: string } | { hardware: string } | { min_instances: number } | { max_instances: number });

export function deployments(client: PredictionClient) {
  return {
    predictions: {
      /** POST /deployments/{owner}/{name}/predictions */
      async create(deployment_owner: string, deployment_name: string, options: DeploymentPredictionOptions) {
        requireStrings({ deployment_owner, deployment_name });
        const { input, data, headers, call } = createParts(client, options);
        const route = path`/deployments/${deployment_owner}/${deployment_name}/predictions`;
        const body = { ...data, input: await encodeInput(client, input, call) };
        return requestJSON<Prediction>(client, route, { method: "POST", headers, data: body, ...call });
      },
    },

    /** GET /deployments/{owner}/{name} */
    async get(deployment_owner: string, deployment_name: string, options?: CallOptions) {
      requireStrings({ deployment_owner, deployment_name });
      const route = path`/deployments/${deployment_owner}/${deployment_name}`;
      return requestJSON<Deployment>(client, route, callOptions(options));
    },

    /** POST /deployments with the config as given. */
    async create(deployment_config: CreateDeploymentConfig, options?: CallOptions) {
      requireObject(deployment_config, "deployment_config");
      const call = callOptions(options);
      return requestJSON<Deployment>(client, "/deployments", { method: "POST", data: deployment_config, ...call });
    },

    /** PATCH /deployments/{owner}/{name} with the changed fields. */
    async update(
      deployment_owner: string,
      deployment_name: string,
      deployment_config: UpdateDeploymentConfig,
      options?: CallOptions,
    ) {
      requireStrings({ deployment_owner, deployment_name });
      requireObject(deployment_config, "deployment_config");
      const route = path`/deployments/${deployment_owner}/${deployment_name}`;
      const call = callOptions(options);
      return requestJSON<Deployment>(client, route, { method: "PATCH", data: deployment_config, ...call });
    },

    /** DELETE /deployments/{owner}/{name}: resolves true when the API answers 204. */
    async delete(deployment_owner: string, deployment_name: string, options?: CallOptions) {
      requireStrings({ deployment_owner, deployment_name });
      const route = path`/deployments/${deployment_owner}/${deployment_name}`;
      return requestNoContent(client, route, { method: "DELETE", ...callOptions(options) });
    },

    /** GET /deployments */
    list: async (options?: CallOptions) => requestJSON<Page<Deployment>>(client, "/deployments", callOptions(options)),
  };
}
