import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("deployments over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  let v1: string;
  let v2: string;
  beforeEach(async () => {
    fake = createFakeReplicate({ account: { username: "acme-corp", type: "organization" } });
    v1 = fake.model("acme/echo", (input) => `v1:${input.text}`).version;
    v2 = fake.model("acme/echo", (input) => `v2:${input.text}`).version;
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("creates, gets, updates (a new release), lists and deletes", async () => {
    const body = { name: "prod", model: "acme/echo", version: v1, hardware: "gpu-t4", min_instances: 1, max_instances: 3 };
    const created = await send(api, "POST", "/deployments", { json: body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      owner: "acme-corp",
      name: "prod",
      current_release: {
        number: 1,
        model: "acme/echo",
        version: v1,
        created_by: { username: "acme-corp" },
        configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 3 },
      },
    });
    expect((await send(api, "GET", "/deployments/acme-corp/prod")).body).toEqual(created.body);
    const updated = await send(api, "PATCH", "/deployments/acme-corp/prod", { json: { version: v2, max_instances: 5 } });
    expect(updated.body.current_release).toMatchObject({ number: 2, version: v2, configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 5 } });
    expect((await send(api, "GET", "/deployments")).body.results.map((d: any) => d.name)).toEqual(["prod"]);
    expect((await send(api, "DELETE", "/deployments/acme-corp/prod")).status).toBe(204);
    expect((await send(api, "GET", "/deployments/acme-corp/prod")).status).toBe(404);
  });

  it("runs predictions through a deployment's current version", async () => {
    await send(api, "POST", "/deployments", { json: { name: "prod", model: "acme/echo", version: v1, hardware: "cpu", min_instances: 0, max_instances: 1 } });
    const run = () => send(api, "POST", "/deployments/acme-corp/prod/predictions", { json: { input: { text: "hi" } }, headers: { prefer: "wait" } });
    expect((await run()).body).toMatchObject({ output: "v1:hi", version: v1, deployment: "acme-corp/prod" });
    await send(api, "PATCH", "/deployments/acme-corp/prod", { json: { version: v2 } });
    expect((await run()).body.output).toBe("v2:hi");
    expect((await send(api, "POST", "/deployments/acme-corp/none/predictions", { json: { input: {} } })).status).toBe(404);
  });

  it("serves deployments registered with fake.deployment()", async () => {
    fake.deployment("acme/staging", { model: "acme/echo", version: v1, hardware: "gpu-a40-large" });
    const reply = await send(api, "GET", "/deployments/acme/staging");
    expect(reply.body.current_release).toMatchObject({ version: v1, configuration: { hardware: "gpu-a40-large" } });
  });

  it("refuses unknown models and versions, missing names and duplicates", async () => {
    const base = { name: "x", model: "acme/echo", version: v1, hardware: "cpu", min_instances: 0, max_instances: 1 };
    expect((await send(api, "POST", "/deployments", { json: { ...base, model: "acme/ghost" } })).status).toBe(404);
    expect((await send(api, "POST", "/deployments", { json: { ...base, version: "0".repeat(64) } })).status).toBe(422);
    expect((await send(api, "POST", "/deployments", { json: { ...base, name: undefined } })).status).toBe(422);
    expect((await send(api, "POST", "/deployments", { json: base })).status).toBe(200);
    expect((await send(api, "POST", "/deployments", { json: base })).status).toBe(409);
  });
});
