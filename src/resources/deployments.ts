import { splitCallOptions } from "../core/call-options";
import { buildPath } from "../core/path";
import type { CallOptions, Deployment, Page, WebhookEventType } from "../types";
import { endpoint } from "./endpoint";
import { createPrediction, type PredictionClient } from "./prediction-request";

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

export const deployments = (client: PredictionClient) => ({
  predictions: {
    /** POST /deployments/{owner}/{name}/predictions with `{...rest, input}`. */
    async create(deployment_owner: string, deployment_name: string, options: DeploymentPredictionOptions) {
      return createPrediction(
        client,
        buildPath("/deployments/{deployment_owner}/{deployment_name}/predictions", [deployment_owner, deployment_name]),
        ...splitCallOptions(options),
      );
    },
  },

  get: endpoint<[deployment_owner: string, deployment_name: string], Deployment>(
    client,
    "GET /deployments/{deployment_owner}/{deployment_name}",
  ),
  /** Sends the config as given. */
  create: endpoint<[deployment_config: CreateDeploymentConfig], Deployment>(client, "POST /deployments", "deployment_config"),
  /** Sends the changed fields. */
  update: endpoint<[deployment_owner: string, deployment_name: string, deployment_config: UpdateDeploymentConfig], Deployment>(
    client,
    "PATCH /deployments/{deployment_owner}/{deployment_name}",
    "deployment_config",
  ),
  /** Resolves true when the API answers 204. */
  delete: endpoint<[deployment_owner: string, deployment_name: string], boolean>(
    client,
    "DELETE /deployments/{deployment_owner}/{deployment_name}",
  ),
  list: endpoint<[], Page<Deployment>>(client, "GET /deployments"),
});
