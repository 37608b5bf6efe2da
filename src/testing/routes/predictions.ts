import { within } from "../clock";
import { HttpError, json } from "../http";
import type { Job } from "../job";
import type { ModelEntry, VersionEntry } from "../models";
import { paginate } from "../pagination";
import type { Router } from "../router";
import { cancel, launchPrediction, renderPrediction } from "../runs";
import { streamJob } from "../sse";
import { inputOf, readJson, webhookOptions, type Call } from "../state";

/** Seconds to hold a create for `Prefer: wait` / `wait=N`; 0 without the header. */
export function preferredWait(prefer: string | null, max: number): number {
  const match = prefer && /(?:^|[\s,;])wait(?:\s*=\s*(\d+))?(?:$|[\s,;])/.exec(prefer);
  if (!match) return 0;
  return Math.min(max, match[1] === undefined ? max : Math.max(1, Number(match[1])));
}

/** Answers a create: at once with `starting`, or once terminal (or the wait is over) with `Prefer: wait`. */
export async function created(call: Call, job: Job): Promise<Response> {
  const seconds = preferredWait(call.request.headers.get("prefer"), call.state.config.maxWait);
  if (seconds > 0) await within(job.settled, seconds * 1000, call.request.signal);
  return json(renderPrediction(job, call.bases), 201);
}

/** Starts the prediction of `model`'s `version` that a create body asks for. */
export function createPrediction(
  call: Call,
  body: Record<string, unknown>,
  model: ModelEntry,
  version: VersionEntry,
  deployment?: string,
): Promise<Response> {
  const fields = { input: inputOf(body), bases: call.bases, deployment, ...webhookOptions(body) };
  return created(call, launchPrediction(call.state, model, version, fields));
}

function requireJob(call: Call, id: string): Job {
  const job = call.state.predictions.get(id);
  if (!job) throw new HttpError(404, "Not found.");
  return job;
}

/** `/predictions`, `/models/{owner}/{name}/predictions` and the stream URL. */
export function predictionRoutes(router: Router<Call>): void {
  router
    .on("POST", "/predictions", async (call) => {
      const body = await readJson(call);
      if (typeof body.version !== "string") throw new HttpError(422, "version is required.");
      const found = call.state.models.findVersion(body.version);
      if (!found) {
        const detail = "The specified version does not exist (or perhaps you don't have permission to use it?)";
        throw new HttpError(422, detail, "Invalid version or not permitted");
      }
      return createPrediction(call, body, found.model, found.version);
    })
    .on("POST", "/models/:owner/:name/predictions", async (call, { owner = "", name = "" }) => {
      const model = call.state.models.require(owner, name);
      const version = model.versions.at(-1);
      if (!version) throw new HttpError(422, `Model ${owner}/${name} has no versions to run.`);
      return createPrediction(call, await readJson(call), model, version);
    })
    .on("GET", "/predictions", (call) => {
      const jobs = call.state.predictions.list();
      const page = paginate(jobs, (job) => job.id, call.url, call.state.config.pageSize);
      return json({ ...page, results: page.results.map((job) => renderPrediction(job, call.bases)) });
    })
    .on("GET", "/predictions/:id", (call, { id = "" }) => json(renderPrediction(requireJob(call, id), call.bases)))
    .on("POST", "/predictions/:id/cancel", (call, { id = "" }) => {
      const job = requireJob(call, id);
      cancel(call.state, job);
      return json(renderPrediction(job, call.bases));
    })
    .on(
      "GET",
      "/streams/:id",
      (call, { id = "" }) => {
        const lastEventId = Number(call.request.headers.get("last-event-id") ?? -1);
        return streamJob(requireJob(call, id), call.bases.delivery, Number.isInteger(lastEventId) ? lastEventId : -1);
      },
      { open: true },
    );
}
