/** True for `{}` literals and `Object.create(null)`, including ones from another realm. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // A null prototype passes as Object.prototype, and Object.prototype (of this realm or another) is
  // the one prototype whose own prototype is null.
  return !!value && typeof value === "object" && !Object.getPrototypeOf(Object.getPrototypeOf(value) ?? Object.prototype);
}

/** Copies arrays and plain objects deeply, replacing every other value with `map(value)`. */
export function mapLeaves(value: unknown, map: (leaf: unknown) => unknown): unknown {
  return Array.isArray(value)
    ? value.map((item) => mapLeaves(item, map))
    : isPlainObject(value)
      ? // fromEntries defines properties rather than assigning them, so an own "__proto__" key
        // (JSON.parse makes them) stays data, where `copy[key] = ...` would set the prototype.
        Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, map)]))
      : map(value);
}

/** Every leaf (non-array, non-plain-object value) that `test` accepts, in document order. */
export function findLeaves<T>(value: unknown, test: (leaf: unknown) => leaf is T): T[] {
  const found: T[] = [];
  mapLeaves(value, (leaf) => test(leaf) && found.push(leaf));
  return found;
}
