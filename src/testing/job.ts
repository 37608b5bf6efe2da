import type { Status, WebhookEventType } from "../types";

/** Where a request arrived: the API base and the file-delivery base of that fetch or server. */
export interface Bases {
  api: string;
  delivery: string;
}

/** One entry of a run's event log, replayed by every SSE stream opened on it. */
export interface JobEvent {
  id: number;
  event: "output" | "logs" | "error" | "done";
  value: unknown;
}

/** The fake's record of a prediction or a training, rendered into API JSON on each read. */
export interface Job {
  readonly kind: "prediction" | "training";
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly input: Record<string, unknown>;
  readonly bases: Bases;
  readonly createdAt: number;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
  readonly webhook?: string;
  readonly webhookEventsFilter?: WebhookEventType[];
  readonly deployment?: string;
  readonly destination?: string;
  status: Status;
  output: unknown;
  error: string | null;
  logs: string;
  startedAt?: number;
  completedAt?: number;
  readonly events: JobEvent[];
  readonly listeners: Set<() => void>;
  readonly settle: () => void;
}

export type JobFields = Pick<Job, "kind" | "id" | "model" | "version" | "input" | "bases" | "createdAt"> &
  Partial<Pick<Job, "webhook" | "webhookEventsFilter" | "deployment" | "destination">>;

export function newJob(fields: JobFields): Job {
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  return {
    ...fields,
    controller: new AbortController(),
    settled,
    settle,
    status: "starting",
    output: null,
    error: null,
    logs: "",
    events: [],
    listeners: new Set(),
  };
}

const TERMINAL: ReadonlySet<Status> = new Set(["succeeded", "failed", "canceled", "aborted"]);

export function isTerminal(job: Job): boolean {
  return TERMINAL.has(job.status);
}

/** Appends to the event log and wakes every open stream. */
export function emit(job: Job, event: JobEvent["event"], value: unknown): void {
  job.events.push({ id: job.events.length, event, value });
  for (const listener of job.listeners) listener();
}

/** Moves a running job to a terminal status once; false when it had already ended. */
export function finish(job: Job, status: Status, at: number, error?: string): boolean {
  if (isTerminal(job)) return false;
  job.status = status;
  job.completedAt = at;
  if (error !== undefined) {
    job.error = error;
    emit(job, "error", { detail: error });
  }
  emit(job, "done", status === "canceled" ? { reason: "canceled" } : {});
  job.controller.abort(new DOMException(`The ${job.kind} was ${status}.`, "AbortError"));
  job.settle();
  return true;
}

/** Predictions or trainings by id, listed newest first as the API does. */
export class JobStore {
  private readonly jobs = new Map<string, Job>();

  add(job: Job): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  clear(): void {
    this.jobs.clear();
  }
}
