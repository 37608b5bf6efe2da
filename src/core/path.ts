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
  // encodeURIComponent throws a bare URIError on a lone surrogate; say which argument was wrong.
  if (!isWellFormed(segment)) throw new TypeError(`A path parameter must be well-formed Unicode, got ${JSON.stringify(segment)}`);
  return encodeURIComponent(segment);
}

// String.prototype.isWellFormed is ES2024 (Node 20+); Node 18 gets the equivalent pattern.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
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
