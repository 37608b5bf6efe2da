import { requestJSON } from "./core/json";
import type { ClientConfig } from "./core/request";
import { requireFunction } from "./core/validate";
import type { CallOptions, Page } from "./types";

/**
 * Yields each page's results, starting with `endpoint()` and following `next` links as given
 * (absolute URLs, fetched as-is). Like 1.4.0, an abort between pages ends the iteration quietly;
 * one during a request throws.
 */
export async function* paginate<T>(
  client: ClientConfig,
  endpoint: (options?: CallOptions) => Promise<Page<T>>,
  { signal }: { signal?: AbortSignal } = {},
): AsyncGenerator<T[]> {
  requireFunction(endpoint, "endpoint");
  let page = await endpoint(signal && { signal });
  yield page.results;
  while (page.next && !signal?.aborted) {
    page = await requestJSON<Page<T>>(client, page.next, { signal });
    yield page.results;
  }
}
