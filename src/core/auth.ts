import { parseBase } from "./url";

/** Replicate's API origin with its slash, as hrefs start: `next` links and file URLs name it even when `baseUrl` is a proxy. */
export const API_ROOT = "https://api.replicate.com/";

/** Shown wherever the token would have been. */
export const REDACTED = "[redacted]";

/**
 * True when `href` may receive the API token: the `baseUrl` origin or Replicate's API origin only,
 * never an origin a response names (a `next` page, a stream, an output file) or a caller's `URL`.
 */
export function mayReceiveToken(href: string, baseUrl: string): boolean {
  // A parsed http(s) href is `<origin>/...` (host lower-cased, default port dropped), so a prefix
  // test is an origin test; userinfo ("user@host") fails it, safely. An opaque origin serializes
  // as "null", and no href starts with "null/".
  // Without a base origin, "null/": no href starts with it, as a scheme and a colon come first.
  // `!lastIndexOf(p, 0)` is startsWith(p), four times faster on Node 20, whose startsWith compares char by char.
  return !href.lastIndexOf(API_ROOT, 0) || !href.lastIndexOf(parseBase(baseUrl)[2] ?? "null/", 0);
}

/**
 * Replaces every occurrence of the token in `text`, so it can never leak through an error message.
 * Real tokens are 40 characters ("r8_..."); redacting a test double like "t" would garble every message.
 */
export function redactToken(text: string, token: string | null | undefined): string {
  return token && token.length >= 8 ? text.split(token).join(REDACTED) : text;
}
