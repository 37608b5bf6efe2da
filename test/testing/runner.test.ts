import { describe, expect, it, vi } from "vitest";
import { parseProgressFromLogs } from "../../src/progress";
import { createFakeReplicate } from "../../src/testing/index";
import { progressLine } from "../../src/testing/runner";

describe("handler context", () => {
  it("writes progress lines that parseProgressFromLogs reads, from 0% to 100%", () => {
    for (const [current, total, percentage] of [[0, 10, 0], [4, 10, 0.4], [10, 10, 1], [7568, 10000, 0.75]] as const) {
      expect(parseProgressFromLogs(progressLine(current, total, 2000))).toEqual({ percentage, current, total });
    }
    expect(progressLine(4, 10, 1000)).toBe(" 40%|████      | 4/10 [00:01<00:01, 4.00it/s]");
  });

  it("shows the handler its prediction as the API does", async () => {
    const fake = createFakeReplicate();
    const seen: unknown[] = [];
    fake.model("acme/echo", (_input, context) => {
      context.log("one");
      seen.push(context.prediction);
    });
    await fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body: '{"input":{"a":1}}' });
    await fake.settle();
    expect(seen[0]).toMatchObject({ status: "processing", logs: "one\n", input: { a: 1 }, model: "acme/echo" });
  });

  it("ignores whatever a handler does after its prediction ended, without unhandled rejections", async () => {
    const fake = createFakeReplicate();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let after: unknown;
    fake.model("acme/late", async (_input, context) => {
      await gate;
      context.log("too late");
      try {
        context.fail("too late");
      } catch (error) {
        after = error;
      }
      throw new Error("also too late");
    });
    const created = await (await fake.fetch(`${fake.baseUrl}/models/acme/late/predictions`, { method: "POST", body: '{"input":{}}' })).json();
    await vi.waitFor(() => expect(fake.predictions[0]?.status).toBe("processing"));
    await fake.fetch(created.urls.cancel, { method: "POST" });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(after).toBeInstanceOf(Error);
    expect(fake.predictions[0]).toMatchObject({ status: "canceled", logs: "", error: null });
  });

  it("never calls the handler of a prediction canceled while starting", async () => {
    const fake = createFakeReplicate({ latency: 20 });
    let calls = 0;
    fake.model("acme/echo", () => calls++);
    const created = await (await fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body: '{"input":{}}' })).json();
    await fake.fetch(created.urls.cancel, { method: "POST" });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toBe(0);
    expect(fake.predictions[0]?.started_at).toBeUndefined();
  });

  it("fails a prediction whose handler throws or rejects with a non-Error", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/sync-throw", () => {
      throw new TypeError("bad input");
    });
    fake.model("acme/reject", () => Promise.reject("plain string"));
    for (const model of ["acme/sync-throw", "acme/reject"]) {
      await fake.fetch(`${fake.baseUrl}/models/${model}/predictions`, { method: "POST", body: '{"input":{}}' });
    }
    await fake.settle();
    expect(fake.predictions.map((p) => [p.status, p.error])).toEqual([
      ["failed", "bad input"],
      ["failed", "plain string"],
    ]);
  });
});
