import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createFakeReplicate } from "../../src/testing/index";

describe("fake.listen()", () => {
  it("serves on 127.0.0.1 at /v1, with URLs that point back at the server", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/image", () => new Blob(["img"], { type: "image/webp" }));
    const server = await fake.listen();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const created = await fetch(`${server.url}/models/acme/image/predictions`, { method: "POST", body: '{"input":{}}', headers: { prefer: "wait" } });
      const prediction = await created.json();
      const origin = new URL(server.url).origin;
      for (const url of [prediction.urls.get, prediction.urls.stream, prediction.output]) expect(url.startsWith(origin)).toBe(true);
      expect(await (await fetch(prediction.output)).text()).toBe("img");
      // While listening, the in-memory fetch also answers the server's URLs.
      expect((await fake.fetch(prediction.urls.get)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("answers a request from another process", async () => {
    const fake = createFakeReplicate({ token: "r8_x" });
    const server = await fake.listen();
    try {
      const script = `fetch(process.argv[1] + "/account", { headers: { authorization: "Bearer r8_x" } }).then(r => r.json()).then(j => console.log(j.username))`;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script, server.url]);
      expect(stdout.trim()).toBe("test-user");
      expect(fake.requests[0]?.headers.authorization).toBe("Bearer r8_x");
    } finally {
      await server.close();
    }
  });

  it("close() ends open streams and frees the port", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/llm", async function* (_input, context) {
      yield "first";
      await context.sleep(60_000);
    });
    const server = await fake.listen();
    const prediction = await (await fetch(`${server.url}/models/acme/llm/predictions`, { method: "POST", body: '{"input":{}}' })).json();
    const stream = await fetch(prediction.urls.stream);
    const reader = stream.body!.getReader();
    await reader.read();
    await server.close();
    await expect(reader.read()).rejects.toThrow();
    await expect(fetch(`${server.url}/account`)).rejects.toThrow(TypeError);
    await expect(fake.fetch(`${server.url}/account`)).rejects.toThrow(TypeError);
    await fake.fetch(`${fake.baseUrl}/predictions/${prediction.id}/cancel`, { method: "POST" });
  });

  it("runs several servers of one fake side by side, sharing state", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/echo", () => "ok");
    const [one, two] = await Promise.all([fake.listen(), fake.listen()]);
    try {
      const created = await (await fetch(`${one.url}/models/acme/echo/predictions`, { method: "POST", body: '{"input":{}}' })).json();
      const seen = await (await fetch(`${two.url}/predictions/${created.id}`)).json();
      expect(seen.urls.get.startsWith(two.url)).toBe(true);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
