/** Replicate's own API origin: `next` links and file URLs name it even when `baseUrl` is a proxy. */
export const API_ORIGIN = "https://api.replicate.com";

/** True when `url` may receive the API token: the `baseUrl` origin or Replicate's API origin only. */
export function mayReceiveToken(url: URL, baseUrl: string): boolean {
  if (url.origin === API_ORIGIN) return true;
  try {
    return url.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** Replaces every occurrence of the token in `text`, so it can never leak through an error message. */
export function redactToken(text: string, token: string | null | undefined): string {
  return token ? text.split(token).join("[redacted]") : text;
}
