/**
 * A client wired to a recording fetch, plus the assertions every route test repeats:
 * what one request looked like, and "rejected before any request was sent".
 */
import { expect } from "vitest";
import Replicate, { type ClientOptions } from "../../src/index";
import { VERSION } from "../../src/version";
import { recordingFetch, type RecordedCall, type Responder } from "./recording-fetch";

export const TOKEN = "r8_test_token";

export function testClient(respond?: Responder, options: ClientOptions = {}) {
  const api = recordingFetch(respond);
  const replicate = new Replicate({ auth: TOKEN, fetch: api.fetch, ...options });
  return { replicate, calls: api.calls };
}

export interface ExpectedRequest {
  method: string;
  /** Path as sent, percent-encoding included: `/v1/predictions/abc`. */
  path: string;
  /** `url.search`, e.g. `"?cursor=x"`; empty by default. */
  search?: string;
  /** Parsed JSON body, or a raw string body; no body when omitted. */
  json?: unknown;
  text?: string;
  /** @default "application/json" */
  contentType?: string | null;
  /** The `Prefer` header; absent when omitted. */
  prefer?: string;
}

/** Asserts one request's method, URL, the headers every request carries, and its body. */
export function expectRequest(call: RecordedCall | undefined, expected: ExpectedRequest): void {
  expect(call, "a request was sent").toBeDefined();
  const { method, path, search = "", contentType = "application/json", prefer } = expected;
  expect(call!.method).toBe(method);
  expect(call!.path).toBe(path);
  expect(call!.url.search).toBe(search);
  expect(call!.url.origin).toBe("https://api.replicate.com");
  expect(call!.headers.get("Content-Type")).toBe(contentType);
  expect(call!.headers.get("User-Agent")).toBe(`replicate-javascript/${VERSION}`);
  expect(call!.headers.get("Authorization")).toBe(`Bearer ${TOKEN}`);
  expect(call!.headers.get("Prefer")).toBe(prefer ?? null);
  expect(call!.thisValue).toBeUndefined();
  if ("json" in expected) expect(call!.json()).toEqual(expected.json);
  else if ("text" in expected) expect(call!.text()).toBe(expected.text);
  else expect(call!.body.byteLength, "request has no body").toBe(0);
}

/**
 * Calls `run` and asserts it returned a promise (no synchronous throw, as 1.4.0's async functions),
 * that the promise rejects with `message`, and that nothing reached `fetch`.
 */
export async function expectRejectsBeforeRequest(
  calls: RecordedCall[],
  run: () => unknown,
  message: string | RegExp,
): Promise<void> {
  let result: unknown;
  expect(() => {
    result = run();
  }, "must not throw synchronously").not.toThrow();
  expect(result).toBeInstanceOf(Promise);
  await expect(result).rejects.toThrow(message);
  expect(calls, "no request was sent").toHaveLength(0);
}
