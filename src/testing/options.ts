import type { Account, Hardware } from "../types";
import { toNow } from "./clock";
import { FaultQueue } from "./faults";
import { FileStore } from "./files";
import { createIds } from "./ids";
import { JobStore, type Bases } from "./job";
import { ModelRegistry } from "./models";
import type { FakeState } from "./state";
import { toBase64, WebhookSender, type WebhookTransport } from "./webhooks";

/** Options of `createFakeReplicate()`. */
export interface FakeReplicateOptions extends WebhookTransport {
  /** @default "https://api.replicate.com/v1" */
  baseUrl?: string;
  /** Where output files are served; defaults to `https://replicate.delivery` with the default base, else `<origin>/delivery`. */
  deliveryUrl?: string;
  /** When set, API requests must send `Authorization: Bearer <token>`; otherwise any token is accepted. */
  token?: string;
  /** @default 100 */
  pageSize?: number;
  /** Milliseconds each run stays `starting` before its handler is called. @default 0 */
  latency?: number;
  /** The longest `Prefer: wait` hold, in seconds. @default 60 */
  maxWait?: number;
  /** The clock stamped on records (`created_at`, webhook timestamps). @default Date.now */
  now?: () => number | Date;
  /** Seed of the id generator: the same seed gives the same ids. @default 1 */
  seed?: number;
  account?: Partial<Account>;
  hardware?: Hardware[];
  /** @default a `whsec_...` secret derived from the seed */
  webhookSecret?: string;
}

const HARDWARE: Hardware[] = [
  { sku: "cpu", name: "CPU" },
  { sku: "gpu-t4", name: "Nvidia T4 GPU" },
  { sku: "gpu-a40-large", name: "Nvidia A40 (Large) GPU" },
  { sku: "gpu-a100-large", name: "Nvidia A100 (80GB) GPU" },
];

/** The empty state of a new fake, and the bases its in-memory `fetch` answers at. */
export function createState(options: FakeReplicateOptions): { state: FakeState; bases: Bases } {
  const now = toNow(options.now);
  const ids = createIds(options.seed);
  const api = (options.baseUrl ?? "https://api.replicate.com/v1").replace(/\/+$/, "");
  const delivery = options.deliveryUrl ?? (options.baseUrl === undefined ? "https://replicate.delivery" : `${new URL(api).origin}/delivery`);
  const state: FakeState = {
    config: {
      token: options.token,
      pageSize: options.pageSize ?? 100,
      latency: options.latency ?? 0,
      maxWait: options.maxWait ?? 60,
      account: { type: "user", username: "test-user", name: "Test User", ...options.account },
      hardware: options.hardware ?? HARDWARE,
    },
    now,
    ids,
    models: new ModelRegistry(now),
    collections: new Map(),
    deployments: new Map(),
    files: new FileStore(ids, now),
    predictions: new JobStore(),
    trainings: new JobStore(),
    webhooks: new WebhookSender(options.webhookSecret ?? `whsec_${toBase64(ids.bytes(24))}`, options, ids, now),
    faults: new FaultQueue(),
    requests: [],
  };
  return { state, bases: { api, delivery: delivery.replace(/\/+$/, "") } };
}
