import type { WebhookEventType } from "../types";
import { sleep, type Now } from "./clock";
import { emit, finish, isTerminal, type Job } from "./job";

/** What running a handler needs from the fake around it. */
export interface RunnerDeps {
  now: Now;
  /** Milliseconds a run stays `starting` before its handler is called. */
  latency: number;
  deliver(value: unknown): Promise<unknown>;
  notify(job: Job, event: WebhookEventType): void;
}

type Handler = (input: Record<string, unknown>, context: never) => unknown;

class Failure extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

/** A tqdm line: `parseProgressFromLogs` and tqdm-reading UIs understand it. */
export function progressLine(current: number, total: number, elapsedMs: number): string {
  const ratio = total > 0 ? Math.min(1, current / total) : 0;
  const filled = Math.round(ratio * 10);
  const bar = "█".repeat(filled) + " ".repeat(10 - filled);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? current / seconds : 0;
  const remaining = rate > 0 ? (total - current) / rate : 0;
  const clock = (s: number) =>
    `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `${percent}%|${bar}| ${current}/${total} [${clock(seconds)}<${clock(remaining)}, ${rate.toFixed(2)}it/s]`;
}

/** The tools a handler gets; the job's API view is attached as `prediction` or `training`. */
export function createContext(job: Job, deps: RunnerDeps, view: () => unknown): object {
  const end = (message: string) => {
    if (finish(job, "failed", deps.now(), message)) deps.notify(job, "completed");
  };
  const context = {
    log(line: string) {
      if (isTerminal(job)) return;
      job.logs += `${line}\n`;
      emit(job, "logs", line);
      deps.notify(job, "logs");
    },
    progress(current: number, total: number) {
      context.log(progressLine(current, total, deps.now() - (job.startedAt ?? job.createdAt)));
    },
    fail(message: string): never {
      end(message);
      throw new Failure(message);
    },
    signal: job.controller.signal,
    sleep: (ms: number) => sleep(ms, job.controller.signal),
  };
  return Object.defineProperty(context, job.kind, { get: view, enumerable: true });
}

/** Runs `handler` in the background; never rejects, whatever the handler does. */
export function startJob(job: Job, handler: Handler, context: object, deps: RunnerDeps): void {
  void run(job, handler, context, deps).catch(() => undefined);
}

async function run(job: Job, handler: Handler, context: object, deps: RunnerDeps): Promise<void> {
  try {
    await sleep(deps.latency, job.controller.signal);
  } catch {
    return;
  }
  job.status = "processing";
  job.startedAt = deps.now();
  for (const listener of job.listeners) listener();
  try {
    const result = handler(job.input, context as never);
    if (isAsyncIterable(result)) {
      const chunks: unknown[] = [];
      job.output = chunks;
      for await (const chunk of result) {
        const stored = await deps.deliver(chunk);
        if (isTerminal(job)) return;
        chunks.push(stored);
        emit(job, "output", stored);
        deps.notify(job, "output");
      }
    } else {
      const output = await deps.deliver(await result);
      if (isTerminal(job)) return;
      job.output = output ?? null;
      if (output !== undefined && output !== null) {
        for (const item of Array.isArray(output) ? output : [output]) emit(job, "output", item);
        deps.notify(job, "output");
      }
    }
    if (finish(job, "succeeded", deps.now())) deps.notify(job, "completed");
  } catch (error) {
    if (finish(job, "failed", deps.now(), messageOf(error))) deps.notify(job, "completed");
  }
}
