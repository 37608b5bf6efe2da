/** Short, safe description of a bad argument for error messages (never prints long strings in full). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  return `${typeof value} ${String(value)}`;
}

/** Throws a TypeError naming `name` unless `value` is a non-empty string. */
export function requireString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} must be a non-empty string, got ${describe(value)}`);
  }
}

/** Checks several named string arguments at once: `requireStrings({ model_owner, model_name })`. */
export function requireStrings(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) requireString(value, name);
}

/** Throws a TypeError naming `name` unless `value` is a plain options object (or undefined when optional). */
export function requireObject(value: unknown, name: string, optional = false): asserts value is Record<string, unknown> {
  if (optional && value === undefined) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describe(value)}`);
  }
}

/** Validates a webhook URL before any request, with 1.4.0's message. */
export function requireWebhookUrl(webhook: unknown): void {
  if (webhook === undefined || webhook === null || webhook === "") return;
  try {
    new URL(String(webhook));
  } catch {
    throw new Error("Invalid webhook URL");
  }
}

/** Validates `interval`-like millisecond options: finite and not negative. */
export function requireDuration(value: unknown, name: string): asserts value is number | undefined {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number of milliseconds, got ${describe(value)}`);
  }
}
