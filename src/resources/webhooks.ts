import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import type { ClientConfig } from "../core/request";
import type { CallOptions, WebhookSecret } from "../types";

export function webhooks(client: ClientConfig) {
  return {
    default: {
      secret: {
        /** GET /webhooks/default/secret: the key that signs webhook deliveries. */
        get: async (options?: CallOptions) =>
          requestJSON<WebhookSecret>(client, "/webhooks/default/secret", callOptions(options)),
      },
    },
  };
}
