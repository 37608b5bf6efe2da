import { InvalidResponseError } from "../errors";
import { send, type ClientConfig, type RequestOptions } from "./request";

/** Parses a JSON body, or raises a clear error with the status and the first bytes of what came. */
export async function readJSON<T>(response: Response, url: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    // Named by the request's URL: a Response made by a custom fetch has an empty `url`.
    throw new InvalidResponseError(url, response.status, text);
  }
}

/** Sends a request and resolves with its parsed JSON body. */
export function requestJSON<T>(client: ClientConfig, route: string | URL, options: RequestOptions): Promise<T> {
  return send(client, route, options, readJSON<T>);
}

/** Sends a request whose answer is only a status: resolves true on 204, as 1.4.0's delete methods do. */
export function requestNoContent(client: ClientConfig, route: string | URL, options: RequestOptions): Promise<boolean> {
  return send(client, route, options, async (response) => {
    await response.body?.cancel();
    return response.status === 204;
  });
}
