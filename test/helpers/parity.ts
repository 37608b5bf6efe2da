/**
 * Side-by-side runs of replicate@1.4.0 and this package against one local server: the same call
 * is made with each client (both over the platform's real fetch), and what reached the server,
 * plus what each call returned, is handed back for comparison.
 *
 *   const { legacy, ours } = await sideBySide(server, (r) => r.predictions.get("p1"));
 *   expectSameRequests(legacy, ours);
 *   expect(ours.result).toEqual(legacy.result);
 */
import { createRequire } from "node:module";
import { expect } from "vitest";
import Replicate from "../../src/index";
import { VERSION } from "../../src/version";
import type { LocalServer, ServerAnswer, ServerHandler, ServerRequest } from "./local-server";

export const LegacyReplicate = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;
export const PARITY_TOKEN = "r8_parity_token";

export interface Side {
  requests: ServerRequest[];
  result?: unknown;
  error?: unknown;
}

export interface SideBySideOptions {
  /** A fresh handler per client, for stateful answers (polling); defaults to `cannedAnswer`. */
  handler?: () => ServerHandler;
  /** Extra constructor options for both clients. */
  client?: object;
}

export async function sideBySide(
  server: LocalServer,
  call: (client: any) => Promise<unknown>,
  { handler = () => cannedAnswer, client = {} }: SideBySideOptions = {},
): Promise<{ legacy: Side; ours: Side }> {
  const options = { auth: PARITY_TOKEN, baseUrl: `${server.origin}/v1`, ...client };
  const run = async (replicate: unknown): Promise<Side> => {
    server.reset(handler());
    const side: Side = { requests: [] };
    try {
      side.result = await call(replicate);
    } catch (error) {
      side.error = error;
    }
    side.requests = [...server.requests];
    return side;
  };
  const legacy = await run(new LegacyReplicate(options));
  const ours = await run(new Replicate(options));
  return { legacy, ours };
}

/** Deterministic JSON per route: 204 for deletes, a page for lists, an echo of the route otherwise. */
export function cannedAnswer(request: ServerRequest): ServerAnswer {
  const route = `${request.method} ${request.path}`;
  if (request.method === "DELETE") return { status: 204 };
  if (route === "POST /v1/files") return { status: 201, body: { id: "f1", urls: { get: "https://api.replicate.com/v1/files/f1" } } };
  if (route === "GET /v1/hardware") return { body: [{ sku: "cpu", name: "CPU" }] };
  const isList = request.method === "GET" && /^\/v1\/(predictions|trainings|models|collections|deployments|files)$/.test(request.path);
  if (isList || request.method === "QUERY") return { body: { previous: null, next: null, results: [{ route }] } };
  return { body: { id: "x1", route, status: "starting" } };
}

const IGNORED = new Set(["user-agent", "host"]);

/** Everything a request carried, minus what legitimately differs (User-Agent version, port, multipart boundary). */
export function normalize(request: ServerRequest) {
  const contentType = request.headers["content-type"] ?? "";
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (IGNORED.has(name) || (boundary && name === "content-length")) continue;
    headers[name] = boundary ? String(value).replaceAll(boundary, "BOUNDARY") : value;
  }
  const body = boundary ? request.body.toString("latin1").replaceAll(boundary, "BOUNDARY") : request.body.toString("latin1");
  return { method: request.method, url: request.url, headers, body };
}

/** Same number of requests, each with the same method, path+query, headers and body bytes. */
export function expectSameRequests(legacy: Side, ours: Side): void {
  expect(ours.requests.map(normalize)).toEqual(legacy.requests.map(normalize));
  for (const request of legacy.requests) expect(request.headers["user-agent"]).toBe("replicate-javascript/1.4.0");
  for (const request of ours.requests) expect(request.headers["user-agent"]).toBe(`replicate-javascript/${VERSION}`);
}

/** Both calls resolved with equal values, or both rejected with the same message. */
export function expectSameOutcome(legacy: Side, ours: Side): void {
  if (legacy.error !== undefined || ours.error !== undefined) {
    expect((ours.error as Error | undefined)?.message).toBe((legacy.error as Error | undefined)?.message);
    return;
  }
  expect(ours.result).toEqual(legacy.result);
}
