import { applyFault, type Outcome } from "./faults";
import { HttpError, problem } from "./http";
import type { Bases } from "./job";
import { recordRequest } from "./records";
import { Router } from "./router";
import { accountRoutes } from "./routes/account";
import { deploymentRoutes } from "./routes/deployments";
import { fileRoutes } from "./routes/files";
import { modelRoutes } from "./routes/models";
import { predictionRoutes } from "./routes/predictions";
import { trainingRoutes } from "./routes/trainings";
import type { Call, FakeState } from "./state";

/** The fake's HTTP application: one function from a `Request` to a `Response` (or a lost connection). */
export type App = (request: Request, bases: Bases) => Promise<Outcome>;

/** The route path of `url` below `bases` (downloads become `/delivery/...`), or undefined. */
export function routePath(url: URL, bases: Bases): string | undefined {
  const below = (base: string) => {
    const href = url.origin + url.pathname;
    return href === base || href.startsWith(`${base}/`) ? href.slice(base.length) || "/" : undefined;
  };
  const api = below(bases.api);
  if (api !== undefined) return api;
  const delivery = below(bases.delivery);
  return delivery === undefined ? undefined : `/delivery${delivery}`;
}

function authorized(request: Request, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = request.headers.get("authorization") ?? "";
  return header === `Bearer ${token}` || header === `Token ${token}`;
}

export function createApp(state: FakeState): App {
  const router = new Router<Call>();
  for (const routes of [predictionRoutes, fileRoutes, modelRoutes, deploymentRoutes, trainingRoutes, accountRoutes]) {
    routes(router);
  }

  async function dispatch(request: Request, url: URL, path: string, bases: Bases): Promise<Response> {
    try {
      const match = router.find(request.method, path);
      if (match === undefined) return problem(404, "Not found.");
      if (match === 405) return problem(405, `Method ${request.method} not allowed.`);
      if (!match.open && !authorized(request, state.config.token)) {
        return problem(401, "You did not pass a valid authentication token", {}, "Unauthenticated");
      }
      return await match.handler({ request, url, bases, state }, match.params);
    } catch (error) {
      if (error instanceof HttpError) return problem(error.status, error.detail, {}, error.title);
      return problem(500, `The fake failed to handle the request: ${error instanceof Error ? error.message : error}`);
    }
  }

  return async (request, bases) => {
    const url = new URL(request.url);
    const path = routePath(url, bases) ?? url.pathname;
    state.requests.push(await recordRequest(request, path, state.now()));
    const fault = state.faults.take(request.method, path);
    const respond = () => dispatch(request, url, path, bases);
    return fault ? applyFault(fault, respond, request.signal).catch(() => problem(499, "Client closed request.")) : respond();
  };
}
