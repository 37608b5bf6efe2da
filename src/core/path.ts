import { requireString } from "./validate";

/**
 * Percent-encodes one path segment, so `../account` can never climb out of its route (1.4.0 defect 3).
 * A whole segment of `.` or `..` is refused: WHATWG URL resolves `%2E%2E` as `..` too, so no
 * encoding of it survives, and no Replicate id is a dot segment.
 */
export function encodePathSegment(segment: string): string {
  if (segment === "." || segment === "..") {
    throw new TypeError(`A path parameter cannot be ${JSON.stringify(segment)}: it would change the route`);
  }
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
