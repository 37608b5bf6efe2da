/** Short, safe description of a bad argument for error messages (never prints long strings in full). */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  return value && typeof value === "object" ? "an object" : String(value);
}

/**
 * The house rule for bad input, in one place: unless `ok`, throws
 * `TypeError("<name> must be <expected>, got <what was given>")`.
 */
export function check(ok: unknown, name: string, expected: string, value: unknown): asserts ok {
  if (!ok) throw new TypeError(`${name} must be ${expected}, got ${describe(value)}`);
}

/** Throws a TypeError naming `name` unless `value` is a non-empty string. */
export function requireString(value: unknown, name: string): asserts value is string {
  check(typeof value === "string" && value.trim(), name, "a non-empty string", value);
}

/** Throws a TypeError naming `name` unless `value` is a function. */
export function requireFunction(value: unknown, name: string): asserts value is Function {
  check(typeof value === "function", name, "a function", value);
}

/** Throws a TypeError naming `name` unless `value` is a plain options object. */
export function requireObject(value: unknown, name: string): asserts value is Record<string, unknown> {
  check(value && typeof value === "object" && !Array.isArray(value), name, "an object", value);
}

/** Validates an optional duration (`timeout`, `interval`): finite and not negative. */
export function requireNonNegative(value: unknown, name: string): asserts value is number | undefined {
  check(value === undefined || (Number.isFinite(value) && (value as number) >= 0), name, "a non-negative number", value);
}

/** True when `url` parses as an absolute URL (URL.canParse would do, but Node 18 before 18.17 lacks it). */
export function isParseable(url: unknown): boolean {
  try {
    return !!new URL(url as string);
  } catch {
    return false;
  }
}
