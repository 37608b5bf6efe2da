import type { Account, Deployment } from "../types";
import { iso } from "./clock";
import { HttpError } from "./http";
import type { ModelRegistry } from "./models";

/** Options of `fake.deployment()`: which registered model (and version) it serves. */
export interface DeploymentOptions {
  model: string;
  /** Defaults to the model's latest version. */
  version?: string;
  hardware?: string;
  minInstances?: number;
  maxInstances?: number;
}

export interface DeploymentEntry {
  owner: string;
  name: string;
  release: number;
  model: string;
  version: string;
  hardware: string;
  minInstances: number;
  maxInstances: number;
  updatedAt: number;
  createdOverHttp: boolean;
}

/**
 * Checks a create/update body (API field names) against the registered models and merges it
 * into `base`. Throws 422/404 like the API for a missing or unknown model or version.
 */
export function configure(
  base: Partial<DeploymentEntry>,
  body: Record<string, unknown>,
  models: ModelRegistry,
): Pick<DeploymentEntry, "model" | "version" | "hardware" | "minInstances" | "maxInstances"> {
  const model = typeof body.model === "string" ? body.model : base.model;
  if (!model) throw new HttpError(422, "model is required.");
  const entry = models.get(model);
  if (!entry) throw new HttpError(404, `Model ${model} not found: register it with fake.model().`);
  const version = typeof body.version === "string" ? body.version : body.model ? undefined : base.version;
  const resolved = version === undefined ? entry.versions.at(-1) : entry.versions.find((v) => v.id === version);
  if (!resolved) throw new HttpError(422, `Version ${version ?? "(latest)"} of ${model} does not exist.`);
  const number = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);
  return {
    model,
    version: resolved.id,
    hardware: typeof body.hardware === "string" ? body.hardware : (base.hardware ?? "cpu"),
    minInstances: number(body.min_instances, base.minInstances ?? 0),
    maxInstances: number(body.max_instances, base.maxInstances ?? 1),
  };
}

export function renderDeployment(entry: DeploymentEntry, account: Account): Deployment {
  return {
    owner: entry.owner,
    name: entry.name,
    current_release: {
      number: entry.release,
      model: entry.model,
      version: entry.version,
      created_at: iso(entry.updatedAt),
      created_by: account,
      configuration: {
        hardware: entry.hardware,
        min_instances: entry.minInstances,
        max_instances: entry.maxInstances,
      },
    },
  };
}
