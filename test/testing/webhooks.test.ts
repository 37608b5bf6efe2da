import { afterEach, describe, expect, it, vi } from "vitest";
import { validateWebhook } from "../../src/validate-webhook";
import { createFakeReplicate, signWebhook } from "../../src/testing/index";

const create = (fake: ReturnType<typeof createFakeReplicate>, body: object) =>
  fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body: JSON.stringify(body) });

describe("webhook signatures", () => {
  it("reproduces Svix's known-answer vector", async () => {
    const signature = await signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("webhook delivery", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("delivers start, output, logs and completed, in order, signed so validateWebhook accepts them", async () => {
    const received: Request[] = [];
    const fake = createFakeReplicate({ onWebhook: (request) => void received.push(request) });
    fake.model("acme/echo", (input, context) => {
      context.log("working");
      return input.text;
    });
    await create(fake, { input: { text: "hi" }, webhook: "https://example.com/hook" });
    await fake.settle();
    expect(fake.webhookDeliveries.map((d) => d.event)).toEqual(["start", "logs", "output", "completed"]);
    const bodies = await Promise.all(received.map((request) => request.clone().json()));
    expect(bodies.map((p) => p.status)).toEqual(["starting", "processing", "processing", "succeeded"]);
    expect(bodies[3]).toMatchObject({ output: "hi", webhook: "https://example.com/hook", webhook_events_filter: ["start", "output", "logs", "completed"] });
    for (const request of received) {
      expect(request.url).toBe("https://example.com/hook");
      expect(request.headers.get("webhook-id")).toMatch(/^msg_\w+$/);
      expect(await validateWebhook(request.clone(), fake.webhookSecret)).toBe(true);
      expect(await validateWebhook(request.clone(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
    }
  });

  it("sends only the events in webhook_events_filter", async () => {
    const fake = createFakeReplicate({ onWebhook: () => undefined });
    fake.model("acme/echo", (_input, context) => context.log("x"));
    await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["completed"] });
    await fake.settle();
    expect(fake.webhookDeliveries.map((d) => d.event)).toEqual(["completed"]);
    const bad = await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["finished"] });
    expect(bad.status).toBe(422);
  });

  it("sends the completed event of a canceled prediction", async () => {
    const fake = createFakeReplicate({ onWebhook: () => undefined });
    fake.model("acme/echo", (_input, context) => context.sleep(60_000));
    const created = await (await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["completed"] })).json();
    await fake.fetch(created.urls.cancel, { method: "POST" });
    await fake.settle();
    expect(fake.webhookDeliveries).toHaveLength(1);
    expect(JSON.parse(fake.webhookDeliveries[0]?.body ?? "")).toMatchObject({ status: "canceled" });
  });

  it("POSTs through webhookFetch, recording the receiver's status", async () => {
    const webhookFetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status: 204 }));
    const fake = createFakeReplicate({ webhookFetch });
    fake.model("acme/echo", () => "ok");
    await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["completed"] });
    await fake.settle();
    expect(webhookFetch).toHaveBeenCalledTimes(1);
    const [url, init] = webhookFetch.mock.calls[0]!;
    expect(url).toBe("https://example.com/hook");
    const headers = init?.headers as Record<string, string>;
    const body = init?.body as string;
    const fields = { id: headers["webhook-id"]!, timestamp: headers["webhook-timestamp"]!, signature: headers["webhook-signature"]!, body, secret: fake.webhookSecret };
    expect(await validateWebhook(fields)).toBe(true);
    expect(fake.webhookDeliveries[0]?.status).toBe(204);
  });

  it("uses globalThis.fetch by default, looked up at delivery time, and records failures without throwing", async () => {
    const fake = createFakeReplicate();
    const stub = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    vi.stubGlobal("fetch", stub);
    fake.model("acme/echo", () => "ok");
    await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["completed"] });
    await fake.settle();
    expect(stub).toHaveBeenCalledTimes(1);
    expect(fake.webhookDeliveries[0]?.error).toBe("fetch failed");
  });

  it("stamps webhook-timestamp from the injected clock and uses the configured secret", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const received: Request[] = [];
    const fake = createFakeReplicate({ now: () => 1614265330_000, webhookSecret: secret, onWebhook: (r) => void received.push(r) });
    fake.model("acme/echo", () => "ok");
    const secretReply = await fake.fetch(`${fake.baseUrl}/webhooks/default/secret`);
    expect(await secretReply.json()).toEqual({ key: secret });
    await create(fake, { input: {}, webhook: "https://example.com/hook", webhook_events_filter: ["completed"] });
    await fake.settle();
    expect(received[0]?.headers.get("webhook-timestamp")).toBe("1614265330");
    expect(await validateWebhook(received[0]!, secret)).toBe(true);
  });
});
