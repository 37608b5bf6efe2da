import { beforeEach, describe, expect, it } from "vitest";
import Replicate, { PredictionError, StreamError, parseProgressFromLogs, validateWebhook } from "../../src/index";
import type { Prediction } from "../../src/index";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

/** Drives every client method through the fake, as a user's test suite would. */
describe("the client against the fake", () => {
  let fake: FakeReplicate;
  let replicate: Replicate;
  let received: Request[];

  beforeEach(() => {
    received = [];
    fake = createFakeReplicate({ token: "r8_test", pageSize: 2, onWebhook: (request) => void received.push(request) });
    fake.model("acme/painter", async (input, context) => {
      for (let step = 1; step <= 5; step++) {
        await context.sleep(15);
        context.progress(step, 5);
      }
      return new Blob([PNG], { type: "image/png" });
    });
    fake.model("acme/llm", async function* (input, context) {
      for (const token of String(input.prompt).split(/(?= )/)) {
        await context.sleep(2);
        yield token;
      }
    });
    fake.model("acme/fails", (_input, context) => context.fail("NSFW content detected"));
    replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch });
  });

  describe("run()", () => {
    it("blocks, then returns file outputs as FileOutput that download through the fake", async () => {
      const updates: Prediction[] = [];
      const output = await replicate.run("acme/painter", { input: { prompt: "a cat" } }, (p) => updates.push(p));
      expect(String(output)).toMatch(/^https:\/\/replicate\.delivery\/\w+\/output\.png$/);
      const blob = await output.blob();
      expect(blob.type).toBe("image/png");
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG);
      expect(updates.at(-1)?.status).toBe("succeeded");
      expect(fake.requests[0]?.headers.prefer).toBe("wait");
    });

    it("polls, calling progress with each update, whose logs carry tqdm progress", async () => {
      const seen: number[] = [];
      await replicate.run("acme/painter", { input: {}, wait: { mode: "poll", interval: 10 } }, (prediction) => {
        const progress = parseProgressFromLogs(prediction);
        if (progress) seen.push(progress.percentage);
      });
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(1);
      expect(fake.requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(2);
    });

    it("runs owner/name:version and returns plain URLs with useFileOutput: false", async () => {
      const { ref } = fake.model("acme/echo", (input) => ({ echoed: input.text, file: new Blob(["x"]) }));
      replicate.useFileOutput = false;
      const output = await replicate.run(ref as `${string}/${string}:${string}`, { input: { text: "hi" } });
      expect(output.echoed).toBe("hi");
      expect(typeof output.file).toBe("string");
      expect(fake.requests[0]?.path).toBe("/predictions");
    });

    it("throws PredictionError with the handler's failure", async () => {
      const error = await replicate.run("acme/fails", { input: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PredictionError);
      expect((error as Error).message).toBe("Prediction failed: NSFW content detected");
    });

    it("uploads a Blob input, which the handler receives as a file URL it can download", async () => {
      let seen: unknown;
      fake.model("acme/upscale", async (input) => {
        seen = input.image;
        return new Uint8Array(await (await fake.fetch(input.image)).arrayBuffer()).length;
      });
      const output = await replicate.run("acme/upscale", { input: { image: new Blob([PNG], { type: "image/png" }) } });
      expect(seen).toMatch(/^https:\/\/api\.replicate\.com\/v1\/files\/\w+\/download$/);
      expect(output).toBe(PNG.length);
      expect(fake.files).toHaveLength(1);
    });

    it("cancels the prediction when its signal aborts while polling", async () => {
      const controller = new AbortController();
      let handlerSignal: AbortSignal | undefined;
      fake.model("acme/forever", (_input, context) => {
        handlerSignal = context.signal;
        return context.sleep(60_000);
      });
      setTimeout(() => controller.abort(), 50);
      const run = replicate.run("acme/forever", { input: {}, wait: { mode: "poll", interval: 10 }, signal: controller.signal });
      await expect(run).rejects.toMatchObject({ name: "AbortError" });
      expect(fake.requests.filter((r) => r.path.endsWith("/cancel"))).toHaveLength(1);
      expect(fake.predictions[0]?.status).toBe("canceled");
      expect(handlerSignal?.aborted).toBe(true);
    });
  });

  describe("stream()", () => {
    it("yields the tokens as they are produced, then done", async () => {
      const tokens: string[] = [];
      const events: string[] = [];
      for await (const event of replicate.stream("acme/llm", { input: { prompt: "The quick brown fox" } })) {
        events.push(event.event);
        if (event.event === "output") tokens.push(String(event));
      }
      expect(tokens).toEqual(["The", " quick", " brown", " fox"]);
      expect(events.at(-1)).toBe("done");
      await fake.settle();
      expect(fake.predictions[0]?.output).toEqual(tokens);
    });

    it("raises the failure of a streamed prediction as a StreamError", async () => {
      const error = await (async () => {
        for await (const _event of replicate.stream("acme/fails", { input: {} }));
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamError);
      expect((error as Error).message).toBe("NSFW content detected");
    });
  });

  describe("predictions", () => {
    it("creates, gets, waits for, cancels and paginates", async () => {
      fake.model("acme/echo", (input) => input.n);
      const created = await replicate.predictions.create({ model: "acme/echo", input: { n: 0 } });
      expect(created.status).toBe("starting");
      const done = await replicate.wait(created, { interval: 10 });
      expect(done.output).toBe(0);
      expect((await replicate.predictions.get(created.id)).status).toBe("succeeded");
      const { version } = fake.model("acme/slow", (_input, context) => context.sleep(60_000));
      const slow = await replicate.predictions.create({ version, input: {} });
      expect((await replicate.predictions.cancel(slow.id)).status).toBe("canceled");
      for (let n = 1; n <= 3; n++) await replicate.predictions.create({ model: "acme/echo", input: { n } });
      const pages: Prediction[][] = [];
      for await (const page of replicate.paginate(replicate.predictions.list)) pages.push(page);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(new Set(pages.flat().map((p) => p.id)).size).toBe(5);
    });
  });

  describe("webhooks", () => {
    it("delivers signed webhooks that validateWebhook accepts with the secret from the API", async () => {
      const { key } = await replicate.webhooks.default.secret.get();
      expect(key).toBe(fake.webhookSecret);
      await replicate.run("acme/painter", { input: {}, webhook: "https://example.com/hooks/replicate", webhook_events_filter: ["start", "completed"] });
      await fake.settle();
      expect(received).toHaveLength(2);
      for (const request of received) expect(await validateWebhook(request.clone(), key)).toBe(true);
      const completed = await received[1]!.json();
      expect(completed.status).toBe("succeeded");
      const tampered = new Request(received[0]!.url, { method: "POST", headers: received[0]!.headers, body: '{"status":"succeeded"}' });
      expect(await validateWebhook(tampered, key)).toBe(false);
    });
  });

  describe("files", () => {
    it("creates, lists, gets and deletes", async () => {
      const file = await replicate.files.create(new Blob(["hello"], { type: "text/plain" }), { purpose: "test" });
      expect(file).toMatchObject({ size: 5, content_type: "text/plain", metadata: { purpose: "test" } });
      expect(fake.requests[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect((await replicate.files.list()).results.map((f) => f.id)).toEqual([file.id]);
      expect((await replicate.files.get(file.id)).checksums.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await replicate.files.delete(file.id)).toBe(true);
      await expect(replicate.files.get(file.id)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe("models, collections, hardware, account", () => {
    it("gets, lists, creates and searches models, and reads versions", async () => {
      const painter = await replicate.models.get("acme", "painter");
      expect(painter.latest_version?.id).toMatch(/^[0-9a-f]{64}$/);
      const created = await replicate.models.create("acme", "new-model", { visibility: "private", hardware: "gpu-t4", description: "brand new" });
      expect(created).toMatchObject({ owner: "acme", name: "new-model", visibility: "private" });
      const names: string[] = [];
      for await (const page of replicate.paginate(replicate.models.list)) names.push(...page.map((m) => m.name));
      expect(names).toEqual(["painter", "llm", "fails", "new-model"]);
      expect((await replicate.models.search("brand")).results.map((m) => m.name)).toEqual(["new-model"]);
      const versions = await replicate.models.versions.list("acme", "painter");
      expect(versions.results.map((v) => v.id)).toEqual([painter.latest_version?.id]);
      expect((await replicate.models.versions.get("acme", "painter", painter.latest_version!.id)).id).toBe(painter.latest_version?.id);
    });

    it("lists and gets collections, lists hardware and reads the account", async () => {
      fake.collection("image-models", { name: "Image models", description: "Pictures", models: ["acme/painter"] });
      expect((await replicate.collections.list()).results.map((c) => c.slug)).toEqual(["image-models"]);
      expect((await replicate.collections.get("image-models")).models?.map((m) => m.name)).toEqual(["painter"]);
      expect((await replicate.hardware.list()).map((h) => h.sku)).toContain("gpu-t4");
      expect(await replicate.accounts.current()).toMatchObject({ username: "test-user", type: "user" });
    });
  });

  describe("deployments", () => {
    it("creates, gets, updates, lists, runs predictions through, and deletes", async () => {
      const { version } = fake.model("acme/echo", (input) => `v1 ${input.text}`);
      const v2 = fake.model("acme/echo", (input) => `v2 ${input.text}`).version;
      const config = { name: "echo-prod", model: "acme/echo", version, hardware: "gpu-t4", min_instances: 0, max_instances: 2 };
      const created = await replicate.deployments.create(config);
      expect(created.current_release).toMatchObject({ number: 1, version });
      const { owner } = created;
      expect((await replicate.deployments.get(owner, "echo-prod")).name).toBe("echo-prod");
      const run = await replicate.deployments.predictions.create(owner, "echo-prod", { input: { text: "a" }, wait: true });
      expect(run.output).toBe("v1 a");
      const updated = await replicate.deployments.update(owner, "echo-prod", { version: v2 });
      expect(updated.current_release.number).toBe(2);
      expect((await replicate.deployments.predictions.create(owner, "echo-prod", { input: { text: "b" }, wait: 5 })).output).toBe("v2 b");
      expect(fake.requests.at(-1)?.headers.prefer).toBe("wait=5");
      expect((await replicate.deployments.list()).results.map((d) => d.name)).toEqual(["echo-prod"]);
      expect(await replicate.deployments.delete(owner, "echo-prod")).toBe(true);
      await expect(replicate.deployments.get(owner, "echo-prod")).rejects.toMatchObject({ status: 404 });
    });
  });

  describe("trainings", () => {
    it("creates, gets, lists and cancels", async () => {
      const { version } = await replicate.models.get("acme", "painter").then((m) => ({ version: m.latest_version!.id }));
      const training = await replicate.trainings.create("acme", "painter", version, { destination: "me/painter-tuned", input: { steps: 3 } });
      expect(training.status).toBe("starting");
      await fake.settle();
      const done = await replicate.trainings.get(training.id);
      expect(done.output?.version).toMatch(/^me\/painter-tuned:/);
      fake.trainer("acme/painter", (_input, context) => context.sleep(60_000));
      const slow = await replicate.trainings.create("acme", "painter", version, { destination: "me/painter-tuned", input: {} });
      expect((await replicate.trainings.cancel(slow.id)).status).toBe("canceled");
      expect((await replicate.trainings.list()).results.map((t) => t.id)).toEqual([slow.id, training.id]);
    });
  });

  describe("over a listen()ed server", () => {
    it("runs and streams with the platform fetch", async () => {
      const server = await fake.listen();
      try {
        const client = new Replicate({ auth: "r8_test", baseUrl: server.url });
        fake.model("acme/echo", (input) => input.text);
        expect(await client.run("acme/echo", { input: { text: "over http" } })).toBe("over http");
        let text = "";
        for await (const event of client.stream("acme/llm", { input: { prompt: "one two" } })) text += event;
        expect(text).toBe("one two");
      } finally {
        await server.close();
      }
    });
  });
});
