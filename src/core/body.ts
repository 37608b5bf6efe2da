import { describe } from "./validate";

/** Bodies handed to fetch as they are (the platform sets their Content-Type). */
export function isRawBody(data: unknown): data is BodyInit {
  return (
    (typeof FormData !== "undefined" && data instanceof FormData) ||
    (typeof Blob !== "undefined" && data instanceof Blob) ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    data instanceof URLSearchParams ||
    (typeof ReadableStream !== "undefined" && data instanceof ReadableStream)
  );
}

/**
 * JSON.stringify that refuses what JSON cannot carry instead of silently dropping it
 * (functions and symbols vanish, BigInt throws an obscure error).
 */
export function toJSON(data: unknown): string {
  return JSON.stringify(data, function check(key, value) {
    const type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") {
      const where = key === "" ? "the request body" : `key ${JSON.stringify(key)}`;
      throw new TypeError(`Cannot send ${describe(value)} at ${where}: ${type} values cannot be serialized to JSON`);
    }
    return value;
  });
}
