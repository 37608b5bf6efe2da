import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import { path } from "../core/path";
import type { ClientConfig } from "../core/request";
import { requireString } from "../core/validate";
import type { CallOptions, Collection, Page } from "../types";

export function collections(client: ClientConfig) {
  return {
    /** GET /collections */
    list: async (options?: CallOptions) => requestJSON<Page<Collection>>(client, "/collections", callOptions(options)),

    /** GET /collections/{slug} */
    async get(collection_slug: string, options?: CallOptions) {
      requireString(collection_slug, "collection_slug");
      return requestJSON<Collection>(client, path`/collections/${collection_slug}`, callOptions(options));
    },
  };
}
