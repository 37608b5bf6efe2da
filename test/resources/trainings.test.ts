import { describe, expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const training = { id: "t1", status: "starting", model: "acme/hello", version: "v1" };

describe("trainings.create", () => {
  it("POSTs /models/{owner}/{name}/versions/{version}/trainings with the options less the signal, in order", async () => {
    const { replicate, calls } = testClient(() => json(training, { status: 201 }));
    const result = await replicate.trainings.create("acme", "hello", "v1", {
      destination: "ada/hello-tuned",
      input: { steps: 10 },
      webhook: "https://example.com/hook",
      webhook_events_filter: ["completed"],
      signal: new AbortController().signal,
    });
    expect(result).toEqual(training);
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/models/acme/hello/versions/v1/trainings",
      text: '{"destination":"ada/hello-tuned","input":{"steps":10},"webhook":"https://example.com/hook","webhook_events_filter":["completed"]}',
    });
  });

  it.each([
    ["a missing version", ["acme", "hello", undefined, { destination: "a/b", input: {} }], /version_id/],
    ["missing options", ["acme", "hello", "v1"], /options must be an object/],
    ["a missing input", ["acme", "hello", "v1", { destination: "a/b" }], /options.input must be an object, got undefined/],
    ["a missing destination", ["acme", "hello", "v1", { input: {} }], /options.destination must be a non-empty string/],
    ["an invalid webhook URL", ["acme", "hello", "v1", { destination: "a/b", input: {}, webhook: "nope" }], "Invalid webhook URL"],
    ["a non-signal", ["acme", "hello", "v1", { destination: "a/b", input: {}, signal: {} }], /signal must be an AbortSignal/],
  ])("rejects %s before any request", async (_, args, message) => {
    const { replicate, calls } = testClient();
    const create = replicate.trainings.create as (...args: unknown[]) => Promise<unknown>;
    await expectRejectsBeforeRequest(calls, () => create(...args), message);
  });
});

describe("trainings.get / cancel / list", () => {
  it("get GETs /trainings/{id}", async () => {
    const { replicate, calls } = testClient(() => json(training));
    await expect(replicate.trainings.get("t1")).resolves.toEqual(training);
    expectRequest(calls[0], { method: "GET", path: "/v1/trainings/t1" });
  });

  it("cancel POSTs /trainings/{id}/cancel with no body", async () => {
    const { replicate, calls } = testClient(() => json({ ...training, status: "canceled" }));
    await expect(replicate.trainings.cancel("t1")).resolves.toMatchObject({ status: "canceled" });
    expectRequest(calls[0], { method: "POST", path: "/v1/trainings/t1/cancel" });
  });

  it("list GETs /trainings", async () => {
    const page = { next: null, previous: null, results: [training] };
    const { replicate, calls } = testClient(() => json(page));
    await expect(replicate.trainings.list()).resolves.toEqual(page);
    expectRequest(calls[0], { method: "GET", path: "/v1/trainings" });
  });

  it("percent-encodes the training id", async () => {
    const { replicate, calls } = testClient(() => json(training));
    await replicate.trainings.cancel("../../account");
    expect(calls[0]!.url.pathname).toBe("/v1/trainings/..%2F..%2Faccount/cancel");
  });

  it.each(["", null, 12])("get and cancel reject the id %j before any request", async (id) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(calls, () => replicate.trainings.get(id as never), /training_id/);
    await expectRejectsBeforeRequest(calls, () => replicate.trainings.cancel(id as never), /training_id/);
  });

  it("every method works detached", async () => {
    const { replicate, calls } = testClient(() => json(training));
    const { create, get, cancel, list } = replicate.trainings;
    await create("o", "n", "v", { destination: "a/b", input: {} });
    await get("t1");
    await cancel("t1");
    await list();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /v1/models/o/n/versions/v/trainings",
      "GET /v1/trainings/t1",
      "POST /v1/trainings/t1/cancel",
      "GET /v1/trainings",
    ]);
  });
});
