import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import { path } from "../core/path";
import type { ClientConfig } from "../core/request";
import { requireObject, requireString, requireStrings } from "../core/validate";
import type { CallOptions, Model, ModelVersion, Page, Visibility } from "../types";

export interface CreateModelOptions extends CallOptions {
  visibility: Visibility;
  hardware: string;
  description?: string;
  github_url?: string;
  paper_url?: string;
  license_url?: string;
  cover_image_url?: string;
}

export function models(client: ClientConfig) {
  return {
    /** GET /models/{owner}/{name} */
    async get(model_owner: string, model_name: string, options?: CallOptions) {
      requireStrings({ model_owner, model_name });
      return requestJSON<Model>(client, path`/models/${model_owner}/${model_name}`, callOptions(options));
    },

    /** GET /models */
    list: async (options?: CallOptions) => requestJSON<Page<Model>>(client, "/models", callOptions(options)),

    /** POST /models with `{owner, name, ...options}`. */
    async create(model_owner: string, model_name: string, options: CreateModelOptions) {
      requireStrings({ model_owner, model_name });
      requireObject(options, "options");
      const { signal, timeout, maxRetries, ...rest } = options;
      const data = { owner: model_owner, name: model_name, ...rest };
      return requestJSON<Model>(client, "/models", {
        method: "POST",
        data,
        ...callOptions({ signal, timeout, maxRetries }),
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
      /** GET /models/{owner}/{name}/versions */
      async list(model_owner: string, model_name: string, options?: CallOptions) {
        requireStrings({ model_owner, model_name });
        const route = path`/models/${model_owner}/${model_name}/versions`;
        return requestJSON<Page<ModelVersion>>(client, route, callOptions(options));
      },

      /** GET /models/{owner}/{name}/versions/{id} */
      async get(model_owner: string, model_name: string, version_id: string, options?: CallOptions) {
        requireStrings({ model_owner, model_name, version_id });
        const route = path`/models/${model_owner}/${model_name}/versions/${version_id}`;
        return requestJSON<ModelVersion>(client, route, callOptions(options));
      },
    },
  };
}
