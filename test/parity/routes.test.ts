/** Every route of SPEC.md, called with replicate@1.4.0 and with this package over one real local server. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startLocalServer, type LocalServer } from "../helpers/local-server";
import { cannedAnswer, expectSameOutcome, expectSameRequests, sideBySide } from "../helpers/parity";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer(cannedAnswer);
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const webhook = "https://example.com/hooks/replicate";
const deploymentConfig = {
  name: "prod",
  model: "acme/hello",
  version: "5c7d5dc6",
  hardware: "gpu-t4",
  min_instances: 0,
  max_instances: 3,
};

type Call = (replicate: any) => Promise<unknown>;

const routes: Array<[string, Call]> = [
  ["accounts.current()", (r) => r.accounts.current()],
  ["collections.list()", (r) => r.collections.list()],
  ["collections.get(slug)", (r) => r.collections.get("super-resolution")],
  [
    "deployments.predictions.create(owner, name, {input, webhook, webhook_events_filter, stream})",
    (r) =>
      r.deployments.predictions.create("acme", "prod", {
        input: { prompt: "a cat", steps: 4, nested: { list: [1, "two", null] } },
        webhook,
        webhook_events_filter: ["start", "completed"],
        stream: true,
      }),
  ],
  ["deployments.predictions.create with wait: true", (r) => r.deployments.predictions.create("acme", "prod", { input: {}, wait: true })],
  ["deployments.predictions.create with wait: 30", (r) => r.deployments.predictions.create("acme", "prod", { input: {}, wait: 30 })],
  ["deployments.get(owner, name)", (r) => r.deployments.get("acme", "prod")],
  ["deployments.create(config)", (r) => r.deployments.create(deploymentConfig)],
  ["deployments.update(owner, name, config)", (r) => r.deployments.update("acme", "prod", { min_instances: 1, max_instances: 9 })],
  ["deployments.delete(owner, name)", (r) => r.deployments.delete("acme", "prod")],
  ["deployments.list()", (r) => r.deployments.list()],
  ["files.list()", (r) => r.files.list()],
  ["files.get(id)", (r) => r.files.get("f1")],
  ["files.delete(id)", (r) => r.files.delete("f1")],
  ["hardware.list()", (r) => r.hardware.list()],
  ["models.get(owner, name)", (r) => r.models.get("acme", "hello")],
  ["models.list()", (r) => r.models.list()],
  [
    "models.create(owner, name, options)",
    (r) => r.models.create("acme", "hello", { visibility: "private", hardware: "cpu", description: "Hi", github_url: "https://github.com/a/b" }),
  ],
  ["models.versions.list(owner, name)", (r) => r.models.versions.list("acme", "hello")],
  ["models.versions.get(owner, name, id)", (r) => r.models.versions.get("acme", "hello", "5c7d5dc6")],
  [
    "predictions.create({version, input, webhook, webhook_events_filter, stream})",
    (r) =>
      r.predictions.create({
        version: "5c7d5dc6",
        input: { prompt: "ünïcode ✓", n: 1.5, flag: false },
        webhook,
        webhook_events_filter: ["output"],
        stream: true,
      }),
  ],
  ["predictions.create({model, input})", (r) => r.predictions.create({ model: "acme/hello", input: { prompt: "x" } })],
  ["predictions.create with wait: true", (r) => r.predictions.create({ version: "v", input: {}, wait: true })],
  ["predictions.create with wait: 10", (r) => r.predictions.create({ model: "acme/hello", input: {}, wait: 10 })],
  ["predictions.create with fractional wait: 2.5", (r) => r.predictions.create({ version: "v", input: {}, wait: 2.5 })],
  ["predictions.create with fractional wait: 0.3", (r) => r.predictions.create({ version: "v", input: {}, wait: 0.3 })],
  ["predictions.create with wait: false", (r) => r.predictions.create({ version: "v", input: {}, wait: false })],
  ["predictions.create with wait: 0", (r) => r.predictions.create({ version: "v", input: {}, wait: 0 })],
  ["predictions.get(id)", (r) => r.predictions.get("ufawqhfynnddngldkgtslldrkq")],
  ["predictions.cancel(id)", (r) => r.predictions.cancel("ufawqhfynnddngldkgtslldrkq")],
  ["predictions.list()", (r) => r.predictions.list()],
  [
    "trainings.create(owner, name, version, {destination, input, webhook, webhook_events_filter})",
    (r) =>
      r.trainings.create("acme", "hello", "5c7d5dc6", {
        destination: "ada/hello-tuned",
        input: { train_data: "https://example.com/data.zip", steps: 100 },
        webhook,
        webhook_events_filter: ["completed"],
      }),
  ],
  ["trainings.get(id)", (r) => r.trainings.get("t1")],
  ["trainings.cancel(id)", (r) => r.trainings.cancel("t1")],
  ["trainings.list()", (r) => r.trainings.list()],
  ["webhooks.default.secret.get()", (r) => r.webhooks.default.secret.get()],
  [
    "request(route, {method, params, headers, data})",
    async (r) => {
      const response = await r.request("/predictions", {
        method: "POST",
        params: { cursor: "abc", limit: 2 },
        headers: { "X-Extra": "1" },
        data: { input: { a: 1 } },
      });
      return response.json();
    },
  ],
];

describe("the same call sends the same request and returns the same value", () => {
  it.each(routes)("%s", async (_, call) => {
    const { legacy, ours } = await sideBySide(server, call);
    expect(legacy.error, "1.4.0 call succeeded").toBeUndefined();
    expect(legacy.requests).toHaveLength(1);
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });
});

describe("multipart uploads", () => {
  // Both name unnamed uploads `blob_<Date.now()>` / `buffer_<Date.now()>`.
  beforeEach(() => {
    vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
  });

  it.each<[string, () => Blob | Buffer]>([
    ["a named File", () => new File(["\u0000\u00ffpng bytes"], "cat.png", { type: "image/png" })],
    ["an unnamed Blob (blob_<ms>)", () => new Blob(["plain text"], { type: "text/plain" })],
    ["a Buffer (buffer_<ms>)", () => Buffer.from([0, 1, 2, 253, 254, 255])],
  ])("files.create with %s sends the same parts, filenames and metadata", async (_, file) => {
    const { legacy, ours } = await sideBySide(server, (r) => r.files.create(file(), { purpose: "test", n: 1 }));
    expect(legacy.requests[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it("predictions.create with a Buffer input uploads it first, then sends its URL, as 1.4.0 does", async () => {
    const { legacy, ours } = await sideBySide(server, (r) =>
      r.predictions.create({ version: "v", input: { image: Buffer.from("img"), prompt: "x" } }),
    );
    expect(legacy.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /v1/files",
      "POST /v1/predictions",
    ]);
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });

  it("falls back to a data URI when the upload fails with a 5xx, as 1.4.0's default strategy does", async () => {
    const handler = () => (request: Parameters<typeof cannedAnswer>[0]) =>
      request.path === "/v1/files" ? { status: 503, body: { detail: "down" } } : cannedAnswer(request);
    const { legacy, ours } = await sideBySide(
      server,
      (r) => r.predictions.create({ version: "v", input: { file: new Blob(["hello"], { type: "text/plain" }) } }),
      { handler },
    );
    expect(JSON.parse(legacy.requests.at(-1)!.body.toString())).toEqual({
      input: { file: "data:text/plain;base64,aGVsbG8=" },
      version: "v",
    });
    expectSameRequests(legacy, ours);
    expectSameOutcome(legacy, ours);
  });
});

describe("errors", () => {
  it("a 404 rejects with the same ApiError message and status", async () => {
    const handler = () => () => ({ status: 404, body: { title: "Not found", detail: "Nothing here", status: 404 } });
    const { legacy, ours } = await sideBySide(server, (r) => r.predictions.get("missing"), { handler });
    expect((legacy.error as Error).name).toBe("ApiError");
    expect((ours.error as Error).name).toBe("ApiError");
    expect((ours.error as any).response.status).toBe((legacy.error as any).response.status);
    expect((ours.error as Error).message).toMatch(/^Request to http:\/\/127\.0\.0\.1:\d+\/v1\/predictions\/missing failed with status 404 Not Found: /);
    expectSameOutcome(legacy, ours);
    expectSameRequests(legacy, ours);
  });

  it.each<[string, Call]>([
    ["an invalid webhook URL", (r) => r.predictions.create({ version: "v", input: {}, webhook: "nope" })],
    ["neither model nor version", (r) => r.predictions.create({ input: {} })],
  ])("%s rejects with the same message before any request", async (_, call) => {
    const { legacy, ours } = await sideBySide(server, call);
    expect(legacy.requests).toHaveLength(0);
    expect(ours.requests).toHaveLength(0);
    expectSameOutcome(legacy, ours);
  });
});
