/**
 * The request core against a real node:http server on 127.0.0.1, one fault at a time: what the
 * client raises, how many requests the server saw, and how long the client waited between them.
 */
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Replicate, {
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
} from "../../src/index";
import { closedPort, listen, readBody, sendJSON, type Handler, type LocalServer } from "./support/server";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;
const TOKEN = "r8_0123456789abcdefghijklmnopqrstuvwxyzAB";
const prediction = (origin: string, fields: object = {}) => ({
  id: "p1",
  status: "starting",
  urls: { get: `${origin}/v1/predictions/p1`, stream: `${origin}/stream/p1` },
  ...fields,
});

let servers: LocalServer[] = [];

async function serve(handler: Handler, port?: number): Promise<LocalServer> {
  const server = await listen(handler, port);
  servers.push(server);
  return server;
}

function client(origin: string, options: object = {}) {
  return new Replicate({ auth: TOKEN, baseUrl: `${origin}/v1`, ...options });
}

beforeEach(() => {
  // The shortest back-off (75% of each step) keeps real waits short and their bounds exact.
  vi.spyOn(Math, "random").mockReturnValue(0.999_999);
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

describe("connection refused", () => {
  it("retries a GET with back-off, then raises a ConnectionError whose cause names ECONNREFUSED", async () => {
    const port = await closedPort();
    const attempts: number[] = [];
    const fetch = (input: URL, init: RequestInit) => (attempts.push(performance.now()), globalThis.fetch(input, init));
    const error = await client(`http://127.0.0.1:${port}`, { fetch, maxRetries: 2 }).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(((error as Error).cause as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(370);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(745);
  });

  it("re-sends a POST after ECONNREFUSED, which proves it never left, and creates the prediction once", async () => {
    const port = await closedPort();
    let created = 0;
    let server: Promise<LocalServer> | undefined;
    const fetch = async (input: URL, init: RequestInit) => {
      try {
        return await globalThis.fetch(input, init);
      } catch (error) {
        // The API comes up during the back-off.
        server ??= serve(async (req, res) => {
          await readBody(req);
          created++;
          sendJSON(res, 201, prediction(`http://127.0.0.1:${port}`));
        }, port);
        await server;
        throw error;
      }
    };
    const result = await client(`http://127.0.0.1:${port}`, { fetch }).predictions.create({ version: "v1", input: {} });
    expect(result.id).toBe("p1");
    expect(created).toBe(1);
  });
});

describe("connection reset mid-body", () => {
  const resetOnce: Handler = (req, res, index) => {
    if (index === 0) {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "500" });
      res.write('{"id": "p1", "status": "proc');
      setTimeout(() => req.socket.destroy(), 20);
    } else {
      sendJSON(res, 200, { id: "p1", status: "processing" });
    }
  };

  it("retries a GET and gets the whole answer the second time", async () => {
    const server = await serve(resetOnce);
    expect(await client(server.origin).predictions.get("p1")).toEqual({ id: "p1", status: "processing" });
    expect(server.received).toHaveLength(2);
    expect(server.gaps()[0]).toBeGreaterThanOrEqual(370);
  });

  it("raises a ConnectionError for a POST without re-sending it (it may have been created)", async () => {
    const server = await serve(resetOnce);
    const error = await client(server.origin).predictions.create({ version: "v1", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("terminated");
    expect(server.received).toHaveLength(1);
  });
});

describe("connection reset before the answer", () => {
  it("sends a POST once where 1.4.0 sends it six times (six predictions, six bills)", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await client(server.origin).predictions.create({ version: "v1", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.received).toHaveLength(1);

    const old = await serve((req) => req.socket.destroy());
    await new Replicate14({ auth: TOKEN, baseUrl: `${old.origin}/v1` }).predictions.create({ version: "v1", input: {} }).catch(() => {});
    expect(old.received).toHaveLength(6);
  });
});

describe("stalled responses", () => {
  it("1.4.0 has no timeout: a stalled GET is still pending long after ours gave up", async () => {
    const server = await serve(() => {});
    let settled = false;
    void new Replicate14({ auth: TOKEN, baseUrl: `${server.origin}/v1` }).predictions.get("p1").finally(() => (settled = true)).catch(() => {});
    await expect(client(server.origin, { timeout: 100, maxRetries: 0 }).predictions.get("p1")).rejects.toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
  });


  it("times out a GET whose headers never come and retries it", async () => {
    const server = await serve((_req, res, index) => {
      if (index > 0) sendJSON(res, 200, { id: "p1" }); // the first request is never answered
    });
    const result = await client(server.origin, { timeout: 200 }).predictions.get("p1");
    expect(result).toEqual({ id: "p1" });
    expect(server.received).toHaveLength(2);
    // A back-off step (≥ 375 ms) after the timeout. The client's timer starts before the first request
    // reaches the server, so under load only part of the 200 ms timeout shows in the server's gap.
    expect(server.gaps()[0]).toBeGreaterThanOrEqual(370 + 100);
  });

  it("raises a TimeoutError with a cause once every attempt stalled", async () => {
    const server = await serve(() => {});
    const error = await client(server.origin, { timeout: 100, maxRetries: 1 }).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).cause).toMatchObject({ name: "TimeoutError" });
    expect(server.received).toHaveLength(2);
  });

  it("times out a body that stalls after the headers", async () => {
    const server = await serve((_req, res, index) => {
      if (index > 0) return sendJSON(res, 200, { id: "p1" });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      res.write('{"id":');
    });
    expect(await client(server.origin, { timeout: 200 }).predictions.get("p1")).toEqual({ id: "p1" });
    expect(server.received).toHaveLength(2);
  });

  it("sends a stalled POST once and raises a TimeoutError", async () => {
    const server = await serve(() => {});
    const error = await client(server.origin, { timeout: 150 }).predictions.create({ version: "v1", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a retry would have come by now
    expect(server.received).toHaveLength(1);
  });

  it("aborts a stalled request at once when the caller's signal fires", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = client(server.origin).predictions.get("p1", { signal: controller.signal });
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("429 storms", () => {
  it("waits out each Retry-After (even 0, instead of its own back-off) and succeeds, for a GET and a POST, creating once", async () => {
    let created = 0;
    const server = await serve(async (req, res, index) => {
      await readBody(req);
      // Per call: throttled for 1 s, then throttled with "retry now", then served.
      if (index % 3 < 2) return sendJSON(res, 429, { detail: "Request was throttled." }, { "Retry-After": index % 3 === 0 ? "1" : "0" });
      if (req.method === "POST") created++;
      sendJSON(res, req.method === "POST" ? 201 : 200, prediction(server.origin));
    });
    const replicate = client(server.origin);
    await replicate.predictions.get("p1");
    await replicate.predictions.create({ version: "v1", input: {} });
    expect(server.received.map((r) => r.method)).toEqual(["GET", "GET", "GET", "POST", "POST", "POST"]);
    const gaps = server.gaps();
    for (const i of [0, 3]) expect(gaps[i]).toBeGreaterThanOrEqual(990);
    for (const i of [1, 4]) expect(gaps[i]).toBeLessThan(370); // "0" is honoured: no back-off
    expect(created).toBe(1);
  });

  it("raises a RateLimitError carrying the wait when Retry-After is above the 60 s ceiling", async () => {
    const server = await serve((_req, res) => sendJSON(res, 429, { detail: "Come back tomorrow." }, { "Retry-After": "86400" }));
    const error = await client(server.origin).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(86_400_000);
    expect((error as RateLimitError).detail).toBe("Come back tomorrow.");
    expect(server.received).toHaveLength(1);
  });
});

describe("5xx bursts", () => {
  it("lets a GET recover with growing waits", async () => {
    const server = await serve((_req, res, index) => {
      if (index < 2) return sendJSON(res, [503, 502][index]!, { detail: "overloaded" });
      sendJSON(res, 200, { id: "p1" });
    });
    expect(await client(server.origin).predictions.get("p1")).toEqual({ id: "p1" });
    const [first, second] = server.gaps();
    expect(first).toBeGreaterThanOrEqual(370);
    expect(second).toBeGreaterThanOrEqual(745);
  });

  it("surfaces an InternalServerError for a POST after one attempt", async () => {
    const server = await serve(async (req, res) => {
      await readBody(req);
      sendJSON(res, 500, { title: "Internal Server Error", detail: "boom" });
    });
    const error = await client(server.origin).predictions.create({ version: "v1", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).detail).toBe("boom");
    expect(server.received).toHaveLength(1);
  });
});

describe("truncated event streams (replicate.stream end to end)", () => {
  async function streamServer(end: (res: import("node:http").ServerResponse, req: import("node:http").IncomingMessage) => void) {
    const server = await serve(async (req, res) => {
      if (req.method === "POST") {
        await readBody(req);
        return sendJSON(res, 201, prediction(server.origin));
      }
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write("event: output\nid: 1\ndata: Hello\n\n");
      end(res, req);
    });
    return server;
  }

  async function consume(server: LocalServer) {
    const seen: string[] = [];
    try {
      for await (const event of client(server.origin).stream("owner/model", { input: {} })) seen.push(`${event.event}:${event.data}`);
      return { seen, error: undefined };
    } catch (error) {
      return { seen, error };
    }
  }

  it("raises a ConnectionError when the connection drops mid-stream, after yielding what came", async () => {
    const server = await streamServer((res, req) => {
      res.write("event: output\ndata: wor");
      setTimeout(() => req.socket.destroy(), 20);
    });
    const { seen, error } = await consume(server);
    expect(seen).toEqual(["output:Hello"]);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it("raises a ConnectionError when the stream ends cleanly but without its done event", async () => {
    const server = await streamServer((res) => res.end());
    const { seen, error } = await consume(server);
    expect(seen).toEqual(["output:Hello"]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("done");
  });

  it("ends quietly at done", async () => {
    const server = await streamServer((res) => res.end("event: done\ndata: {}\n\n"));
    const { seen, error } = await consume(server);
    expect(seen).toEqual(["output:Hello", "done:{}"]);
    expect(error).toBeUndefined();
  });
});

describe("malformed JSON", () => {
  it("raises InvalidResponseError with the status and the first bytes, without retrying", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"id": "p1", "status": ');
    });
    const error = await client(server.origin).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as Error).message).toContain('{\\"id\\": \\"p1\\", \\"status\\": ');
    expect((error as Error).message).toContain(`${server.origin}/v1/predictions/p1`);
    expect(server.received).toHaveLength(1);
  });

  it("treats a proxy's HTML error page on a 502 as the 5xx it is", async () => {
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        res.writeHead(502, { "Content-Type": "text/html" });
        return res.end("<html><h1>502 Bad Gateway</h1></html>");
      }
      sendJSON(res, 200, { id: "p1" });
    });
    expect(await client(server.origin).predictions.get("p1")).toEqual({ id: "p1" });
    expect(server.received).toHaveLength(2);
  });
});
