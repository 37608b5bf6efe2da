import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";
import { send, transports, type Connection } from "./transports";

describe.each(transports)("account, hardware, secret, auth and errors over $name", (transport) => {
  let fake: FakeReplicate;
  let api: Connection;
  const auth = { authorization: "Bearer r8_test" };
  beforeEach(async () => {
    fake = createFakeReplicate({ token: "r8_test", account: { username: "alice", name: "Alice" } });
    api = await transport.open(fake);
  });
  afterEach(() => api.close());

  it("serves the account, the hardware list and the default webhook secret", async () => {
    expect((await send(api, "GET", "/account", { headers: auth })).body).toEqual({ type: "user", username: "alice", name: "Alice" });
    const hardware = (await send(api, "GET", "/hardware", { headers: auth })).body;
    expect(hardware).toContainEqual({ sku: "cpu", name: "CPU" });
    const secret = (await send(api, "GET", "/webhooks/default/secret", { headers: auth })).body;
    expect(secret).toEqual({ key: fake.webhookSecret });
    expect(secret.key).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });

  it("answers 401 in the API's shape without the right bearer token", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong" }];
    for (const headers of attempts) {
      const reply = await send(api, "GET", "/account", { headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 });
    }
  });

  it("answers unknown routes with 404 and known paths with a wrong method with 405", async () => {
    const unknown = await send(api, "GET", "/nothing/here", { headers: auth });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ title: "Not Found", detail: "Not found.", status: 404 });
    expect((await send(api, "PUT", "/account", { headers: auth })).status).toBe(405);
  });
});

describe("auth without a token", () => {
  it("accepts any token, or none", async () => {
    const fake = createFakeReplicate();
    expect((await fake.fetch(`${fake.baseUrl}/account`)).status).toBe(200);
    expect((await fake.fetch(`${fake.baseUrl}/account`, { headers: { authorization: "Bearer whatever" } })).status).toBe(200);
  });
});
