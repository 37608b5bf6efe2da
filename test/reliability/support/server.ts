/** A real HTTP server on 127.0.0.1 for tests where the connection itself matters. */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  /** performance.now() when the request arrived. */
  at: number;
  authorization: string | undefined;
}

export interface LocalServer {
  origin: string;
  port: number;
  received: Received[];
  /** Milliseconds between consecutive requests: the waits the client made. */
  gaps(): number[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => unknown;

/** Listens on 127.0.0.1 (`port` 0 picks a free one) and answers with `handler`. */
export async function listen(handler: Handler, port = 0): Promise<LocalServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const index = received.push({ method: req.method ?? "", url: req.url ?? "", at: performance.now(), authorization: req.headers.authorization }) - 1;
    Promise.resolve(handler(req, res, index)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    gaps: () => received.slice(1).map((r, i) => r.at - received[i]!.at),
    async close() {
      // Stalled and abandoned requests keep sockets open; end them so close() returns.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = await listen(() => {});
  await server.close();
  return server.port;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return body;
}

export function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
