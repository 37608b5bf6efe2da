import { json } from "../http";
import type { Router } from "../router";
import type { Call } from "../state";

/** The account, the hardware list and the default webhook secret. */
export function accountRoutes(router: Router<Call>): void {
  router
    .on("GET", "/account", (call) => json(call.state.config.account))
    .on("GET", "/hardware", (call) => json(call.state.config.hardware))
    .on("GET", "/webhooks/default/secret", (call) => json({ key: call.state.webhooks.secret }));
}
