import { describe, expect, it } from "vitest";
import { createFakeReplicate } from "../../src/testing/index";

describe("fake.fetch", () => {
  it("works unbound, with a Request, a URL or a string", async () => {
    const fake = createFakeReplicate();
    const { fetch } = fake;
    const url = `${fake.baseUrl}/account`;
    for (const input of [url, new URL(url), new Request(url)]) {
      const response = await fetch.call(undefined, input);
      expect(response.status).toBe(200);
      expect(response.url).toBe(url);
    }
  });

  it("answers at a configured base URL and derives the delivery base from it", async () => {
    const fake = createFakeReplicate({ baseUrl: "http://fake.test/api/v1/" });
    expect(fake.baseUrl).toBe("http://fake.test/api/v1");
    fake.model("acme/image", () => new Uint8Array([7]));
    const created = await fake.fetch("http://fake.test/api/v1/models/acme/image/predictions", { method: "POST", body: '{"input":{}}', headers: { prefer: "wait" } });
    const { output, urls } = await created.json();
    expect(urls.get.startsWith("http://fake.test/api/v1/predictions/")).toBe(true);
    expect(output).toMatch(/^http:\/\/fake\.test\/delivery\//);
    expect((await fake.fetch(output)).status).toBe(200);
    await expect(fake.fetch("https://api.replicate.com/v1/account")).rejects.toThrow(TypeError);
  });

  it("rejects URLs it does not serve with a TypeError naming the URL", async () => {
    const fake = createFakeReplicate();
    const error = await fake.fetch("https://example.com/image.png").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).cause)).toContain("https://example.com/image.png");
  });

  it("rejects with the abort reason, before or while waiting", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/slow", (_input, context) => context.sleep(60_000));
    const aborted = AbortSignal.abort(new Error("stop"));
    await expect(fake.fetch(`${fake.baseUrl}/account`, { signal: aborted })).rejects.toThrow("stop");
    const controller = new AbortController();
    const pending = fake.fetch(`${fake.baseUrl}/models/acme/slow/predictions`, {
      method: "POST",
      body: '{"input":{}}',
      headers: { prefer: "wait" },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("errors a stream body mid-read when the request is aborted", async () => {
    const fake = createFakeReplicate();
    fake.model("acme/llm", async function* (_input, context) {
      yield "first";
      await context.sleep(60_000);
    });
    const created = await (await fake.fetch(`${fake.baseUrl}/models/acme/llm/predictions`, { method: "POST", body: '{"input":{}}' })).json();
    const controller = new AbortController();
    const response = await fake.fetch(created.urls.stream, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    await fake.fetch(created.urls.cancel, { method: "POST" });
  });
});
