import { describe, expect, it } from "vitest";
import { json, noContent } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const deployment = { owner: "acme", name: "prod", current_release: { number: 1, model: "acme/hello" } };
const prediction = { id: "p1", status: "starting" };

describe("deployments.predictions.create", () => {
  it("POSTs /deployments/{owner}/{name}/predictions with {...rest, input}", async () => {
    const { replicate, calls } = testClient(() => json(prediction, { status: 201 }));
    const result = await replicate.deployments.predictions.create("acme", "prod", {
      input: { prompt: "hi" },
      webhook: "https://example.com/hook",
      stream: true,
    });
    expect(result).toEqual(prediction);
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/deployments/acme/prod/predictions",
      text: '{"webhook":"https://example.com/hook","stream":true,"input":{"prompt":"hi"}}',
    });
  });

  it.each([
    [true, "wait"],
    [10, "wait=10"],
    [1.01, "wait=2"],
    [false, undefined],
    [0, undefined],
  ])("sends wait: %s as Prefer %s", async (wait, prefer) => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.deployments.predictions.create("acme", "prod", { input: {}, wait });
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/deployments/acme/prod/predictions",
      json: { input: {} },
      ...(prefer ? { prefer } : {}),
    });
  });

  it.each([
    ["a missing owner", [undefined, "prod", { input: {} }], /deployment_owner must be a non-empty string/],
    ["an empty name", ["acme", "", { input: {} }], /deployment_name must be a non-empty string/],
    ["missing options", ["acme", "prod"], /options must be an object/],
    ["a missing input", ["acme", "prod", {}], /options.input must be an object, got undefined/],
    ["an invalid webhook URL", ["acme", "prod", { input: {}, webhook: "example.com" }], "Invalid webhook URL"],
    ["a bad wait", ["acme", "prod", { input: {}, wait: "soon" }], /wait must be/],
    ["a negative timeout", ["acme", "prod", { input: {}, timeout: -1 }], /timeout/],
  ])("rejects %s before any request", async (_, args, message) => {
    const { replicate, calls } = testClient();
    const create = replicate.deployments.predictions.create as (...args: unknown[]) => Promise<unknown>;
    await expectRejectsBeforeRequest(calls, () => create(...args), message);
  });
});

describe("deployments", () => {
  it("get GETs /deployments/{owner}/{name}", async () => {
    const { replicate, calls } = testClient(() => json(deployment));
    await expect(replicate.deployments.get("acme", "prod")).resolves.toEqual(deployment);
    expectRequest(calls[0], { method: "GET", path: "/v1/deployments/acme/prod" });
  });

  it("create POSTs /deployments with the config as given", async () => {
    const config = { name: "prod", model: "acme/hello", version: "v1", hardware: "cpu", min_instances: 0, max_instances: 2 };
    const { replicate, calls } = testClient(() => json(deployment));
    await expect(replicate.deployments.create(config)).resolves.toEqual(deployment);
    expectRequest(calls[0], { method: "POST", path: "/v1/deployments", text: JSON.stringify(config) });
  });

  it("update PATCHes /deployments/{owner}/{name} with the changes", async () => {
    const { replicate, calls } = testClient(() => json(deployment));
    await expect(replicate.deployments.update("acme", "prod", { max_instances: 5 })).resolves.toEqual(deployment);
    expectRequest(calls[0], { method: "PATCH", path: "/v1/deployments/acme/prod", json: { max_instances: 5 } });
  });

  it("delete DELETEs /deployments/{owner}/{name} and resolves true on 204", async () => {
    const { replicate, calls } = testClient(() => noContent());
    await expect(replicate.deployments.delete("acme", "prod")).resolves.toBe(true);
    expectRequest(calls[0], { method: "DELETE", path: "/v1/deployments/acme/prod" });
  });

  it("list GETs /deployments", async () => {
    const page = { next: null, previous: null, results: [deployment] };
    const { replicate, calls } = testClient(() => json(page));
    await expect(replicate.deployments.list()).resolves.toEqual(page);
    expectRequest(calls[0], { method: "GET", path: "/v1/deployments" });
  });

  it("percent-encodes owner and name", async () => {
    const { replicate, calls } = testClient(() => json(deployment));
    await replicate.deployments.get("a b", "../c");
    expect(calls[0]!.url.pathname).toBe("/v1/deployments/a%20b/..%2Fc");
  });

  it.each([
    ["get without a name", (r: any) => r.deployments.get("acme"), /deployment_name/],
    ["create without a config", (r: any) => r.deployments.create(), /deployment_config must be an object/],
    ["update without a config", (r: any) => r.deployments.update("acme", "prod"), /deployment_config must be an object/],
    ["update with a non-string owner", (r: any) => r.deployments.update(1, "prod", {}), /deployment_owner/],
    ["delete without an owner", (r: any) => r.deployments.delete("", "prod"), /deployment_owner/],
    ["list with options that are not an object", (r: any) => r.deployments.list(5), /options must be an object/],
  ])("rejects %s before any request", async (_, call, message) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(calls, () => call(replicate), message);
  });

  it("every method works detached", async () => {
    const { replicate, calls } = testClient((call) => (call.method === "DELETE" ? noContent() : json(deployment)));
    const { get, create, update, delete: remove, list, predictions } = replicate.deployments;
    const { create: createPrediction } = predictions;
    await createPrediction("o", "n", { input: {} });
    await get("o", "n");
    await create({ name: "n", model: "o/m", version: "v", hardware: "cpu", min_instances: 0, max_instances: 1 });
    await update("o", "n", { hardware: "gpu" });
    await remove("o", "n");
    await list();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /v1/deployments/o/n/predictions",
      "GET /v1/deployments/o/n",
      "POST /v1/deployments",
      "PATCH /v1/deployments/o/n",
      "DELETE /v1/deployments/o/n",
      "GET /v1/deployments",
    ]);
  });
});
