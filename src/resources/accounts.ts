import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import type { ClientConfig } from "../core/request";
import type { Account, CallOptions } from "../types";

export function accounts(client: ClientConfig) {
  return {
    /** GET /account: the account that owns the API token. */
    current: async (options?: CallOptions) => requestJSON<Account>(client, "/account", callOptions(options)),
  };
}
