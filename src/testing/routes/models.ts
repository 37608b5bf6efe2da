import { renderCollection } from "../collections";
import { HttpError, json } from "../http";
import { renderModel, renderVersion, type ModelEntry } from "../models";
import { paginate } from "../pagination";
import type { Router } from "../router";
import { readJson, type Call } from "../state";

function modelPage(call: Call, models: ModelEntry[]): Response {
  const page = paginate(models, (m) => `${m.owner}/${m.name}`, call.url, call.state.config.pageSize);
  return json({ ...page, results: page.results.map(renderModel) });
}

/** Models, their versions, search (`QUERY /models`), and collections. */
export function modelRoutes(router: Router<Call>): void {
  router
    .on("GET", "/models", (call) => modelPage(call, call.state.models.list()))
    .on("QUERY", "/models", async (call) => modelPage(call, call.state.models.search(await call.request.text())))
    .on("POST", "/models", async (call) => {
      const { owner, name, ...fields } = await readJson(call);
      if (typeof owner !== "string" || typeof name !== "string" || !owner || !name || /[/:]/.test(name)) {
        throw new HttpError(422, "owner and name are required.");
      }
      if (fields.visibility !== "public" && fields.visibility !== "private") {
        throw new HttpError(422, "visibility must be public or private.");
      }
      if (typeof fields.hardware !== "string") throw new HttpError(422, "hardware is required.");
      return json(renderModel(call.state.models.create(owner, name, fields, true)), 201);
    })
    .on("GET", "/models/:owner/:name", (call, { owner = "", name = "" }) =>
      json(renderModel(call.state.models.require(owner, name))),
    )
    .on("GET", "/models/:owner/:name/versions", (call, { owner = "", name = "" }) => {
      const versions = [...call.state.models.require(owner, name).versions].reverse();
      const page = paginate(versions, (v) => v.id, call.url, call.state.config.pageSize);
      return json({ ...page, results: page.results.map(renderVersion) });
    })
    .on("GET", "/models/:owner/:name/versions/:id", (call, { owner = "", name = "", id = "" }) => {
      const version = call.state.models.require(owner, name).versions.find((v) => v.id === id);
      if (!version) throw new HttpError(404, "Not found.");
      return json(renderVersion(version));
    })
    .on("GET", "/collections", (call) => {
      const entries = [...call.state.collections.entries()];
      const page = paginate(entries, ([slug]) => slug, call.url, call.state.config.pageSize);
      const results = page.results.map(([slug, options]) => renderCollection(slug, options, call.state.models, false));
      return json({ ...page, results });
    })
    .on("GET", "/collections/:slug", (call, { slug = "" }) => {
      const collection = call.state.collections.get(slug);
      if (!collection) throw new HttpError(404, "Not found.");
      return json(renderCollection(slug, collection, call.state.models, true));
    });
}
