import type { ClientConfig } from "../core/request";
import type { Account } from "../types";
import { endpoint } from "./endpoint";

export function accounts(client: ClientConfig) {
  return {
    /** The account that owns the API token. */
    current: endpoint<[], Account>(client, "GET /account"),
  };
}
