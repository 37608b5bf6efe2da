import type { Page } from "../types";
import { HttpError } from "./http";

function encodeCursor(direction: "n" | "p", key: string): string {
  return btoa(`${direction}:${encodeURIComponent(key)}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

function decodeCursor(cursor: string): { direction: string; key: string } {
  try {
    const text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const colon = text.indexOf(":");
    return { direction: text.slice(0, colon), key: decodeURIComponent(text.slice(colon + 1)) };
  } catch {
    throw new HttpError(400, "Invalid cursor.");
  }
}

/**
 * One page of `items` (already in display order) for the request `url`. Cursors name an item's
 * key rather than an offset, so records created between two page reads do not shift the pages.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, url: URL, pageSize: number): Page<T> {
  let start = 0;
  let end = pageSize;
  const cursor = url.searchParams.get("cursor");
  if (cursor) {
    const { direction, key } = decodeCursor(cursor);
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index < 0 || (direction !== "n" && direction !== "p")) throw new HttpError(400, "Invalid cursor.");
    start = direction === "n" ? index + 1 : Math.max(0, index - pageSize);
    end = direction === "n" ? start + pageSize : index;
  }
  const results = items.slice(start, end);
  const link = (direction: "n" | "p", item: T | undefined): string | null => {
    if (item === undefined) return null;
    const next = new URL(url);
    next.searchParams.set("cursor", encodeCursor(direction, keyOf(item)));
    return next.href;
  };
  return {
    next: end < items.length ? link("n", results.at(-1)) : null,
    previous: start > 0 ? link("p", results[0]) : null,
    results,
  };
}
