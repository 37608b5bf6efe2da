/** run(), wait() and paginate() with replicate@1.4.0 and with this package over one real local server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer, type ServerHandler } from "../helpers/local-server";
import { cannedAnswer, expectSameOutcome, expectSameRequests, sideBySide } from "../helpers/parity";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer(cannedAnswer);
});
afterAll(() => server.close());

const output = { text: ["Hello", ", world"], score: 0.97, nested: [{ ok: true }] };

/** A prediction that is created `starting`, polls `processing`, then `succeeded`. */
function succeedsAfterTwoPolls(): ServerHandler {
  let polls = 0;
  return (request) => {
    const base = { id: "p1", version: "5c7d5dc6", input: { prompt: "x" }, urls: { get: `${server.origin}/v1/predictions/p1` } };
    if (request.method === "POST") return { status: 201, body: { ...base, status: "starting" } };
    if (request.path !== "/v1/predictions/p1") return { status: 404, body: { detail: "unexpected request" } };
    polls += 1;
    if (polls === 1) return { body: { ...base, status: "processing", logs: " 50%|█████     | 5/10" } };
    return { body: { ...base, status: "succeeded", output, logs: "100%|██████████| 10/10" } };
  };
}

async function runWithProgress(replicate: any, ref: string, options: object) {
  const progress: string[] = [];
  const result = await replicate.run(ref, options, (prediction: { status: string }) => progress.push(prediction.status));
  return { result, progress };
}

describe("run()", () => {
  it.each([
    ["owner/name:version", "acme/hello:5c7d5dc6"],
    ["owner/name", "acme/hello"],
  ])("in poll mode with %s: same create, same two polls, same progress calls and output", async (_, ref) => {
    const { legacy, ours } = await sideBySide(
      server,
      (r) => runWithProgress(r, ref, { input: { prompt: "x" }, wait: { mode: "poll", interval: 5 }, webhook: "https://example.com/h" }),
      { handler: succeedsAfterTwoPolls },
    );
    expect(legacy.error).toBeUndefined();
    expect(legacy.requests.map((request) => request.method)).toEqual(["POST", "GET", "GET"]);
    expect(legacy.requests[0]!.headers.prefer).toBeUndefined();
    expect(legacy.result).toEqual({ result: output, progress: ["starting", "processing", "succeeded"] });
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it.each([
    ["default block mode", undefined, "wait"],
    ["block mode with a timeout", { mode: "block", timeout: 30 }, "wait=30"],
  ])("in %s sends Prefer and returns the output the create call answered with", async (_, wait, prefer) => {
    const handler = () => () => ({ body: { id: "p1", status: "succeeded", output: "plain text" } });
    const { legacy, ours } = await sideBySide(server, (r) => r.run("acme/hello", { input: { n: 1 }, wait }), { handler });
    expect(legacy.requests).toHaveLength(1);
    expect(legacy.requests[0]!.headers.prefer).toBe(prefer);
    expect(legacy.result).toBe("plain text");
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it("with useFileOutput: false returns file URLs as strings", async () => {
    const urls = ["https://replicate.delivery/a.png", "data:text/plain;base64,aGk="];
    const handler = () => () => ({ body: { id: "p1", status: "succeeded", output: urls } });
    const { legacy, ours } = await sideBySide(server, (r) => r.run("acme/hello", { input: {} }), {
      handler,
      client: { useFileOutput: false },
    });
    expect(legacy.result).toEqual(urls);
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it("rejects a failed prediction with the same message", async () => {
    const handler = () => () => ({ body: { id: "p1", status: "failed", error: "CUDA out of memory" } });
    const { legacy, ours } = await sideBySide(server, (r) => r.run("acme/hello", { input: {} }), { handler });
    expect((legacy.error as Error).message).toBe("Prediction failed: CUDA out of memory");
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it("rejects a malformed reference with the same message before any request", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.run("not-a-ref", { input: {} }));
    expect(ours.requests).toHaveLength(0);
    expect((legacy.error as Error).message).toMatch(/^Invalid reference to model version: not-a-ref\./);
    expectSameOutcome(legacy, ours);
  });
});

describe("wait()", () => {
  it("polls predictions.get until terminal and resolves with the final prediction", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.wait({ id: "p1", status: "starting" }, { interval: 5 }), {
      handler: succeedsAfterTwoPolls,
    });
    expect(legacy.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /v1/predictions/p1",
      "GET /v1/predictions/p1",
    ]);
    expect(legacy.result).toMatchObject({ status: "succeeded", output });
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });
});

describe("paginate()", () => {
  const threePages = (): ServerHandler => (request) => {
    const page = Number(new URLSearchParams(request.query).get("cursor") ?? "1");
    const next = page < 3 ? `${server.origin}/v1/predictions?cursor=${page + 1}` : null;
    return { body: { previous: null, next, results: [{ id: `p${page}a` }, { id: `p${page}b` }] } };
  };

  it("follows the same absolute next links and yields the same pages", async () => {
    const { legacy, ours } = await sideBySide(
      server,
      async (r) => {
        const pages: unknown[] = [];
        for await (const page of r.paginate(r.predictions.list)) pages.push(page);
        return pages;
      },
      { handler: threePages },
    );
    expect(legacy.requests.map((request) => request.url)).toEqual([
      "/v1/predictions",
      "/v1/predictions?cursor=2",
      "/v1/predictions?cursor=3",
    ]);
    expect(legacy.result).toHaveLength(3);
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });
});
