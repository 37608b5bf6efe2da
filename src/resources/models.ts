import { callOptions, splitCallOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import type { ClientConfig } from "../core/request";
import { requireString } from "../core/validate";
import type { CallOptions, Model, ModelVersion, Page, Visibility } from "../types";
import { endpoint } from "./endpoint";

export interface CreateModelOptions extends CallOptions {
  visibility: Visibility;
  hardware: string;
  description?: string;
  github_url?: string;
  paper_url?: string;
  license_url?: string;
  cover_image_url?: string;
}

export const models = (client: ClientConfig) => ({
  get: endpoint<[model_owner: string, model_name: string], Model>(client, "GET /models/{model_owner}/{model_name}"),
  list: endpoint<[], Page<Model>>(client, "GET /models"),

  /** POST /models with `{owner, name, ...options}`. */
  async create(model_owner: string, model_name: string, options: CreateModelOptions) {
    requireString(model_owner, "model_owner");
    requireString(model_name, "model_name");
    const [call, rest] = splitCallOptions(options);
    return requestJSON<Model>(client, "/models", {
      method: "POST",
      data: { owner: model_owner, name: model_name, ...rest },
      ...call,
    });
  },

  /** QUERY /models with the search text as a text/plain body. */
  async search(query: string, options?: CallOptions) {
    requireString(query, "query");
    return requestJSON<Page<Model>>(client, "/models", {
      method: "QUERY",
      headers: { "Content-Type": "text/plain" },
      data: query,
      ...callOptions(options),
    });
  },

  versions: {
    list: endpoint<[model_owner: string, model_name: string], Page<ModelVersion>>(
      client,
      "GET /models/{model_owner}/{model_name}/versions",
    ),
    get: endpoint<[model_owner: string, model_name: string, version_id: string], ModelVersion>(
      client,
      "GET /models/{model_owner}/{model_name}/versions/{version_id}",
    ),
  },
});
