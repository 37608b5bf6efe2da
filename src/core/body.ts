/** Bodies handed to fetch as they are (the platform sets their Content-Type). */
export function isRawBody(data: unknown): data is BodyInit {
  return (
    data instanceof FormData ||
    data instanceof Blob ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    data instanceof URLSearchParams ||
    isStreamBody(data)
  );
}

/** A body that can be read only once: it needs `duplex: "half"` and can never be re-sent. */
export function isStreamBody(data: unknown): data is ReadableStream {
  return data instanceof ReadableStream;
}

/**
 * JSON.stringify that refuses what JSON cannot carry instead of silently dropping it
 * (1.4.0 drops functions and symbols without a word; BigInt throws an error naming no key).
 */
export function toJSON(data: unknown): string {
  return JSON.stringify(data, (key, value) => {
    const type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") {
      throw new TypeError(`${key ? `key ${JSON.stringify(key)}` : "the request body"} must be JSON-serializable, got a ${type}`);
    }
    return value;
  });
}
