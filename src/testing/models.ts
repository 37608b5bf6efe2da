import type { Model, ModelVersion, Visibility } from "../types";
import { iso, type Now } from "./clock";
import type { ModelHandler, TrainerHandler } from "./handler";
import { HttpError } from "./http";
import { hex64 } from "./ids";

/** Options of `fake.model()`; registering the same model again adds a version. */
export interface ModelOptions {
  /** The version id; defaults to a 64-hex digest of the model name and version number. */
  version?: string;
  description?: string;
  visibility?: Visibility;
  /** Served as the version's `openapi_schema`. */
  openapiSchema?: object;
}

export interface VersionEntry {
  id: string;
  createdAt: number;
  handler?: ModelHandler;
  openapiSchema: object | null;
  createdOverHttp?: boolean;
}

export interface ModelEntry {
  owner: string;
  name: string;
  description: string | null;
  visibility: Visibility;
  /** Oldest first; the last one is `latest_version`. */
  versions: VersionEntry[];
  runCount: number;
  trainer?: TrainerHandler;
  /** Other fields given to `POST /models` (`github_url`, `hardware`, ...), echoed back. */
  extra: Record<string, unknown>;
  createdOverHttp: boolean;
}

/** Splits `owner/name`, throwing a usage error for anything else. */
export function splitRef(ref: string): [string, string] {
  const match = /^([^/]+)\/([^/:]+)$/.exec(ref);
  if (!match) throw new TypeError(`Expected a model reference "owner/name", got "${ref}"`);
  return [match[1] as string, match[2] as string];
}

/** The registered and API-created models, by `owner/name`. */
export class ModelRegistry {
  private readonly models = new Map<string, ModelEntry>();

  constructor(private readonly now: Now) {}

  register(ref: string, handler: ModelHandler | undefined, options: ModelOptions = {}): VersionEntry {
    const [owner, name] = splitRef(ref);
    const model = this.models.get(ref) ?? this.create(owner, name, {}, false);
    model.description = options.description ?? model.description;
    model.visibility = options.visibility ?? model.visibility;
    return this.addVersion(model, { handler, id: options.version, openapiSchema: options.openapiSchema ?? null });
  }

  addVersion(model: ModelEntry, fields: Omit<VersionEntry, "id" | "createdAt"> & { id?: string }): VersionEntry {
    const id = fields.id ?? hex64(`${model.owner}/${model.name}:${model.versions.length}`);
    const version = { ...fields, id, createdAt: this.now() };
    model.versions = [...model.versions.filter((v) => v.id !== id), version];
    return version;
  }

  create(owner: string, name: string, fields: Record<string, unknown>, overHttp: boolean): ModelEntry {
    const ref = `${owner}/${name}`;
    if (this.models.has(ref)) throw new HttpError(409, `A model with the name ${ref} already exists.`);
    const { description, visibility, ...extra } = fields;
    const model: ModelEntry = {
      owner,
      name,
      description: typeof description === "string" ? description : null,
      visibility: visibility === "private" ? "private" : "public",
      versions: [],
      runCount: 0,
      extra,
      createdOverHttp: overHttp,
    };
    this.models.set(ref, model);
    return model;
  }

  get(ref: string): ModelEntry | undefined {
    return this.models.get(ref);
  }

  require(owner: string, name: string): ModelEntry {
    const model = this.models.get(`${owner}/${name}`);
    if (!model) throw new HttpError(404, `Model ${owner}/${name} not found: register it with fake.model().`);
    return model;
  }

  list(): ModelEntry[] {
    return [...this.models.values()];
  }

  /** Case-insensitive substring search over `owner/name` and the description. */
  search(query: string): ModelEntry[] {
    const needle = query.trim().toLowerCase();
    return this.list().filter((m) => `${m.owner}/${m.name}\n${m.description ?? ""}`.toLowerCase().includes(needle));
  }

  /** Resolves `owner/name:id`, `owner/name` (latest) or a bare version id. */
  findVersion(ref: string): { model: ModelEntry; version: VersionEntry } | undefined {
    const colon = ref.indexOf(":");
    const models = ref.includes("/") ? [this.models.get(colon < 0 ? ref : ref.slice(0, colon))] : this.list();
    const id = colon < 0 ? (ref.includes("/") ? undefined : ref) : ref.slice(colon + 1);
    for (const model of models) {
      const version = id === undefined ? model?.versions.at(-1) : model?.versions.find((v) => v.id === id);
      if (model && version) return { model, version };
    }
    return undefined;
  }

  removeCreatedOverHttp(): void {
    for (const [ref, model] of this.models) if (model.createdOverHttp) this.models.delete(ref);
    for (const model of this.models.values()) {
      model.runCount = 0;
      model.versions = model.versions.filter((version) => !version.createdOverHttp);
    }
  }
}

export function renderVersion(version: VersionEntry): ModelVersion {
  return { id: version.id, created_at: iso(version.createdAt), cog_version: "0.9.0", openapi_schema: version.openapiSchema };
}

export function renderModel(model: ModelEntry): Model {
  const latest = model.versions.at(-1);
  return {
    url: `https://replicate.com/${model.owner}/${model.name}`,
    owner: model.owner,
    name: model.name,
    description: model.description ?? undefined,
    visibility: model.visibility,
    is_official: false,
    run_count: model.runCount,
    ...model.extra,
    latest_version: latest ? renderVersion(latest) : undefined,
  } as Model;
}
