import type { Prediction, Training, WebhookEventType } from "../types";
import { iso } from "./clock";
import { resolveFiles } from "./files";
import type { ModelHandler, TrainerHandler } from "./handler";
import { finish, newJob, type Bases, type Job, type JobFields } from "./job";
import type { ModelEntry, VersionEntry } from "./models";
import { createContext, startJob, type RunnerDeps } from "./runner";
import type { FakeState } from "./state";

function times(job: Job) {
  const seconds = (from?: number) => (from !== undefined && job.completedAt !== undefined ? (job.completedAt - from) / 1000 : undefined);
  const predictTime = seconds(job.startedAt);
  return {
    created_at: iso(job.createdAt),
    ...(job.startedAt === undefined ? {} : { started_at: iso(job.startedAt) }),
    ...(job.completedAt === undefined ? {} : { completed_at: iso(job.completedAt) }),
    metrics: predictTime === undefined ? {} : { predict_time: predictTime, total_time: seconds(job.createdAt) },
  };
}

function webhookFields(job: Job) {
  return job.webhook ? { webhook: job.webhook, webhook_events_filter: job.webhookEventsFilter } : {};
}

/** The API's JSON for a prediction, with URLs under the bases of the request being answered. */
export function renderPrediction(job: Job, bases: Bases): Prediction {
  return {
    id: job.id,
    model: job.model,
    version: job.version,
    input: job.input,
    logs: job.logs,
    output: resolveFiles(job.output, bases.delivery),
    data_removed: false,
    error: job.error,
    status: job.status,
    source: "api",
    ...times(job),
    urls: {
      get: `${bases.api}/predictions/${job.id}`,
      cancel: `${bases.api}/predictions/${job.id}/cancel`,
      stream: `${bases.api}/streams/${job.id}`,
      web: `https://replicate.com/p/${job.id}`,
    },
    ...(job.deployment ? { deployment: job.deployment } : {}),
    ...webhookFields(job),
  };
}

export function renderTraining(job: Job, bases: Bases): Training {
  return {
    id: job.id,
    model: job.model,
    version: job.version,
    input: job.input,
    logs: job.logs,
    output: resolveFiles(job.output, bases.delivery) as Training["output"],
    error: job.error,
    status: job.status,
    source: "api",
    ...times(job),
    urls: {
      get: `${bases.api}/trainings/${job.id}`,
      cancel: `${bases.api}/trainings/${job.id}/cancel`,
      web: `https://replicate.com/p/${job.id}`,
    },
    ...webhookFields(job),
  };
}

/** The API view of a job, as webhooks and `context.prediction` show it. */
export function render(job: Job, bases = job.bases): Prediction | Training {
  return job.kind === "prediction" ? renderPrediction(job, bases) : renderTraining(job, bases);
}

function runnerDeps(state: FakeState): RunnerDeps {
  return {
    now: state.now,
    latency: state.config.latency,
    deliver: (value) => state.files.deliver(value),
    notify(job: Job, event: WebhookEventType) {
      if (!job.webhook || !job.webhookEventsFilter?.includes(event)) return;
      state.webhooks.send(job.id, job.webhook, event, JSON.stringify(render(job)));
    },
  };
}

/** The fields every new run shares: a fresh id and the creation time. */
export function jobFields(state: FakeState, bases: Bases): Pick<JobFields, "id" | "bases" | "createdAt"> {
  return { id: state.ids.id(), bases, createdAt: state.now() };
}

/** Cancels a run that has not ended, aborting its handler's signal and sending `completed`. */
export function cancel(state: FakeState, job: Job): void {
  if (finish(job, "canceled", state.now())) runnerDeps(state).notify(job, "completed");
}

/** Records a run, sends its `start` webhook and starts its handler in the background. */
export function launch(state: FakeState, job: Job, handler: ModelHandler | TrainerHandler): Job {
  (job.kind === "prediction" ? state.predictions : state.trainings).add(job);
  const deps = runnerDeps(state);
  deps.notify(job, "start");
  startJob(job, handler as never, createContext(job, deps, () => render(job)), deps);
  return job;
}

/** Creates and starts a prediction of `version` of `model`. */
export function launchPrediction(
  state: FakeState,
  model: ModelEntry,
  version: VersionEntry,
  fields: Pick<JobFields, "input" | "bases" | "webhook" | "webhookEventsFilter" | "deployment">,
): Job {
  model.runCount++;
  const handler: ModelHandler = version.handler ?? (() => null);
  const job = newJob({ ...jobFields(state, fields.bases), ...fields, kind: "prediction", model: `${model.owner}/${model.name}`, version: version.id });
  return launch(state, job, handler);
}
