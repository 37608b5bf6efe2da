/** Resolves `route` against `baseUrl` (a trailing slash tolerated) and appends `params`. */
export function buildUrl(route: string | URL, baseUrl: string, params?: Record<string, unknown>): URL {
  if (route instanceof URL) {
    if (!params) return route;
    route = route.href; // never append to the caller's URL object
  }
  const relative = route.startsWith("/") ? route.slice(1) : route;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const joined = base + relative;
  // A plain relative path resolves to base + path, so parse that one string rather than both.
  const url = PLAIN_PATH.test(relative) && !IRREGULAR.test(joined) ? new URL(joined) : new URL(relative, base);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

// A route that resolves to exactly base + route: no scheme ("https:", "a:b"), not authority- or
// root-relative ("/", "\\"), no leading whitespace or control character.
const PLAIN_PATH = /^(?![a-z][a-z\d+.-]*:)[^/\\\x00-\x20.%]/i;
// Tabs and newlines (URL drops them anywhere) and dot segments ("." or "%2e" after a slash, which
// Node 20's parser leaves in place in some absolute URLs) take the general path; so does a query
// or fragment, which in baseUrl is dropped by resolution but would swallow a concatenated route.
const IRREGULAR = /[?#\t\n\r]|[/\\](?:\.|%2e)/i;
