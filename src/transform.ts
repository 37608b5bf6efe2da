/** True for `{}` literals and `Object.create(null)`, including ones from another realm. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Copies arrays and plain objects deeply, replacing every other value with `map(value)`. */
export function mapLeaves(value: unknown, map: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, map));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const mapped = mapLeaves(value[key], map);
      // An own "__proto__" key (JSON.parse makes them) is data; plain assignment would set the prototype.
      if (key === "__proto__") Object.defineProperty(copy, key, { value: mapped, enumerable: true, writable: true, configurable: true });
      else copy[key] = mapped;
    }
    return copy;
  }
  return map(value);
}

/** Every leaf (non-array, non-plain-object value) that `test` accepts, in document order. */
export function findLeaves<T>(value: unknown, test: (leaf: unknown) => leaf is T, found: T[] = []): T[] {
  if (Array.isArray(value)) {
    for (const item of value) findLeaves(item, test, found);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) findLeaves(value[key], test, found);
  } else if (test(value)) {
    found.push(value);
  }
  return found;
}
