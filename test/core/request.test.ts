import { getEventListeners } from "node:events";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, send } from "../../src/core/request";
import { buildUrl } from "../../src/core/url";
import Replicate, {
  AbortError,
  ApiError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  TimeoutError,
} from "../../src/index";
import { delayed, fetchDouble, hang, json, networkError, stalledBody, text } from "../reliability/support/fetch-double";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const TOKEN = "r8_0123456789abcdefghijklmnopqrstuvwxyzAB";
const prediction = { id: "p1", status: "starting", urls: {} };
const ok = json(200, prediction);

function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("buildUrl", () => {
  it("resolves a route below baseUrl with or without slashes on either side", () => {
    for (const base of ["https://api.replicate.com/v1", "https://api.replicate.com/v1/"]) {
      for (const route of ["/predictions/p1", "predictions/p1"]) {
        expect(buildUrl(route, base)).toBe("https://api.replicate.com/v1/predictions/p1");
      }
    }
    expect(buildUrl("/models", "https://proxy.example/replicate/v1")).toBe("https://proxy.example/replicate/v1/models");
  });

  it("appends defined params and skips undefined ones", () => {
    expect(buildUrl("/predictions", "https://api.replicate.com/v1", { cursor: "a b", limit: 5, skip: undefined })).toBe(
      "https://api.replicate.com/v1/predictions?cursor=a+b&limit=5",
    );
  });

  it("uses a URL route as given and never appends params to the caller's object", () => {
    const next = new URL("https://api.replicate.com/v1/predictions?cursor=2");
    expect(buildUrl(next, "https://proxy.example/v1")).toBe(next.href);
    const withParams = buildUrl(next, "https://proxy.example/v1", { limit: 1 });
    expect(withParams).toBe("https://api.replicate.com/v1/predictions?cursor=2&limit=1");
    expect(next.href).toBe("https://api.replicate.com/v1/predictions?cursor=2");
  });

  it("follows an absolute string route, as 1.4.0's request(page.next) does", () => {
    expect(buildUrl("https://api.replicate.com/v1/models?cursor=3", "https://proxy.example/v1")).toBe(
      "https://api.replicate.com/v1/models?cursor=3",
    );
  });

  it("resolves routes that are not plain paths the way URL does", () => {
    const base = "https://api.replicate.com/v1/";
    const routes = ["//evil.example/x", "///evil.example/x", "\\\\evil.example/x", "a:b", "A\t:b", " predictions", "?q=1", "#f"];
    // Node 20's parser keeps the "." in new URL("https://x/v1/.a/."); resolution drops it.
    routes.push("a/.b/.", "a/.b/./c", "a/%2e/b", "a/\t./b", ".a/.", "%2e%2e/account");
    for (const route of routes) {
      const relative = route.startsWith("/") ? route.slice(1) : route;
      expect(buildUrl(route, base), route).toBe(new URL(relative, base).href);
    }
    expect(buildUrl("predictions", "https://proxy.example/v1/?key=k")).toBe("https://proxy.example/v1/predictions");
  });
});

describe("the request on the wire", () => {
  it("sends JSON with Content-Type, User-Agent and the token, and calls fetch unbound", async () => {
    const fetch = fetchDouble(json(201, prediction));
    const replicate = new Replicate({ auth: TOKEN, userAgent: "agent/1", fetch });
    await replicate.request("/predictions", { method: "post", data: { input: { prompt: "é" } } });
    const [call] = fetch.calls;
    expect(call!.method).toBe("POST");
    expect(Object.fromEntries(call!.headers)).toEqual({
      "content-type": "application/json",
      "user-agent": "agent/1",
      authorization: `Bearer ${TOKEN}`,
    });
    expect(call!.body).toBe('{"input":{"prompt":"é"}}');
    expect(call!.self).toBeUndefined();
  });

  it("passes fetch the init shape 1.4.0 passes (URL object, method, headers, body, signal)", async () => {
    let seen: [unknown, RequestInit] | undefined;
    const replicate = new Replicate({
      auth: TOKEN,
      fetch: async (input, init) => {
        seen = [input, init!];
        return new Response("{}");
      },
    });
    await replicate.request("/account");
    expect(seen![0]).toBeInstanceOf(URL);
    expect(Object.keys(seen![1]).sort()).toEqual(["body", "headers", "method", "signal"]);
  });

  it("hands the platform's fetch the href (a URL would be parsed again), and a caller's fetch a URL", async () => {
    const inputs: unknown[] = [];
    vi.stubGlobal("fetch", async (input: unknown) => (inputs.push(input), new Response("{}")));
    try {
      await new Replicate({ auth: TOKEN }).request("/account");
      await new Replicate({ auth: TOKEN, fetch: async (input) => (inputs.push(input), new Response("{}")) }).request("/account");
    } finally {
      vi.unstubAllGlobals();
    }
    expect(inputs[0]).toBe("https://api.replicate.com/v1/account");
    expect(inputs[1]).toBeInstanceOf(URL);
    expect(String(inputs[1])).toBe("https://api.replicate.com/v1/account");
  });

  it("lets a caller's header replace a default whatever its case, leaving one header", async () => {
    const fetch = fetchDouble(ok);
    const replicate = new Replicate({ auth: TOKEN, fetch });
    await replicate.request("/models", { method: "QUERY", headers: { "content-type": "text/plain", prefer: "wait" }, data: "flux" });
    await replicate.request("/models", { headers: new Headers({ "X-Trace": "1", "CONTENT-TYPE": "text/csv" }) });
    const [search, csv] = fetch.calls;
    expect(search!.headers.get("content-type")).toBe("text/plain");
    expect(search!.headers.get("prefer")).toBe("wait");
    expect(search!.body).toBe("flux"); // a text/plain string goes as-is, not JSON-quoted
    expect(csv!.headers.get("content-type")).toBe("text/csv");
    expect(csv!.headers.get("x-trace")).toBe("1");
  });

  it("leaves the Content-Type of FormData and Blob bodies to the platform", async () => {
    const fetch = fetchDouble(ok);
    const replicate = new Replicate({ auth: TOKEN, fetch });
    const form = new FormData();
    form.append("content", new Blob(["hi"]), "hi.txt");
    await replicate.request("/files", { method: "POST", data: form });
    await replicate.request("/files", { method: "POST", data: new Blob(["x"], { type: "text/plain" }) });
    expect(fetch.calls.map((call) => call.headers.has("content-type"))).toEqual([false, false]);
    expect(fetch.calls[0]!.body).toBe(form);
  });

  it("sends a stream body with duplex: half, once, never retrying it", async () => {
    const inits: RequestInit[] = [];
    const replicate = new Replicate({
      auth: TOKEN,
      fetch: async (_input, init) => {
        inits.push(init!);
        return new Response("busy", { status: 503 });
      },
    });
    const body = new ReadableStream({ start: (controller) => controller.close() });
    await expect(replicate.request("/upload", { method: "QUERY", data: body })).rejects.toBeInstanceOf(InternalServerError);
    expect(inits).toHaveLength(1);
    expect((inits[0] as { duplex?: string }).duplex).toBe("half");
  });

  it("resolves request() with the response unread", async () => {
    const fetch = fetchDouble(ok);
    const response = await new Replicate({ auth: TOKEN, fetch }).request("/predictions/p1");
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(prediction);
  });
});

describe("timeouts (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("defaults to 120 s per attempt: twice the longest Prefer: wait the API holds a request", async () => {
    expect(DEFAULT_TIMEOUT).toBe(120_000);
    expect(DEFAULT_MAX_RETRIES).toBe(5);
    expect(new Replicate().timeout).toBe(120_000);
    const fetch = fetchDouble(hang());
    const result = settle(new Replicate({ auth: TOKEN, fetch }).predictions.get("p1", { maxRetries: 0 }));
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(119_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).error).toBeInstanceOf(TimeoutError);
  });

  it("lets a Prefer: wait create run past 60 s under the default", async () => {
    const fetch = fetchDouble(delayed(61_000, json(201, { ...prediction, status: "succeeded" })));
    const result = settle(new Replicate({ auth: TOKEN, fetch }).predictions.create({ version: "v1", input: {}, wait: true }));
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await result).value).toMatchObject({ status: "succeeded" });
    expect(fetch.calls[0]!.headers.get("prefer")).toBe("wait");
  });

  it("times out each attempt of a GET and retries it, then raises a TimeoutError with a cause", async () => {
    const fetch = fetchDouble(hang());
    const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 1000, maxRetries: 2 }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as TimeoutError).name).toBe("TimeoutError");
    expect((error as TimeoutError).message).toBe("Request to https://api.replicate.com/v1/predictions/p1 timed out after 1000 ms");
    expect((error as TimeoutError).cause).toMatchObject({ name: "TimeoutError" });
    // each attempt gets its own 1000 ms, then the back-off: 1000 + 500, 1000 + 1000
    expect(fetch.waits()).toEqual([1500, 2000]);
  });

  it("aborts a retry that times out, so a stalling server is not left holding it", async () => {
    const fetch = fetchDouble(hang());
    const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 1000, maxRetries: 1 }).predictions.get("p1"));
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(TimeoutError);
    expect(fetch.calls[1]!.signal?.aborted).toBe(true);
    expect((fetch.calls[1]!.signal?.reason as DOMException).name).toBe("TimeoutError");
  });

  it("lets go of a timed-out first attempt, cancelling its body if it answers later", async () => {
    let cancelled = false;
    const late = () =>
      new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { status: 200 });
    const fetch = fetchDouble(delayed(5000, late));
    const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 1000, maxRetries: 0 }).predictions.get("p1"));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await result).error).toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(4000);
    expect(cancelled).toBe(true);
  });

  it("takes a per-call timeout over the client's, shorter or longer", async () => {
    const fetch = fetchDouble(hang());
    const replicate = new Replicate({ auth: TOKEN, fetch, timeout: 1000 });
    const short = settle(replicate.predictions.get("p1", { timeout: 50, maxRetries: 0 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(((await short).error as Error).message).toContain("timed out after 50 ms");

    const slow = fetchDouble(delayed(3000, json(201, prediction)));
    const create = settle(new Replicate({ auth: TOKEN, fetch: slow, timeout: 1000 }).predictions.create({ version: "v1", input: {}, timeout: 5000 }));
    await vi.advanceTimersByTimeAsync(3000);
    expect((await create).value).toEqual(prediction);
  });

  it("treats timeout 0 as no limit", async () => {
    const fetch = fetchDouble(delayed(600_000, ok));
    const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 0 }).predictions.get("p1"));
    await vi.advanceTimersByTimeAsync(600_000);
    expect((await result).value).toEqual(prediction);
  });

  it("bounds reading the body too, with and without a caller's signal", async () => {
    for (const signal of [undefined, new AbortController().signal]) {
      const fetch = fetchDouble(stalledBody(200, '{"id":'));
      const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 1000 }).predictions.get("p1", { maxRetries: 0, signal }));
      await vi.advanceTimersByTimeAsync(1000);
      expect((await result).error, String(signal)).toBeInstanceOf(TimeoutError);
    }
  });

  it("bounds reading an error body, which 1.4.0-style code would wait on forever", async () => {
    const fetch = fetchDouble(stalledBody(500, "upstream"));
    const result = settle(new Replicate({ auth: TOKEN, fetch, timeout: 1000 }).predictions.get("p1", { maxRetries: 0 }));
    await vi.advanceTimersByTimeAsync(1000);
    const { error } = await result;
    expect(error).toBeInstanceOf(InternalServerError); // the status is known even if the body never came
    expect((error as ApiError).status).toBe(500);
  });

  it("1.4.0 has no timeout: a stalled request never settles", async () => {
    const fetch = fetchDouble(hang());
    let settled = false;
    void new Replicate14({ auth: TOKEN, fetch }).predictions.get("p1").finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(settled).toBe(false);
  });
});

describe("aborting", () => {
  it("rejects with AbortError carrying the reason when the signal fires mid-request, and sends nothing more", async () => {
    const fetch = fetchDouble(hang());
    const controller = new AbortController();
    const pending = new Replicate({ auth: TOKEN, fetch }).predictions.get("p1", { signal: controller.signal });
    await vi.waitFor(() => expect(fetch.calls).toHaveLength(1));
    controller.abort("stop");
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe("stop");
    expect(fetch.calls).toHaveLength(1);
  });

  it("interrupts a stalled error body at once", async () => {
    const fetch = fetchDouble(stalledBody(500));
    const controller = new AbortController();
    const pending = new Replicate({ auth: TOKEN, fetch }).predictions.get("p1", { signal: controller.signal });
    await vi.waitFor(() => expect(fetch.calls).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("aborts the body of an unread response when the caller's signal fires later", async () => {
    const fetch = fetchDouble(stalledBody(200, "{"));
    const controller = new AbortController();
    const response = await new Replicate({ auth: TOKEN, fetch }).request("/predictions/p1", { signal: controller.signal });
    const reading = response.text();
    controller.abort(new Error("late"));
    await expect(reading).rejects.toThrow("late");
  });

  it("leaves no listener on a long-lived signal once each call settles", async () => {
    const fetch = fetchDouble(ok);
    const replicate = new Replicate({ auth: TOKEN, fetch });
    const { signal } = new AbortController();
    for (let i = 0; i < 20; i++) await replicate.predictions.get("p1", { signal });
    await replicate.predictions.get("p1", { signal, maxRetries: 0 }).catch(() => {});
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("adds no listener of its own to the signal of a call whose response is returned unread", async () => {
    const fetch = fetchDouble(ok);
    const replicate = new Replicate({ auth: TOKEN, fetch });
    const { signal } = new AbortController();
    for (let i = 0; i < 20; i++) await replicate.request("/predictions/p1", { signal });
    expect(fetch.calls.every((call) => call.signal === signal)).toBe(true);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

describe("failures that are not HTTP statuses", () => {
  it("raises InvalidResponseError with the status and the first bytes for a non-JSON 2xx, without retrying", async () => {
    const page = `<html><body>${"Bad gateway at the proxy. ".repeat(20)}</body></html>`;
    const fetch = fetchDouble(text(200, page, { "Content-Type": "text/html" }));
    const error = await new Replicate({ auth: TOKEN, fetch }).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as Error).message).toContain("(status 200)");
    expect((error as Error).message).toContain("<html><body>Bad gateway at the proxy.");
    expect((error as Error).message.length).toBeLessThan(400);
    expect(fetch.calls).toHaveLength(1);
  });

  it("1.4.0 gives a bare SyntaxError for the same body, naming neither status nor URL", async () => {
    const fetch = fetchDouble(text(200, "<html>oops</html>"));
    const error = await new Replicate14({ auth: TOKEN, fetch }).predictions.get("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).not.toContain("200");
  });

  it("retries a GET whose body was cut mid-way, and raises a ConnectionError for a POST", async () => {
    const cut = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":'));
            controller.error(new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }));
          },
        }),
      );
    const get = fetchDouble(cut, ok);
    vi.spyOn(Math, "random").mockReturnValue(0.999_999); // shortest back-off: 375 ms
    expect(await new Replicate({ auth: TOKEN, fetch: get }).predictions.get("p1")).toEqual(prediction);
    expect(get.calls).toHaveLength(2);

    const post = fetchDouble(cut, ok);
    const error = await new Replicate({ auth: TOKEN, fetch: post }).predictions.create({ version: "v1", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("terminated (other side closed)");
    expect(post.calls).toHaveLength(1);
  });

  it("names the platform's reason in a ConnectionError, not just \"fetch failed\"", async () => {
    const fetch = fetchDouble(networkError("ENOTFOUND", "getaddrinfo ENOTFOUND api.replicate.com"));
    const error = await new Replicate({ auth: TOKEN, fetch, maxRetries: 0 }).predictions.get("p1").catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Request to https://api.replicate.com/v1/predictions/p1 failed: fetch failed (getaddrinfo ENOTFOUND api.replicate.com)",
    );
  });
});

describe("send", () => {
  it("works with any ClientConfig, defaulting timeout and maxRetries", async () => {
    const fetch = fetchDouble(text(503, ""), ok);
    vi.spyOn(Math, "random").mockReturnValue(0.999_999);
    const response = await send({ baseUrl: "https://api.replicate.com/v1", fetch }, "/account", {});
    expect(response.status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
    expect(fetch.calls[0]!.headers.has("authorization")).toBe(false);
  });

  it("hands consume the request URL, which a custom fetch's Response lacks", async () => {
    const fetch = fetchDouble(ok);
    const seen = await send({ baseUrl: "https://api.replicate.com/v1", fetch }, "/predictions/p1", {}, async (response, url) => [response.url, url]);
    expect(seen).toEqual(["", "https://api.replicate.com/v1/predictions/p1"]);
  });
});
