import type { ClientConfig } from "../core/request";
import type { Account } from "../types";
import { endpoint } from "./endpoint";

export const accounts = (client: ClientConfig) => ({
  /** The account that owns the API token. */
  current: endpoint<[], Account>(client, "GET /account"),
});
