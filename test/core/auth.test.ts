import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { API_ROOT, mayReceiveToken, redactToken } from "../../src/core/auth";
import Replicate, { ApiError, ConnectionError, InvalidResponseError, TimeoutError } from "../../src/index";
import { fetchDouble, hang, json, text, type FetchDouble } from "../reliability/support/fetch-double";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const TOKEN = "r8_0123456789abcdefghijklmnopqrstuvwxyzAB";
const EVIL = "https://evil.example";

/** Which URLs of `fetch`'s calls carried the token. */
function tokenSentTo(fetch: FetchDouble): Record<string, boolean> {
  return Object.fromEntries(fetch.calls.map((call) => [call.url, call.headers.get("authorization") === `Bearer ${TOKEN}`]));
}

describe("mayReceiveToken", () => {
  const base = "https://api.replicate.com/v1";

  it("trusts the baseUrl origin and Replicate's API origin, whatever the path", () => {
    expect(mayReceiveToken(new URL("https://api.replicate.com/v1/predictions").href, base)).toBe(true);
    expect(mayReceiveToken(new URL("https://proxy.example/other/path").href, "https://proxy.example/replicate/v1")).toBe(true);
    expect(mayReceiveToken(new URL(`${API_ROOT}v1/models?cursor=2`).href, "https://proxy.example/v1")).toBe(true);
    expect(mayReceiveToken(new URL("HTTPS://API.REPLICATE.COM:443/v1").href, "https://proxy.example/v1")).toBe(true);
    expect(mayReceiveToken(new URL("http://127.0.0.1:8080/v1/x").href, "http://127.0.0.1:8080/v1")).toBe(true);
  });

  it("refuses every other origin, including look-alikes", () => {
    for (const href of [
      `${EVIL}/v1/predictions`,
      "http://api.replicate.com/v1/predictions", // plain HTTP
      "https://api.replicate.com.evil.example/v1",
      "https://api.replicate.com:8443/v1",
      "https://evil.example/https://api.replicate.com/v1",
      "https://api.replicate.com@evil.example/v1",
      "https://user:pass@api.replicate.com/v1", // userinfo: refused rather than risk it
      "https://stream.replicate.com/v1/streams/abc",
      "https://replicate.delivery/pbxt/out.png",
      "http://127.0.0.1:8081/v1",
    ]) {
      expect(mayReceiveToken(new URL(href).href, "http://127.0.0.1:8080/v1"), href).toBe(false);
    }
  });

  it("never matches opaque origins to each other", () => {
    expect(mayReceiveToken(new URL("file:///etc/passwd").href, "file:///tmp/")).toBe(false);
    expect(mayReceiveToken(new URL("data:text/plain,x").href, "not a url")).toBe(false);
  });
});

describe("redactToken", () => {
  it("replaces every occurrence", () => {
    expect(redactToken(`a ${TOKEN} b ${TOKEN}`, TOKEN)).toBe("a [redacted] b [redacted]");
  });

  it("leaves text alone without a token, or with a short test double that is no credential", () => {
    expect(redactToken("Request was throttled.", undefined)).toBe("Request was throttled.");
    expect(redactToken("Request was throttled.", "t")).toBe("Request was throttled.");
  });
});

describe("Authorization goes only to the baseUrl origin and Replicate's API", () => {
  it("follows a proxy's next link to the API host with the token, and one to another origin without", async () => {
    const fetch = fetchDouble(
      json(200, { results: [1], next: "https://api.replicate.com/v1/predictions?cursor=2" }),
      json(200, { results: [2], next: `${EVIL}/v1/predictions?cursor=3` }),
      json(200, { results: [3], next: null }),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: "https://proxy.example/v1", fetch });
    const pages: unknown[] = [];
    for await (const page of replicate.paginate(replicate.predictions.list)) pages.push(page);
    expect(pages).toEqual([[1], [2], [3]]);
    expect(tokenSentTo(fetch)).toEqual({
      "https://proxy.example/v1/predictions": true,
      "https://api.replicate.com/v1/predictions?cursor=2": true,
      [`${EVIL}/v1/predictions?cursor=3`]: false,
    });
  });

  it("1.4.0 hands the token to whatever origin a next link names", async () => {
    const fetch = fetchDouble(json(200, { results: [1], next: `${EVIL}/steal` }), json(200, { results: [], next: null }));
    const old = new Replicate14({ auth: TOKEN, fetch });
    for await (const _ of old.paginate(old.predictions.list)) void _;
    expect(tokenSentTo(fetch)[`${EVIL}/steal`]).toBe(true);
  });

  it("never sends it to a URL the caller passes for another origin, as a URL or a string", async () => {
    const fetch = fetchDouble(json(200, {}));
    const replicate = new Replicate({ auth: TOKEN, fetch });
    await replicate.request(new URL(`${EVIL}/x`));
    await replicate.request(`${EVIL}/y`);
    await replicate.request(`///evil.example/z`);
    await replicate.request("/account");
    expect(tokenSentTo(fetch)).toEqual({
      [`${EVIL}/x`]: false,
      [`${EVIL}/y`]: false,
      [`${EVIL}/z`]: false,
      "https://api.replicate.com/v1/account": true,
    });

    const old = fetchDouble(json(200, {}));
    await new Replicate14({ auth: TOKEN, fetch: old }).request(new URL(`${EVIL}/x`), {});
    expect(tokenSentTo(old)[`${EVIL}/x`]).toBe(true);
  });

  it("never sends it to the stream URL a prediction names", async () => {
    const fetch = fetchDouble(
      json(201, { id: "p1", status: "starting", urls: { stream: `${EVIL}/v1/streams/p1` } }),
      text(200, "event: output\ndata: hi\n\nevent: done\ndata: {}\n\n", { "Content-Type": "text/event-stream" }),
    );
    const events: string[] = [];
    for await (const event of new Replicate({ auth: TOKEN, fetch }).stream("owner/model", { input: {} })) events.push(event.event);
    expect(events).toEqual(["output", "done"]);
    expect(tokenSentTo(fetch)).toEqual({ "https://api.replicate.com/v1/models/owner/model/predictions": true, [`${EVIL}/v1/streams/p1`]: false });
  });

  it("never sends it to an output file's host, only to files served by the API itself", async () => {
    const output = ["https://replicate.delivery/pbxt/out.png", `${EVIL}/out.png`, "https://api.replicate.com/v1/files/f1/download"];
    const fetch = fetchDouble(json(201, { id: "p1", status: "succeeded", output, urls: {} }), text(200, "bytes"));
    const files = (await new Replicate({ auth: TOKEN, fetch }).run("owner/model", { input: {} })) as Blob[] & { blob(): Promise<Blob> }[];
    for (const file of files) await file.blob();
    expect(tokenSentTo(fetch)).toEqual({
      "https://api.replicate.com/v1/models/owner/model/predictions": true,
      "https://replicate.delivery/pbxt/out.png": false,
      [`${EVIL}/out.png`]: false,
      "https://api.replicate.com/v1/files/f1/download": true,
    });
  });

  it("sends no Authorization header at all without a token", async () => {
    const fetch = fetchDouble(json(200, {}));
    await new Replicate({ auth: "", fetch }).request("/account").catch(() => {});
    const replicate = new Replicate({ fetch });
    replicate.auth = undefined;
    await replicate.request("/account");
    expect(fetch.calls.map((call) => call.headers.has("authorization"))).toEqual([false, false]);
  });
});

describe("the token never appears in an error", () => {
  const echo = `{"detail":"bad token ${TOKEN}","title":"Unauthorized ${TOKEN}","echo":"Bearer ${TOKEN}"}`;

  it("redacts an ApiError's message, title and detail when the server echoes the token", async () => {
    const fetch = fetchDouble(text(401, echo));
    const error = (await new Replicate({ auth: TOKEN, fetch }).accounts.current().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain("bad token [redacted]");
    expect(error.detail).toBe("bad token [redacted]");
    expect(error.title).toBe("Unauthorized [redacted]");

    const old = await new Replicate14({ auth: TOKEN, fetch: fetchDouble(text(401, echo)) }).accounts.current().catch((e: unknown) => e);
    expect((old as Error).message).toContain(TOKEN);
  });

  it("redacts the Authorization header of error.request, which 1.4.0 exposes", async () => {
    const error = (await new Replicate({ auth: TOKEN, fetch: fetchDouble(text(404, "{}")) }).predictions.get("p1").catch((e: unknown) => e)) as ApiError;
    expect(error.request.headers.get("authorization")).toBe("Bearer [redacted]");
    expect(error.request.url).toBe("https://api.replicate.com/v1/predictions/p1");
    expect(error.request.method).toBe("GET");

    const old = await new Replicate14({ auth: TOKEN, fetch: fetchDouble(text(404, "{}")) }).predictions.get("p1").catch((e: unknown) => e);
    expect((old as ApiError).request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("keeps the body of a failed POST on error.request while redacting the header", async () => {
    const error = (await new Replicate({ auth: TOKEN, fetch: fetchDouble(text(422, '{"detail":"bad input"}')) })
      .predictions.create({ version: "v1", input: { prompt: "x" } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.request.headers.get("authorization")).toBe("Bearer [redacted]");
    expect(await error.request.json()).toEqual({ input: { prompt: "x" }, version: "v1" });
  });

  it("redacts ConnectionError and TimeoutError messages, even when the URL or the platform's error carries it", async () => {
    const leaky = new TypeError(`fetch failed for Bearer ${TOKEN}`);
    const connection = await new Replicate({ auth: TOKEN, fetch: fetchDouble(leaky), maxRetries: 0 })
      .request("/account")
      .catch((e: unknown) => e);
    expect(connection).toBeInstanceOf(ConnectionError);
    expect((connection as Error).message).not.toContain(TOKEN);

    const timeout = await new Replicate({ auth: TOKEN, fetch: fetchDouble(hang()), timeout: 5, maxRetries: 0 })
      .request("/account", { params: { token: TOKEN } })
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect((timeout as Error).message).toContain("token=[redacted]");
    expect((timeout as Error).message).not.toContain(TOKEN);
  });

  it("redacts an InvalidResponseError quoting a 2xx body that echoes the token", async () => {
    const fetch = fetchDouble(text(200, `<html>Hello Bearer ${TOKEN}</html>`));
    const error = await new Replicate({ auth: TOKEN, fetch }).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("Hello Bearer [redacted]");
  });
});

describe("redirects (real servers on 127.0.0.1)", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen(handler: (headers: IncomingHttpHeaders, path: string) => { status: number; location?: string }) {
    const server = createServer((req, res) => {
      const { status, location } = handler(req.headers, req.url ?? "");
      res.writeHead(status, { "Content-Type": "application/json", ...(location && { Location: location }) });
      res.end("{}");
    });
    servers.push(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("drops the token when the platform's fetch follows a redirect to another origin", async () => {
    const seen: (string | undefined)[] = [];
    const other = await listen((headers) => (seen.push(headers.authorization), { status: 200 }));
    const api = await listen((_, path) => (path.endsWith("/file") ? { status: 302, location: `${other}/file` } : { status: 200 }));
    await new Replicate({ auth: TOKEN, baseUrl: `${api}/v1` }).request("/file");
    expect(seen).toEqual([undefined]);
  });
});
