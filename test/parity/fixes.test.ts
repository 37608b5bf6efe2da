/**
 * Where SPEC.md says this package fixes 1.4.0, the two differ on purpose: each test shows 1.4.0's
 * defect and this package's behaviour side by side, so the difference stays deliberate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError } from "../../src/index";
import { startLocalServer, type LocalServer, type ServerHandler } from "../helpers/local-server";
import { cannedAnswer, expectSameRequests, normalize, PARITY_TOKEN, sideBySide } from "../helpers/parity";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer(cannedAnswer);
});
afterAll(() => server.close());

const bodyOf = (side: { requests: { body: Buffer }[] }, index = -1) => JSON.parse(side.requests.at(index)!.body.toString());

describe("defect 3: path parameters are percent-encoded", () => {
  it("predictions.get('../account') stays under /predictions (1.4.0 requests /v1/account)", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.predictions.get("../account"));
    expect(legacy.requests.map((request) => request.url)).toEqual(["/v1/account"]);
    expect(ours.requests.map((request) => request.url)).toEqual(["/v1/predictions/..%2Faccount"]);
  });

  it("predictions.cancel('..') is refused before any request (1.4.0 POSTs /v1/cancel)", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.predictions.cancel(".."));
    expect(legacy.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["POST /v1/cancel"]);
    expect(ours.requests).toHaveLength(0);
    expect((ours.error as Error).message).toMatch(/cannot be "\.\."/);
  });

  it("a model name with a query character stays a path segment (1.4.0 turns it into a query)", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.models.get("acme", "hello?x=1"));
    expect(legacy.requests[0]!.url).toBe("/v1/models/acme/hello?x=1");
    expect(ours.requests[0]!.url).toBe("/v1/models/acme/hello%3Fx%3D1");
  });
});

describe("models.search sends the query as plain text", () => {
  it("the body is the raw string, where 1.4.0 JSON-quotes it under a text/plain Content-Type", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.models.search('upscale "4x"'));
    const [a, b] = [normalize(legacy.requests[0]!), normalize(ours.requests[0]!)];
    expect(b.method).toBe("QUERY");
    expect({ ...b, body: undefined, headers: undefined }).toEqual({ ...a, body: undefined, headers: undefined });
    expect(b.headers["content-type"]).toBe("text/plain");
    expect(a.headers["content-type"]).toBe("text/plain");
    expect(a.body).toBe('"upscale \\"4x\\""');
    expect(b.body).toBe('upscale "4x"');
    expect(ours.result).toEqual(legacy.result);
  });
});

describe("defect 1: fileEncodingStrategy 'data-uri' encodes the input's files", () => {
  it("sends the file as a data URI, where 1.4.0 sends the serialized client, token included", async () => {
    const { legacy, ours } = await sideBySide(
      server,
      (r) => r.predictions.create({ version: "v", input: { prompt: "x", file: new Blob(["hi"], { type: "text/plain" }) } }),
      { client: { fileEncodingStrategy: "data-uri" } },
    );
    expect(legacy.requests).toHaveLength(1);
    expect(bodyOf(legacy).input).toMatchObject({ auth: PARITY_TOKEN, fileEncodingStrategy: "data-uri" });
    expect(ours.requests).toHaveLength(1);
    expect(bodyOf(ours)).toEqual({ input: { prompt: "x", file: "data:text/plain;base64,aGk=" }, version: "v" });
    expect(ours.requests[0]!.body.toString()).not.toContain(PARITY_TOKEN);
  });
});

describe("defect 4: typed arrays count as files", () => {
  it("a Uint8Array input is uploaded, where 1.4.0 sends it as {\"0\":104,...}", async () => {
    const { legacy, ours } = await sideBySide(server, (r) =>
      r.predictions.create({ version: "v", input: { data: new Uint8Array([104, 105]) } }),
    );
    expect(legacy.requests.map((request) => request.path)).toEqual(["/v1/predictions"]);
    expect(bodyOf(legacy).input).toEqual({ data: { 0: 104, 1: 105 } });
    expect(ours.requests.map((request) => request.path)).toEqual(["/v1/files", "/v1/predictions"]);
    expect(bodyOf(ours).input).toEqual({ data: "https://api.replicate.com/v1/files/f1" });
  });
});

describe("defect 5: status 'aborted' is terminal", () => {
  it("wait() returns an aborted prediction at once, where 1.4.0 keeps polling it", async () => {
    const handler = () => () => ({ body: { id: "p1", status: "aborted" } });
    const { legacy, ours } = await sideBySide(
      server,
      (r) => {
        let stops = 0;
        // 1.4.0 would poll forever; give up after the third update.
        return r.wait({ id: "p1", status: "processing" }, { interval: 1 }, () => ++stops >= 3);
      },
      { handler },
    );
    expect(legacy.requests).toHaveLength(3);
    expect(ours.requests).toHaveLength(1);
    expect(ours.result).toEqual({ id: "p1", status: "aborted" });
  });
});

describe("defect 6: run() in block mode keeps polling a prediction still processing", () => {
  const processingThenSucceeded = (): ServerHandler => (request) =>
    request.method === "POST"
      ? { body: { id: "p1", status: "processing", output: null } }
      : { body: { id: "p1", status: "succeeded", output: "done" } };

  it("returns the final output, where 1.4.0 returns null without polling", async () => {
    const { legacy, ours } = await sideBySide(server, (r) => r.run("acme/hello", { input: {} }), {
      handler: processingThenSucceeded,
    });
    expect(legacy.result).toBeNull();
    expect(legacy.requests).toHaveLength(1);
    expect(ours.result).toBe("done");
    expect(ours.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /v1/models/acme/hello/predictions",
      "GET /v1/predictions/p1",
    ]);
    expectSameRequests({ requests: legacy.requests }, { requests: ours.requests.slice(0, 1) });
  });
});

describe("defect 7: the AbortSignal reaches the create request", () => {
  it("an already-aborted signal sends nothing and rejects with AbortError, where 1.4.0 creates a prediction", async () => {
    const { legacy, ours } = await sideBySide(server, (r) =>
      r.run("acme/hello", { input: {}, wait: { mode: "poll", interval: 1 }, signal: AbortSignal.abort() }),
    );
    expect(legacy.requests[0]!.method).toBe("POST");
    expect(legacy.requests[0]!.path).toBe("/v1/models/acme/hello/predictions");
    expect(ours.requests).toHaveLength(0);
    expect(ours.error).toBeInstanceOf(AbortError);
  });
});
