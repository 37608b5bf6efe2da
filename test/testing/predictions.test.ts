import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { preferredWait } from "../../src/testing/routes/predictions";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("predictions over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  beforeEach(async () => {
    fake = createFakeReplicate();
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("creates by model and answers at once with starting, then runs in the background", async () => {
    fake.model("acme/echo", (input) => `echo ${input.text}`);
    const created = await send(api, "POST", "/models/acme/echo/predictions", { json: { input: { text: "hi" } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "starting", model: "acme/echo", input: { text: "hi" }, output: null, logs: "" });
    expect(created.body.started_at).toBeUndefined();
    expect(created.body.urls.get).toBe(`${api.base}/predictions/${created.body.id}`);
    expect(created.body.urls.cancel).toBe(`${api.base}/predictions/${created.body.id}/cancel`);
    expect(created.body.urls.stream).toBe(`${api.base}/streams/${created.body.id}`);
    await fake.settle();
    const done = await send(api, "GET", `/predictions/${created.body.id}`);
    expect(done.body).toMatchObject({ status: "succeeded", output: "echo hi", error: null });
    for (const field of ["created_at", "started_at", "completed_at"]) {
      expect(new Date(done.body[field]).toISOString()).toBe(done.body[field]);
    }
    expect(done.body.metrics.predict_time).toBeGreaterThanOrEqual(0);
  });

  it("creates by version id, by owner/name:version and by owner/name", async () => {
    const first = fake.model("acme/echo", () => 1, { version: "a".repeat(64) });
    const second = fake.model("acme/echo", () => 2);
    expect(second.version).toMatch(/^[0-9a-f]{64}$/);
    for (const [version, output] of [[first.version, 1], [second.ref, 2], ["acme/echo", 2], [first.ref, 1]] as const) {
      const reply = await send(api, "POST", "/predictions", { json: { version, input: {} }, headers: { prefer: "wait" } });
      expect(reply.status).toBe(201);
      expect(reply.body.output).toBe(output);
    }
  });

  it("holds a Prefer: wait create until the prediction ends", async () => {
    fake.model("acme/slow", async (_input, context) => {
      await context.sleep(30);
      return "late";
    });
    const reply = await send(api, "POST", "/models/acme/slow/predictions", { json: { input: {} }, headers: { prefer: "wait" } });
    expect(reply.body).toMatchObject({ status: "succeeded", output: "late" });
  });

  it("answers Prefer: wait=N with the current state once N seconds pass", async () => {
    fake.model("acme/forever", (_input, context) => new Promise((resolve) => context.signal.addEventListener("abort", resolve)));
    const started = Date.now();
    const reply = await send(api, "POST", "/models/acme/forever/predictions", { json: { input: {} }, headers: { prefer: "wait=1" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(reply.body.status).toBe("processing");
    await send(api, "POST", `/predictions/${reply.body.id}/cancel`);
  });

  it("cancels: status canceled, the handler's signal aborted, completed_at set", async () => {
    let signal: AbortSignal | undefined;
    fake.model("acme/forever", (_input, context) => {
      signal = context.signal;
      return new Promise(() => {});
    });
    const created = await send(api, "POST", "/models/acme/forever/predictions", { json: { input: {} } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signal?.aborted).toBe(false);
    const canceled = await send(api, "POST", `/predictions/${created.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect(canceled.body.completed_at).toBeDefined();
    expect(signal?.aborted).toBe(true);
  });

  it("fails with the message given to context.fail, or the error a handler throws", async () => {
    fake.model("acme/fails", (input, context) => {
      if (input.how === "fail") context.fail("out of memory");
      throw new Error("boom");
    });
    const failed = await send(api, "POST", "/models/acme/fails/predictions", { json: { input: { how: "fail" } }, headers: { prefer: "wait" } });
    expect(failed.body).toMatchObject({ status: "failed", error: "out of memory" });
    const thrown = await send(api, "POST", "/models/acme/fails/predictions", { json: { input: { how: "throw" } }, headers: { prefer: "wait" } });
    expect(thrown.body).toMatchObject({ status: "failed", error: "boom" });
  });

  it("writes logs and tqdm progress lines", async () => {
    fake.model("acme/logs", (_input, context) => {
      context.log("loading weights");
      context.progress(4, 10);
      return null;
    });
    const reply = await send(api, "POST", "/models/acme/logs/predictions", { json: { input: {} }, headers: { prefer: "wait" } });
    const [first, second] = reply.body.logs.split("\n");
    expect(first).toBe("loading weights");
    expect(second).toMatch(/^ 40%\|████      \| 4\/10 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+it\/s\]$/);
  });

  it("turns Blob and Uint8Array outputs into downloadable URLs under the delivery base", async () => {
    fake.model("acme/image", () => ({ image: new Blob(["PNG!"], { type: "image/png" }), raw: new Uint8Array([1, 2, 3]) }));
    const reply = await send(api, "POST", "/models/acme/image/predictions", { json: { input: {} }, headers: { prefer: "wait" } });
    const { image, raw } = reply.body.output;
    expect(image).toMatch(transport.name === "listen()" ? /^http:\/\/127\.0\.0\.1:\d+\/delivery\/\w+\/output\.png$/ : /^https:\/\/replicate\.delivery\/\w+\/output\.png$/);
    const png = await api.fetch(image);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(await png.text()).toBe("PNG!");
    const bytes = await api.fetch(raw);
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("passes data: URIs and file URLs to the handler as the strings given", async () => {
    let seen: unknown;
    fake.model("acme/echo", (input) => (seen = input));
    const input = { image: "data:image/png;base64,UE5HIQ==", file: `${api.base}/files/abc/download` };
    await send(api, "POST", "/models/acme/echo/predictions", { json: { input }, headers: { prefer: "wait" } });
    expect(seen).toEqual(input);
  });

  it("lists newest first with absolute cursor links both ways", async () => {
    fake = createFakeReplicate({ pageSize: 2 });
    await api.close();
    api = await transport.open(fake);
    fake.model("acme/echo", (input) => input.n);
    for (let n = 0; n < 5; n++) await send(api, "POST", "/models/acme/echo/predictions", { json: { input: { n } } });
    const seen: number[] = [];
    let url: string | null = `${api.base}/predictions`;
    const pages: any[] = [];
    while (url) {
      const page: any = (await send(api, "GET", url)).body;
      pages.push(page);
      seen.push(...page.results.map((p: any) => p.input.n));
      url = page.next;
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    expect(pages.map((page) => page.results.length)).toEqual([2, 2, 1]);
    expect(pages[0].previous).toBeNull();
    expect(pages[1].next.startsWith(`${api.base}/predictions?cursor=`)).toBe(true);
    const back = await send(api, "GET", pages[2].previous);
    expect(back.body.results.map((p: any) => p.input.n)).toEqual([2, 1]);
    expect((await send(api, "GET", "/predictions?cursor=nonsense")).status).toBe(400);
  });

  it("answers unregistered models with 404 and bad bodies with 400/422, in the API's error shape", async () => {
    fake.model("acme/echo", () => null);
    const missing = await send(api, "POST", "/models/acme/nope/predictions", { json: { input: {} } });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: "Not Found", detail: expect.stringContaining("acme/nope") });
    const badVersion = await send(api, "POST", "/predictions", { json: { version: "f".repeat(64), input: {} } });
    expect(badVersion.body).toMatchObject({ status: 422, title: "Invalid version or not permitted" });
    const noVersion = await send(api, "POST", "/predictions", { json: { input: {} } });
    expect(noVersion.body).toMatchObject({ status: 422, detail: "version is required." });
    const noInput = await send(api, "POST", "/models/acme/echo/predictions", { json: {} });
    expect(noInput.body).toMatchObject({ status: 422, detail: expect.stringContaining("input") });
    const badJson = await send(api, "POST", "/models/acme/echo/predictions", { body: "{input", headers: { "content-type": "application/json" } });
    expect(badJson.body).toMatchObject({ status: 400, detail: "The request body is not valid JSON." });
    const badWebhook = await send(api, "POST", "/models/acme/echo/predictions", { json: { input: {}, webhook: "not a url" } });
    expect(badWebhook.status).toBe(422);
    expect(fake.predictions).toHaveLength(0);
  });

  it("decodes percent-encoded path segments, so an encoded slash stays inside its segment", async () => {
    fake.model("acme/echo", () => null);
    const created = await send(api, "POST", "/models/acme/echo/predictions", { json: { input: {} } });
    expect((await send(api, "GET", `/predictions/${encodeURIComponent(created.body.id)}`)).status).toBe(200);
    const escaped = await send(api, "GET", `/predictions/${encodeURIComponent("../account")}`);
    expect(escaped.status).toBe(404);
  });
});

describe("prediction records", () => {
  it("shows predictions oldest first, stamped by the injected clock and ids from the seed", async () => {
    const at = new Date("2024-01-02T03:04:05.000Z");
    const make = () => createFakeReplicate({ now: () => at, seed: 7 });
    const [one, two] = [make(), make()];
    for (const fake of [one, two]) {
      fake.model("acme/echo", (input) => input.n);
      for (const n of [1, 2]) {
        await fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body: JSON.stringify({ input: { n } }) });
      }
      await fake.settle();
    }
    expect(one.predictions.map((p) => p.output)).toEqual([1, 2]);
    expect(one.predictions.map((p) => p.id)).toEqual(two.predictions.map((p) => p.id));
    expect(one.predictions[0]).toMatchObject({ created_at: at.toISOString(), completed_at: at.toISOString(), metrics: { predict_time: 0 } });
  });

  it("keeps a prediction starting for the configured latency", async () => {
    const fake = createFakeReplicate({ latency: 50 });
    fake.model("acme/echo", () => "ok");
    await fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body: JSON.stringify({ input: {} }) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.predictions[0]?.status).toBe("starting");
    await fake.settle();
    expect(fake.predictions[0]?.status).toBe("succeeded");
  });

  it("reads Prefer wait and wait=N, capped at maxWait", () => {
    expect(preferredWait(null, 60)).toBe(0);
    expect(preferredWait("wait", 60)).toBe(60);
    expect(preferredWait("wait=5", 60)).toBe(5);
    expect(preferredWait("respond-async, wait=90", 60)).toBe(60);
    expect(preferredWait("waiting", 60)).toBe(0);
  });
});
