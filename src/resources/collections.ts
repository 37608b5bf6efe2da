import type { ClientConfig } from "../core/request";
import type { Collection, Page } from "../types";
import { endpoint } from "./endpoint";

export const collections = (client: ClientConfig) => ({
  list: endpoint<[], Page<Collection>>(client, "GET /collections"),
  get: endpoint<[collection_slug: string], Collection>(client, "GET /collections/{collection_slug}"),
});
