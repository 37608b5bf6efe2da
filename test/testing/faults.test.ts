import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("faults over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  beforeEach(async () => {
    fake = createFakeReplicate();
    fake.model("acme/echo", () => "ok");
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("answers 429 with Retry-After and the API's error body, once, without handling the request", async () => {
    fake.faults.next({ status: 429, retryAfter: 2 });
    const throttled = await send(api, "POST", "/models/acme/echo/predictions", { json: { input: {} } });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("2");
    expect(throttled.body).toMatchObject({ status: 429, title: "Too Many Requests" });
    expect(fake.predictions).toHaveLength(0);
    expect((await send(api, "POST", "/models/acme/echo/predictions", { json: { input: {} } })).status).toBe(201);
    expect(fake.faults.pending).toBe(0);
  });

  it("consumes a fault only on requests matching its method and path, n times", async () => {
    fake.faults.next(2, { method: "GET", path: "/predictions/:id", status: 503 });
    const created = await send(api, "POST", "/models/acme/echo/predictions", { json: { input: {} } });
    expect(created.status).toBe(201);
    expect((await send(api, "GET", "/account")).status).toBe(200);
    expect((await send(api, "GET", `/predictions/${created.body.id}`)).status).toBe(503);
    expect((await send(api, "GET", `/predictions/${created.body.id}`)).status).toBe(503);
    expect((await send(api, "GET", `/predictions/${created.body.id}`)).status).toBe(200);
  });

  it("keeps an always fault until clear(), and matches RegExp paths", async () => {
    fake.faults.always({ path: /^\/acc/, status: 500, detail: "down" });
    expect(fake.faults.pending).toBe(Infinity);
    expect((await send(api, "GET", "/account")).body).toMatchObject({ status: 500, detail: "down" });
    expect((await send(api, "GET", "/account")).status).toBe(500);
    fake.faults.clear();
    expect((await send(api, "GET", "/account")).status).toBe(200);
  });

  it("delays by latency, then answers normally", async () => {
    fake.faults.next({ latency: 120 });
    const started = Date.now();
    expect((await send(api, "GET", "/account")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("drops the connection like a network failure, before or after handling the request", async () => {
    fake.faults.next({ drop: true }).next({ drop: "after" });
    const attempt = () => api.fetch(`${api.base}/models/acme/echo/predictions`, { method: "POST", body: JSON.stringify({ input: {} }) });
    const before = await attempt().catch((error: unknown) => error);
    expect(before).toBeInstanceOf(TypeError);
    expect((before as Error).message).toBe("fetch failed");
    expect(fake.predictions).toHaveLength(0);
    expect(await attempt().catch((error: unknown) => error)).toBeInstanceOf(TypeError);
    expect(fake.predictions).toHaveLength(1);
  });

  it("cuts the body in half for malformed", async () => {
    fake.faults.next({ malformed: true });
    const reply = await send(api, "GET", "/account");
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(reply.text)).toThrow(SyntaxError);
  });

  it("ends an SSE stream abruptly after n events, with no done", async () => {
    fake.model("acme/llm", async function* () {
      yield* ["a", "b", "c"];
    });
    const created = await send(api, "POST", "/models/acme/llm/predictions", { json: { input: {} } });
    fake.faults.next({ path: "/streams/:id", cutStreamAfter: 2 });
    const response = await api.fetch(created.body.urls.stream);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += value;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(text).toContain("data: b");
    expect(text).not.toContain("data: c");
    expect(text).not.toContain("event: done");
  });
});
