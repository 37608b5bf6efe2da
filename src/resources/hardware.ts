import type { ClientConfig } from "../core/request";
import type { Hardware } from "../types";
import { endpoint } from "./endpoint";

export function hardware(client: ClientConfig) {
  return {
    /** The SKUs models and deployments can run on. */
    list: endpoint<[], Hardware[]>(client, "GET /hardware"),
  };
}
