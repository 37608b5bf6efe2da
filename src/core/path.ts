import { requireString } from "./validate";

/** Percent-encodes one path segment, so `../account` can never climb out of its route (1.4.0 defect 3). */
export function encodePathSegment(segment: string): string {
  // encodeURIComponent leaves "." alone; a segment of dots would still be resolved by URL().
  if (segment === "." || segment === "..") return segment.replaceAll(".", "%2E");
  return encodeURIComponent(segment);
}

/**
 * Builds a route from a template, validating and percent-encoding every interpolated value:
 * path`/predictions/${id}/cancel`.
 */
export function path(strings: TemplateStringsArray, ...params: unknown[]): string {
  let out = strings[0] ?? "";
  params.forEach((param, i) => {
    requireString(param, "path parameter");
    out += encodePathSegment(param) + (strings[i + 1] ?? "");
  });
  return out;
}
