import type { Account, Hardware, WebhookEventType } from "../types";
import type { Now } from "./clock";
import type { CollectionOptions } from "./collections";
import type { DeploymentEntry } from "./deployments";
import type { FaultQueue } from "./faults";
import type { FileStore } from "./files";
import { HttpError } from "./http";
import type { Ids } from "./ids";
import type { Bases, JobStore } from "./job";
import type { ModelRegistry } from "./models";
import type { RecordedRequest } from "./records";
import type { WebhookSender } from "./webhooks";

export interface FakeConfig {
  token?: string;
  pageSize: number;
  latency: number;
  /** The longest `Prefer: wait` hold, in seconds. */
  maxWait: number;
  account: Account;
  hardware: Hardware[];
}

/** Everything the fake knows; routes read and change it. */
export interface FakeState {
  config: FakeConfig;
  now: Now;
  ids: Ids;
  models: ModelRegistry;
  collections: Map<string, CollectionOptions>;
  deployments: Map<string, DeploymentEntry>;
  files: FileStore;
  predictions: JobStore;
  trainings: JobStore;
  webhooks: WebhookSender;
  faults: FaultQueue;
  requests: RecordedRequest[];
}

/** One request being handled: what arrived, where, and the state to answer from. */
export interface Call {
  request: Request;
  url: URL;
  bases: Bases;
  state: FakeState;
}

/** The JSON object body of a request; 400 with the API's shape when it is not one. */
export async function readJson(call: Call): Promise<Record<string, unknown>> {
  const text = await call.request.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

const EVENTS: readonly WebhookEventType[] = ["start", "output", "logs", "completed"];

/** The `webhook` and `webhook_events_filter` of a create body, validated as the API does. */
export function webhookOptions(body: Record<string, unknown>): {
  webhook?: string;
  webhookEventsFilter?: WebhookEventType[];
} {
  const { webhook, webhook_events_filter: filter } = body;
  if (webhook === undefined || webhook === null) return {};
  if (typeof webhook !== "string" || !isUrl(webhook)) throw new HttpError(422, "webhook must be a valid URL.");
  if (filter === undefined || filter === null) return { webhook, webhookEventsFilter: [...EVENTS] };
  if (!Array.isArray(filter) || !filter.every((event) => EVENTS.includes(event))) {
    throw new HttpError(422, `webhook_events_filter must be a list of ${EVENTS.join(", ")}.`);
  }
  return { webhook, webhookEventsFilter: filter };
}

/** The `input` of a create body: a JSON object, else 422. */
export function inputOf(body: Record<string, unknown>): Record<string, unknown> {
  const { input } = body;
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new HttpError(422, "input is required and must be an object.");
  }
  return input as Record<string, unknown>;
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}
