import type { FileObject, Prediction, Training } from "../types";
import type { CollectionOptions } from "./collections";
import { configure, type DeploymentOptions } from "./deployments";
import type { FaultQueue } from "./faults";
import { createFetch } from "./fetch";
import { renderFile } from "./files";
import type { ModelHandler, TrainerHandler } from "./handler";
import { finish, isTerminal, type Bases } from "./job";
import { listen, type FakeServer, type ListenOptions } from "./listen";
import { splitRef, type ModelOptions } from "./models";
import { createState, type FakeReplicateOptions } from "./options";
import type { RecordedRequest } from "./records";
import { renderPrediction, renderTraining } from "./runs";
import { createApp } from "./server";
import type { WebhookDelivery } from "./webhooks";

/** What `fake.model()` registered: the model, the version id, and `owner/name:version` for `run()`. */
export interface RegisteredModel {
  model: string;
  version: string;
  ref: string;
}

/** The fault-injection controls of a fake. */
export type Faults = Pick<FaultQueue, "next" | "always" | "clear" | "pending">;

/** An in-memory Replicate API; see `createFakeReplicate()`. */
export interface FakeReplicate {
  /** A `fetch` that answers in memory; pass it as the client's `fetch`. */
  readonly fetch: typeof fetch;
  readonly baseUrl: string;
  /** Serves the same fake over HTTP on 127.0.0.1 (Node, Bun and Deno only). */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /** Registers a model version run by `handler`; registering the same model again adds a version. */
  model<I = Record<string, any>>(ref: string, handler: ModelHandler<I>, options?: ModelOptions): RegisteredModel;
  /** Sets how trainings of the model `ref` behave (the default succeeds with `{ version, weights }`). */
  trainer<I = Record<string, any>>(ref: string, handler: TrainerHandler<I>): void;
  deployment(ref: string, options: DeploymentOptions): void;
  collection(slug: string, options: CollectionOptions): void;
  readonly faults: Faults;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Every prediction, oldest first, as the API shows it now. */
  readonly predictions: Prediction[];
  readonly trainings: Training[];
  readonly files: FileObject[];
  readonly webhookDeliveries: readonly WebhookDelivery[];
  readonly webhookSecret: string;
  /** Resolves once every run has ended and every webhook has been delivered. */
  settle(): Promise<void>;
  /** Forgets everything that happened over HTTP; registered models, collections and deployments stay. */
  reset(): void;
}

/** Creates an in-memory fake of Replicate's HTTP API, for `new Replicate({ fetch: fake.fetch })`. */
export function createFakeReplicate(options: FakeReplicateOptions = {}): FakeReplicate {
  const { state, bases } = createState(options);
  const { now, models } = state;
  const servers = new Set<Bases>();
  const registeredDeployments = new Map<string, DeploymentOptions>();
  const app = createApp(state);

  const deploy = (ref: string, deployment: DeploymentOptions) => {
    const [owner, name] = splitRef(ref);
    const config = configure({}, { ...deployment, min_instances: deployment.minInstances, max_instances: deployment.maxInstances }, models);
    state.deployments.set(ref, { ...config, owner, name, release: 1, updatedAt: now(), createdOverHttp: false });
  };

  return {
    fetch: createFetch(app, () => [bases, ...servers]),
    baseUrl: bases.api,
    listen: (listenOptions = {}) =>
      listen(app, new URL(bases.api).pathname.replace(/\/+$/, ""), listenOptions, (server) => {
        servers.add(server);
        return () => servers.delete(server);
      }),
    model: (ref, handler, modelOptions) => {
      const version = models.register(ref, handler as ModelHandler, modelOptions);
      return { model: ref, version: version.id, ref: `${ref}:${version.id}` };
    },
    trainer: (ref, handler) => {
      const [owner, name] = splitRef(ref);
      (models.get(ref) ?? models.create(owner, name, {}, false)).trainer = handler as TrainerHandler;
    },
    deployment: (ref, deployment) => {
      deploy(ref, deployment);
      registeredDeployments.set(ref, deployment);
    },
    collection: (slug, collection) => void state.collections.set(slug, collection),
    faults: state.faults,
    requests: state.requests,
    get predictions() {
      return state.predictions.list().reverse().map((job) => renderPrediction(job, bases));
    },
    get trainings() {
      return state.trainings.list().reverse().map((job) => renderTraining(job, bases));
    },
    get files() {
      return [...state.files.uploads.values()].map((upload) => renderFile(upload, bases.api));
    },
    webhookDeliveries: state.webhooks.deliveries,
    webhookSecret: state.webhooks.secret,
    async settle() {
      for (;;) {
        const running = [...state.predictions.list(), ...state.trainings.list()].filter((job) => !isTerminal(job));
        if (running.length === 0) {
          await state.webhooks.idle();
          if ([...state.predictions.list(), ...state.trainings.list()].every(isTerminal)) return;
        }
        await Promise.all(running.map((job) => job.settled));
      }
    },
    reset() {
      for (const job of [...state.predictions.list(), ...state.trainings.list()]) finish(job, "canceled", now());
      state.predictions.clear();
      state.trainings.clear();
      state.files.clear();
      state.requests.length = 0;
      state.faults.clear();
      state.webhooks.clear();
      models.removeCreatedOverHttp();
      state.deployments.clear();
      for (const [ref, deployment] of registeredDeployments) deploy(ref, deployment);
    },
  };
}
