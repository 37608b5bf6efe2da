import { describe, expect, it } from "vitest";
import Replicate, { TimeoutError } from "../../src/index";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, testClient } from "../helpers/test-client";

// Answers every request after `ms`, like an API holding a `Prefer: wait` create.
function slowFetch(ms: number) {
  return async (_url: URL, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => resolve(Response.json({ id: "p1", status: "succeeded" }, { status: 201 })), ms);
      init.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(init.signal?.reason);
      });
    });
}

describe("a create that asks the API to wait", () => {
  it("gets a per-attempt timeout long enough for the wait, so the POST is not abandoned", async () => {
    const replicate = new Replicate({ auth: "r8_test", timeout: 20, fetch: slowFetch(60) as never });
    await expect(replicate.predictions.create({ version: "v1", input: {}, wait: 1 })).resolves.toMatchObject({ id: "p1" });
    await expect(
      replicate.deployments.predictions.create("acme", "app", { input: {}, wait: true }),
    ).resolves.toMatchObject({ id: "p1" });
  });

  it("keeps the client's timeout when it does not wait, and an explicit per-call timeout always", async () => {
    const replicate = new Replicate({ auth: "r8_test", timeout: 20, maxRetries: 0, fetch: slowFetch(60) as never });
    await expect(replicate.predictions.create({ version: "v1", input: {} })).rejects.toBeInstanceOf(TimeoutError);
    await expect(
      replicate.predictions.create({ version: "v1", input: {}, wait: 1, timeout: 20 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("a create's webhook", () => {
  it.each([undefined, null, "", "https://example.com/hook", "http://localhost:3000/x"])("accepts %j", async (webhook) => {
    const { replicate, calls } = testClient(() => json({ id: "p1", status: "starting" }, { status: 201 }));
    const create = replicate.predictions.create({ version: "v1", input: {}, webhook: webhook as never });
    await expect(create).resolves.toMatchObject({ id: "p1" });
    expect(calls).toHaveLength(1);
  });

  it.each(["example.com/hook", "not a url", "/relative", 42, true])("refuses %j with 1.4.0's message", async (webhook) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(
      calls,
      () => replicate.predictions.create({ version: "v1", input: {}, webhook: webhook as never }),
      /^Invalid webhook URL$/,
    );
  });
});
