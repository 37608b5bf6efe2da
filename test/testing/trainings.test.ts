import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("trainings over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  let version: string;
  beforeEach(async () => {
    fake = createFakeReplicate();
    version = fake.model("acme/base", (input) => `base:${input.prompt}`).version;
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  const train = (body: object, v = version) => send(api, "POST", `/models/acme/base/versions/${v}/trainings`, { json: body });

  it("succeeds by default with a weights URL and a new version of the destination that runs", async () => {
    const created = await train({ destination: "me/tuned", input: { steps: 10 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "starting", model: "acme/base", version, input: { steps: 10 } });
    expect(created.body.urls.get).toBe(`${api.base}/trainings/${created.body.id}`);
    await fake.settle();
    const done = (await send(api, "GET", `/trainings/${created.body.id}`)).body;
    expect(done.status).toBe("succeeded");
    expect(done.output.version).toMatch(/^me\/tuned:[0-9a-f]{64}$/);
    expect(await (await api.fetch(done.output.weights)).text()).toBe("fake weights");
    const run = await send(api, "POST", "/predictions", { json: { version: done.output.version, input: { prompt: "x" } }, headers: { prefer: "wait" } });
    expect(run.body.output).toBe("base:x");
  });

  it("runs a registered trainer, which can log and fail", async () => {
    fake.trainer("acme/base", (input, context) => {
      context.log(`training on ${input.data}`);
      if (input.data === "bad") context.fail("invalid dataset");
      return { weights: "https://example.com/w.tar", version: "me/tuned:123" };
    });
    await train({ destination: "me/tuned", input: { data: "good" } });
    await train({ destination: "me/tuned", input: { data: "bad" } });
    await fake.settle();
    const [good, bad] = fake.trainings;
    expect(good).toMatchObject({ status: "succeeded", output: { weights: "https://example.com/w.tar", version: "me/tuned:123" }, logs: "training on good\n" });
    expect(bad).toMatchObject({ status: "failed", error: "invalid dataset" });
  });

  it("cancels, lists newest first, and 404s unknown ids", async () => {
    fake.trainer("acme/base", (_input, context) => context.sleep(60_000));
    const first = (await train({ destination: "me/a", input: {} })).body;
    const second = (await train({ destination: "me/b", input: {} })).body;
    const canceled = await send(api, "POST", `/trainings/${first.id}/cancel`);
    expect(canceled.body.status).toBe("canceled");
    const list = await send(api, "GET", "/trainings");
    expect(list.body.results.map((t: any) => t.id)).toEqual([second.id, first.id]);
    await send(api, "POST", `/trainings/${second.id}/cancel`);
    expect((await send(api, "GET", "/trainings/nope")).status).toBe(404);
    expect((await send(api, "POST", "/trainings/nope/cancel")).status).toBe(404);
  });

  it("validates the destination, the input and the source version", async () => {
    expect((await train({ input: {} })).status).toBe(422);
    expect((await train({ destination: "no-slash", input: {} })).status).toBe(422);
    expect((await train({ destination: "me/x" })).status).toBe(422);
    expect((await train({ destination: "me/x", input: {} }, "0".repeat(64))).status).toBe(404);
  });
});
