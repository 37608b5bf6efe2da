import { HttpError, json } from "../http";
import type { Job } from "../job";
import { paginate } from "../pagination";
import type { Router } from "../router";
import { cancel, renderTraining } from "../runs";
import { readJson, type Call } from "../state";
import { launchTraining } from "../trainings";

function requireTraining(call: Call, id: string): Job {
  const job = call.state.trainings.get(id);
  if (!job) throw new HttpError(404, "Not found.");
  return job;
}

/** Trainings: create from a model version, get, cancel, list. */
export function trainingRoutes(router: Router<Call>): void {
  router
    .on("POST", "/models/:owner/:name/versions/:version/trainings", async (call, params) => {
      const { owner = "", name = "", version: id = "" } = params;
      const model = call.state.models.require(owner, name);
      const version = model.versions.find((v) => v.id === id);
      if (!version) throw new HttpError(404, `Version ${id} of ${owner}/${name} not found.`);
      const job = launchTraining(call.state, model, version, await readJson(call), call.bases);
      return json(renderTraining(job, call.bases), 201);
    })
    .on("GET", "/trainings", (call) => {
      const jobs = call.state.trainings.list();
      const page = paginate(jobs, (job) => job.id, call.url, call.state.config.pageSize);
      return json({ ...page, results: page.results.map((job) => renderTraining(job, call.bases)) });
    })
    .on("GET", "/trainings/:id", (call, { id = "" }) => json(renderTraining(requireTraining(call, id), call.bases)))
    .on("POST", "/trainings/:id/cancel", (call, { id = "" }) => {
      const job = requireTraining(call, id);
      cancel(call.state, job);
      return json(renderTraining(job, call.bases));
    });
}
