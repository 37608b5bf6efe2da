import type { ClientConfig } from "../core/request";
import type { WebhookSecret } from "../types";
import { endpoint } from "./endpoint";

export const webhooks = (client: ClientConfig) => ({
  default: {
    secret: {
      /** The key that signs webhook deliveries. */
      get: endpoint<[], WebhookSecret>(client, "GET /webhooks/default/secret"),
    },
  },
});
