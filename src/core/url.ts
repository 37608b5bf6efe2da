/** Resolves `route` against `baseUrl` (a trailing slash tolerated) and appends `params`. */
export function buildUrl(route: string | URL, baseUrl: string, params?: Record<string, unknown>): URL {
  // A URL route is used as given; with params it is copied, never appended to the caller's object.
  const url =
    route instanceof URL
      ? params
        ? new URL(route)
        : route
      : new URL(route.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}
