import { configure, renderDeployment, type DeploymentEntry } from "../deployments";
import { HttpError, json, noContent } from "../http";
import { paginate } from "../pagination";
import type { Router } from "../router";
import { readJson, type Call } from "../state";
import { createPrediction } from "./predictions";

function requireDeployment(call: Call, owner: string, name: string): DeploymentEntry {
  const deployment = call.state.deployments.get(`${owner}/${name}`);
  if (!deployment) throw new HttpError(404, `Deployment ${owner}/${name} not found.`);
  return deployment;
}

/** Deployments CRUD and predictions through a deployment. */
export function deploymentRoutes(router: Router<Call>): void {
  const render = (call: Call, entry: DeploymentEntry) => json(renderDeployment(entry, call.state.config.account));
  router
    .on("POST", "/deployments", async (call) => {
      const body = await readJson(call);
      const owner = call.state.config.account.username;
      if (typeof body.name !== "string" || !body.name) throw new HttpError(422, "name is required.");
      const ref = `${owner}/${body.name}`;
      if (call.state.deployments.has(ref)) throw new HttpError(409, `Deployment ${ref} already exists.`);
      const config = configure({}, body, call.state.models);
      const entry = { ...config, owner, name: body.name, release: 1, updatedAt: call.state.now(), createdOverHttp: true };
      call.state.deployments.set(ref, entry);
      return render(call, entry);
    })
    .on("GET", "/deployments", (call) => {
      const entries = [...call.state.deployments.values()];
      const page = paginate(entries, (d) => `${d.owner}/${d.name}`, call.url, call.state.config.pageSize);
      return json({ ...page, results: page.results.map((d) => renderDeployment(d, call.state.config.account)) });
    })
    .on("GET", "/deployments/:owner/:name", (call, { owner = "", name = "" }) =>
      render(call, requireDeployment(call, owner, name)),
    )
    .on("PATCH", "/deployments/:owner/:name", async (call, { owner = "", name = "" }) => {
      const entry = requireDeployment(call, owner, name);
      Object.assign(entry, configure(entry, await readJson(call), call.state.models), {
        release: entry.release + 1,
        updatedAt: call.state.now(),
      });
      return render(call, entry);
    })
    .on("DELETE", "/deployments/:owner/:name", (call, { owner = "", name = "" }) => {
      requireDeployment(call, owner, name);
      call.state.deployments.delete(`${owner}/${name}`);
      return noContent();
    })
    .on("POST", "/deployments/:owner/:name/predictions", async (call, { owner = "", name = "" }) => {
      const deployment = requireDeployment(call, owner, name);
      const found = call.state.models.findVersion(`${deployment.model}:${deployment.version}`);
      if (!found) throw new HttpError(422, `The model version of deployment ${owner}/${name} no longer exists.`);
      return createPrediction(call, await readJson(call), found.model, found.version, `${owner}/${name}`);
    });
}
