import type * as Http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DROPPED } from "./faults";
import type { Bases } from "./job";
import type { App } from "./server";

/** Options of `fake.listen()`. */
export interface ListenOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
}

/** A running server: `url` is its API base (`http://127.0.0.1:PORT/v1`). */
export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

// Hop-by-hop headers describe the Node connection, not the request the app should see.
const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length"]);

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    body = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) body.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  }
  return new Request(`${origin}${req.url ?? "/"}`, { method, headers, body: body?.byteLength ? body : undefined, signal });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Waiting for each write to reach the socket keeps a later cut from overtaking the data.
      await new Promise<void>((resolve) => {
        res.write(value, () => resolve());
        res.once("close", resolve);
      });
    }
    res.end();
  } catch {
    // A body that errors (a cut SSE stream) ends the connection abruptly, as a real cut would; the
    // short delay lets the client read what was sent first, which is what a test of a cut expects.
    setTimeout(() => res.destroy(), 25);
  }
}

/** Serves `app` over HTTP. `node:http` is imported here only, so fetch mode never loads it. */
export async function listen(app: App, apiPath: string, options: ListenOptions, register: (bases: Bases) => () => void): Promise<FakeServer> {
  // A computed specifier: bundlers targeting browsers or workerd leave it alone, and tsup cannot
  // rewrite it to a bare "http" (which Deno would not resolve).
  const specifier = "node:http";
  const http = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as typeof Http;
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    void (async () => {
      try {
        const outcome = await app(await toRequest(req, origin, controller.signal), bases);
        if (outcome === DROPPED) req.socket.destroy();
        else await writeResponse(res, outcome);
      } catch {
        req.socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const bases = { api: `${origin}${apiPath}`, delivery: `${origin}/delivery` };
  const unregister = register(bases);
  return {
    url: bases.api,
    async close() {
      unregister();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
