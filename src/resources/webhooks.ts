import type { ClientConfig } from "../core/request";
import type { WebhookSecret } from "../types";
import { endpoint } from "./endpoint";

export function webhooks(client: ClientConfig) {
  return {
    default: {
      secret: {
        /** The key that signs webhook deliveries. */
        get: endpoint<[], WebhookSecret>(client, "GET /webhooks/default/secret"),
      },
    },
  };
}
