import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import type { ClientConfig } from "../core/request";
import type { CallOptions, Hardware } from "../types";

export function hardware(client: ClientConfig) {
  return {
    /** GET /hardware: the SKUs models and deployments can run on. */
    list: async (options?: CallOptions) => requestJSON<Hardware[]>(client, "/hardware", callOptions(options)),
  };
}
