import { requestJSON } from "./core/json";
import type { ClientConfig } from "./core/request";
import { describe } from "./core/validate";
import type { CallOptions, Page } from "./types";

/**
 * Yields each page's results, starting with `endpoint()` and following `next` links as given
 * (absolute URLs, fetched as-is). Like 1.4.0, an abort between pages ends the iteration quietly;
 * one during a request throws.
 */
export async function* paginate<T>(
  client: ClientConfig,
  endpoint: (options?: CallOptions) => Promise<Page<T>>,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<T[]> {
  if (typeof endpoint !== "function") {
    throw new TypeError(`paginate() needs a list method such as replicate.predictions.list, got ${describe(endpoint)}`);
  }
  const { signal } = options;
  let page = await endpoint(signal ? { signal } : undefined);
  yield page.results;
  while (page.next && !signal?.aborted) {
    page = await requestJSON<Page<T>>(client, page.next, { signal });
    yield page.results;
  }
}
