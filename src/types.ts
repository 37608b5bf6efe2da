/** The lifecycle of a prediction or training. `aborted` is terminal, like the last three. */
export type Status = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";
export type Visibility = "public" | "private";
export type WebhookEventType = "start" | "output" | "logs" | "completed";
/** How `run()` and `predictions.create()` send `Blob`/`Buffer`/typed-array inputs. */
export type FileEncodingStrategy = "default" | "upload" | "data-uri";

export interface Account {
  type: "user" | "organization";
  username: string;
  name: string;
  github_url?: string;
  avatar_url?: string;
}

export interface Collection {
  name: string;
  slug: string;
  description: string;
  full_description: string | null;
  models?: Model[];
}

export interface Deployment {
  owner: string;
  name: string;
  current_release: {
    number: number;
    model: string;
    version: string;
    created_at: string;
    created_by: Account;
    configuration: {
      hardware: string;
      min_instances: number;
      max_instances: number;
    };
  };
}

export interface FileObject {
  id: string;
  content_type: string;
  size: number;
  checksums: { sha256: string };
  metadata: Record<string, unknown>;
  created_at: string;
  expires_at: string | null;
  urls: { get: string };
}

export interface Hardware {
  sku: string;
  name: string;
}

export interface Model {
  url: string;
  owner: string;
  name: string;
  description?: string;
  visibility: Visibility;
  is_official: boolean;
  github_url?: string;
  paper_url?: string;
  license_url?: string;
  run_count: number;
  cover_image_url?: string;
  default_example?: Prediction;
  latest_version?: ModelVersion;
}

export interface ModelVersion {
  id: string;
  created_at: string;
  cog_version: string | null;
  openapi_schema: object | null;
}

export interface Prediction {
  id: string;
  status: Status;
  model: string;
  version: string | "hidden";
  input: object;
  // `any` as in 1.4.0, so `output[0]` keeps compiling in users' code.
  output?: any;
  source: "api" | "web";
  error?: unknown;
  logs?: string;
  data_removed: boolean;
  deadline?: string;
  deployment?: string;
  metrics?: { predict_time?: number; total_time?: number };
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  created_at: string;
  started_at?: string;
  completed_at?: string;
  urls: { get: string; cancel: string; stream?: string; web?: string };
}

export interface Training {
  id: string;
  status: Status;
  model: string;
  version: string;
  input: object;
  output?: { version?: string; weights?: string };
  source: "api" | "web";
  error?: unknown;
  logs?: string;
  metrics?: { predict_time?: number; total_time?: number };
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  created_at: string;
  started_at?: string;
  completed_at?: string;
  urls: { get: string; cancel: string; web?: string };
}

/** One page of a list endpoint; `next` is an absolute URL fetched as-is. */
export interface Page<T> {
  previous?: string | null;
  next?: string | null;
  results: T[];
}

export interface WebhookSecret {
  key: string;
}

/** The trailing options every resource method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt time limit in milliseconds, overriding the client's `timeout`. */
  timeout?: number;
  /** Retries after the first attempt, overriding the client's `maxRetries`. */
  maxRetries?: number;
}
