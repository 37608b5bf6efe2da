/** Replicate's own API origin: `next` links and file URLs name it even when `baseUrl` is a proxy. */
export const API_ORIGIN = "https://api.replicate.com";

/** Shown wherever the token would have been. */
export const REDACTED = "[redacted]";

// baseUrl is a writable client field, so its origin is looked up per request; remembering the last
// one keeps that to one URL parse per distinct baseUrl rather than one per request.
let lastBaseUrl: string | undefined;
let lastBasePrefix: string | undefined;

/** `<origin>/` of `baseUrl`, or undefined when it has no origin a URL could share. */
function originPrefix(baseUrl: string): string | undefined {
  if (baseUrl !== lastBaseUrl) {
    lastBaseUrl = baseUrl;
    try {
      const { origin } = new URL(baseUrl);
      // Opaque origins (file:, data:) all serialize as "null" and must not match each other.
      lastBasePrefix = origin === "null" ? undefined : `${origin}/`;
    } catch {
      // URL.canParse would do, but Node 18 before 18.17 lacks it.
      lastBasePrefix = undefined;
    }
  }
  return lastBasePrefix;
}

const API_PREFIX = `${API_ORIGIN}/`;

/**
 * True when `url` may receive the API token: the `baseUrl` origin or Replicate's API origin only,
 * never an origin a response names (a `next` page, a stream, an output file) or a caller's `URL`.
 */
export function mayReceiveToken(url: URL, baseUrl: string): boolean {
  // A parsed http(s) href is `<origin>/...` (host lower-cased, default port dropped), so a prefix
  // test is an origin test without building `url.origin`; userinfo ("user@host") fails it, safely.
  const { href } = url;
  const base = originPrefix(baseUrl);
  return href.startsWith(API_PREFIX) || (base !== undefined && href.startsWith(base));
}

// Real tokens are 40 characters ("r8_..."); redacting a test double like "t" would garble every message.
const MIN_REDACTED_LENGTH = 8;

/** Replaces every occurrence of the token in `text`, so it can never leak through an error message. */
export function redactToken(text: string, token: string | null | undefined): string {
  if (!token || token.length < MIN_REDACTED_LENGTH || !text.includes(token)) return text;
  return text.split(token).join(REDACTED);
}
