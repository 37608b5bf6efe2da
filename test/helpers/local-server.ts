/**
 * A real HTTP server on 127.0.0.1 (random port) that records every request byte for byte and
 * answers from a handler: for tests where the platform's own fetch and a real connection matter.
 *
 *   const server = await startLocalServer(() => ({ body: { id: "p1" } }));
 *   const replicate = new Replicate({ auth: "t", baseUrl: `${server.origin}/v1` });
 *   ...
 *   await server.close();
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServerRequest {
  method: string;
  /** Path and query as sent on the request line, e.g. `/v1/predictions?cursor=abc`. */
  url: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ServerAnswer {
  status?: number;
  /** JSON-encoded unless it is a string or a Buffer; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type ServerHandler = (request: ServerRequest) => ServerAnswer | Promise<ServerAnswer>;

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: ServerRequest[];
  /** Swaps the handler (and clears the recorded requests). */
  reset(handler?: ServerHandler): void;
  close(): Promise<void>;
}

export async function startLocalServer(initial: ServerHandler): Promise<LocalServer> {
  let handler = initial;
  const requests: ServerRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = req.url ?? "/";
      const [path = "/", query = ""] = url.split(/\?(.*)/s);
      const recorded: ServerRequest = {
        method: req.method ?? "",
        url,
        path,
        query,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      try {
        const { status = 200, body, headers = {} } = await handler(recorded);
        const payload =
          status === 204 || body === undefined
            ? undefined
            : typeof body === "string" || Buffer.isBuffer(body)
              ? body
              : JSON.stringify(body);
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(payload);
      } catch (error) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`test handler failed: ${String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reset(next) {
      requests.length = 0;
      if (next) handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
