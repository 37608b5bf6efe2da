import type { Collection } from "../types";
import { renderModel, type ModelRegistry } from "./models";

/** Options of `fake.collection()`. */
export interface CollectionOptions {
  name: string;
  description?: string;
  fullDescription?: string;
  /** `owner/name` references, resolved against the registered models on each read. */
  models?: string[];
}

/** Renders a collection; `withModels` for `GET /collections/{slug}`, which lists them. */
export function renderCollection(
  slug: string,
  options: CollectionOptions,
  models: ModelRegistry,
  withModels: boolean,
): Collection {
  const collection: Collection = {
    name: options.name,
    slug,
    description: options.description ?? "",
    full_description: options.fullDescription ?? null,
  };
  if (!withModels) return collection;
  const entries = (options.models ?? []).flatMap((ref) => models.get(ref) ?? []);
  return { ...collection, models: entries.map(renderModel) };
}
