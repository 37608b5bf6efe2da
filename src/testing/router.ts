import { HttpError } from "./http";

export type Params = Record<string, string>;
export type Handler<C> = (call: C, params: Params) => Response | Promise<Response>;

interface Route<C> {
  method: string;
  pattern: string[];
  handler: Handler<C>;
  open: boolean;
}

/** A matched route; `open` routes skip the token check (stream and download URLs carry no auth). */
export interface Match<C> {
  handler: Handler<C>;
  params: Params;
  open: boolean;
}

/** Splits a path into percent-decoded segments, so `%2F` stays inside its segment. */
export function segmentsOf(path: string): string[] {
  try {
    return path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, `Malformed percent-encoding in path: ${path}`);
  }
}

/** Matches `/models/:owner/:name` (`:x` captures a segment, `*` matches any one) against segments. */
export function matchPattern(pattern: string[], segments: string[]): Params | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Params = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] as string;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== "*" && part !== segment) return undefined;
  }
  return params;
}

/** A table of routes keyed by method and path pattern. */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  on(method: string, pattern: string, handler: Handler<C>, options: { open?: boolean } = {}): this {
    const parts = pattern.split("/").filter(Boolean);
    this.routes.push({ method, pattern: parts, handler, open: options.open ?? false });
    return this;
  }

  /** The route for `method` and `path`; `405` when only the path matches; `undefined` otherwise. */
  find(method: string, path: string): Match<C> | 405 | undefined {
    const segments = segmentsOf(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPattern(route.pattern, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params, open: route.open };
      pathMatched = true;
    }
    return pathMatched ? 405 : undefined;
  }
}
