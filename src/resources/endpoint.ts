import { callOptions } from "../core/call-options";
import { requestJSON, requestNoContent } from "../core/json";
import { buildPath } from "../core/path";
import type { ClientConfig } from "../core/request";
import { requireObject } from "../core/validate";
import type { CallOptions } from "../types";

/** A resource method: its path parameters (and body), then the optional call options. */
export type Method<Params extends unknown[], T> = (...args: [...Params, options?: CallOptions]) => Promise<T>;

/**
 * Builds the method for `route`, a verb and a path template: `"GET /models/{model_owner}/{model_name}"`.
 * The method takes one string per placeholder (checked under that name, percent-encoded), then, when
 * `body` names it, an object sent as the JSON body, then the call options. It is async, so bad input
 * rejects, before any request; it reads the client's fields at call time, so it works detached.
 * A DELETE resolves true when the API answers 204, as 1.4.0's delete methods do.
 */
export function endpoint<Params extends unknown[], T>(client: ClientConfig, route: string, body?: string): Method<Params, T> {
  // "GET /predictions/{prediction_id}" splits into the verb, an undefined (the space matched no name)
  // and the template split as buildPath takes it: ["/predictions/", "prediction_id", ""].
  const [method, , ...template] = route.split(/ |{(\w+)}/) as string[];
  return async (...args: unknown[]) => {
    // In argument order: the path parameters, the body, the call options.
    return (method === "DELETE" ? requestNoContent : requestJSON)(client, buildPath(template, args), {
      method,
      data: body && (requireObject(args[0], body), args.shift()),
      // Most calls pass no options: skipping their check spares an object rest copy.
      ...(args[0] !== undefined && callOptions(args[0] as CallOptions)),
    }) as Promise<T>;
  };
}
