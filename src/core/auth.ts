/** Replicate's own API origin: `next` links and file URLs name it even when `baseUrl` is a proxy. */
export const API_ORIGIN = "https://api.replicate.com";

/** Shown wherever the token would have been. */
export const REDACTED = "[redacted]";

// baseUrl is a writable client field, so its origin is looked up per request; remembering the last
// one keeps that to one URL parse per distinct baseUrl rather than one per request.
let lastBaseUrl: string | undefined;
let lastBasePrefix: string | undefined;

/**
 * True when `url` may receive the API token: the `baseUrl` origin or Replicate's API origin only,
 * never an origin a response names (a `next` page, a stream, an output file) or a caller's `URL`.
 */
export function mayReceiveToken(url: URL, baseUrl: string): boolean {
  if (baseUrl !== lastBaseUrl) {
    lastBaseUrl = baseUrl;
    lastBasePrefix = undefined;
    try {
      const { origin } = new URL(baseUrl);
      // Opaque origins (file:, data:) all serialize as "null" and must not match each other.
      if (origin !== "null") lastBasePrefix = `${origin}/`;
    } catch {
      // no origin a URL could share
    }
  }
  // A parsed http(s) href is `<origin>/...` (host lower-cased, default port dropped), so a prefix
  // test is an origin test without building `url.origin`; userinfo ("user@host") fails it, safely.
  const { href } = url;
  return href.startsWith(`${API_ORIGIN}/`) || (lastBasePrefix !== undefined && href.startsWith(lastBasePrefix));
}

/**
 * Replaces every occurrence of the token in `text`, so it can never leak through an error message.
 * Real tokens are 40 characters ("r8_..."); redacting a test double like "t" would garble every message.
 */
export function redactToken(text: string, token: string | null | undefined): string {
  return token && token.length >= 8 ? text.split(token).join(REDACTED) : text;
}
