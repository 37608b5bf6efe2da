import type { ClientConfig } from "../core/request";
import type { Hardware } from "../types";
import { endpoint } from "./endpoint";

export const hardware = (client: ClientConfig) => ({
  /** The SKUs models and deployments can run on. */
  list: endpoint<[], Hardware[]>(client, "GET /hardware"),
});
