import { describe, expect, it } from "vitest";
import { createFakeReplicate } from "../../src/testing/index";

describe("recorded requests and reset", () => {
  it("records method, url, path, lower-cased headers, parsed JSON and text", async () => {
    const fake = createFakeReplicate({ now: () => 42 });
    fake.model("acme/echo", () => null);
    const body = JSON.stringify({ input: { text: "hi" } });
    await fake.fetch(`${fake.baseUrl}/models/acme/echo/predictions`, { method: "POST", body, headers: { "Content-Type": "application/json", Prefer: "wait" } });
    await fake.fetch(`${fake.baseUrl}/models`, { method: "QUERY", body: "echo", headers: { "content-type": "text/plain" } });
    const [create, search] = fake.requests;
    expect(create).toMatchObject({
      method: "POST",
      url: "https://api.replicate.com/v1/models/acme/echo/predictions",
      path: "/models/acme/echo/predictions",
      headers: { "content-type": "application/json", prefer: "wait" },
      body: { input: { text: "hi" } },
      text: body,
      timestamp: 42,
    });
    expect(search).toMatchObject({ method: "QUERY", body: "echo", text: "echo" });
  });

  it("records multipart fields, and bodiless requests without a body", async () => {
    const fake = createFakeReplicate();
    const form = new FormData();
    form.append("content", new Blob(["abc"]), "a.txt");
    form.append("metadata", "{}");
    await fake.fetch(`${fake.baseUrl}/files`, { method: "POST", body: form });
    await fake.fetch(`${fake.baseUrl}/account`);
    const [upload, account] = fake.requests;
    expect((upload?.body as Record<string, unknown>).metadata).toBe("{}");
    expect((upload?.body as Record<string, File>).content?.name).toBe("a.txt");
    expect(account?.body).toBeUndefined();
    expect(fake.files).toHaveLength(1);
  });

  it("records download requests under /delivery", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/image", () => new Blob(["x"], { type: "image/png" }));
    const created = await fake.fetch(`${fake.baseUrl}/models/acme/image/predictions`, { method: "POST", body: '{"input":{}}', headers: { prefer: "wait" } });
    await fake.fetch((await created.json()).output);
    expect(fake.requests[1]?.path).toMatch(/^\/delivery\/\w+\/output\.png$/);
  });

  it("reset() forgets runs, files, requests, faults, deliveries and API-created records, keeping registrations", async () => {
    const fake = createFakeReplicate({ onWebhook: () => undefined });
    const { version } = fake.model("acme/echo", (_input, context) => context.sleep(60_000));
    fake.deployment("acme/prod", { model: "acme/echo" });
    fake.collection("c", { name: "C", models: ["acme/echo"] });
    const post = (path: string, body: object) => fake.fetch(`${fake.baseUrl}${path}`, { method: "POST", body: JSON.stringify(body) });
    const running = await (await post("/models/acme/echo/predictions", { input: {}, webhook: "https://example.com/h" })).json();
    await post("/models", { owner: "me", name: "made", visibility: "public", hardware: "cpu" });
    await post(`/models/acme/echo/versions/${version}/trainings`, { destination: "me/tuned", input: {} });
    await fake.fetch(`${fake.baseUrl}/deployments/acme/prod`, { method: "PATCH", body: JSON.stringify({ max_instances: 9 }) });
    fake.faults.next({ status: 500, path: "/never" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.webhookDeliveries.length).toBeGreaterThan(0);

    fake.reset();
    expect([fake.requests, fake.predictions, fake.trainings, fake.files, fake.webhookDeliveries].map((list) => list.length)).toEqual([0, 0, 0, 0, 0]);
    expect(fake.faults.pending).toBe(0);
    expect((await fake.fetch(`${fake.baseUrl}/predictions/${running.id}`)).status).toBe(404);
    expect((await fake.fetch(`${fake.baseUrl}/models/me/made`)).status).toBe(404);
    const deployment = await (await fake.fetch(`${fake.baseUrl}/deployments/acme/prod`)).json();
    expect(deployment.current_release).toMatchObject({ number: 1, configuration: { max_instances: 1 } });
    expect((await fake.fetch(`${fake.baseUrl}/collections/c`)).status).toBe(200);
    expect((await fake.fetch(`${fake.baseUrl}/models/acme/echo`)).status).toBe(200);
  });
});
