import type { FakeReplicate } from "../../src/testing/index";

/** A way to reach a fake: its in-memory `fetch`, or a real HTTP server on 127.0.0.1. */
export interface Connection {
  base: string;
  fetch: typeof fetch;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export const transports = [
  {
    name: "fake.fetch",
    open: async (fake: FakeReplicate): Promise<Connection> => ({ base: fake.baseUrl, fetch: fake.fetch, close: async () => {} }),
  },
  {
    name: "listen()",
    open: async (fake: FakeReplicate): Promise<Connection> => {
      const server = await fake.listen();
      return { base: server.url, fetch: globalThis.fetch, close: () => server.close() };
    },
  },
];

/** Sends one request (a JSON body when `json` is given) and reads the whole reply. */
export async function send(
  connection: Connection,
  method: string,
  path: string,
  options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const url = path.startsWith("http") ? path : `${connection.base}${path}`;
  const headers = { ...(options.json === undefined ? {} : { "content-type": "application/json" }), ...options.headers };
  const body = options.json === undefined ? options.body : JSON.stringify(options.json);
  const response = await connection.fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Resolves on the next macrotask turns, letting background runs progress. */
export function ticks(count = 5): Promise<void> {
  return count <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 0)).then(() => ticks(count - 1));
}
