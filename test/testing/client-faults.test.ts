import { beforeEach, describe, expect, it } from "vitest";
import Replicate, {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  TimeoutError,
} from "../../src/index";
import { createFakeReplicate, type FakeReplicate } from "../../src/testing/index";

/** Each injected fault, and what the client does about it (README "Reliability"). */
describe("the client against injected faults", () => {
  let fake: FakeReplicate;
  let replicate: Replicate;

  beforeEach(() => {
    fake = createFakeReplicate({ token: "r8_test" });
    fake.model("acme/echo", (input) => input.text ?? "ok");
    fake.model("acme/llm", async function* () {
      yield* ["one", " two", " three", " four"];
    });
    replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch });
  });

  const count = (method: string, path: RegExp) => fake.requests.filter((r) => r.method === method && path.test(r.path)).length;

  it("waits out a 429's Retry-After, then succeeds (even for a POST)", async () => {
    fake.faults.next({ method: "POST", status: 429, retryAfter: 1 });
    const started = Date.now();
    expect(await replicate.run("acme/echo", { input: { text: "hi" } })).toBe("hi");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(count("POST", /predictions$/)).toBe(2);
    expect(fake.predictions).toHaveLength(1);
  });

  it("retries a GET answered 5xx, with back-off", async () => {
    const { id } = await replicate.predictions.create({ model: "acme/echo", input: {} });
    fake.faults.next(2, { method: "GET", path: "/predictions/:id", status: 503 });
    expect((await replicate.predictions.get(id)).id).toBe(id);
    const gets = fake.requests.filter((r) => r.method === "GET");
    expect(gets).toHaveLength(3);
    expect(gets[2]!.timestamp - gets[0]!.timestamp).toBeGreaterThanOrEqual(3 * 375 * 0.99);
  });

  it("does not retry a POST answered 5xx: it raises InternalServerError", async () => {
    fake.faults.next({ method: "POST", status: 500, detail: "worker crashed" });
    const error = await replicate.predictions.create({ model: "acme/echo", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, detail: "worker crashed" });
    expect(count("POST", /predictions$/)).toBe(1);
  });

  it("surfaces a connection dropped after a POST reached the server, without re-sending it", async () => {
    fake.faults.next({ method: "POST", drop: "after" });
    const error = await replicate.predictions.create({ model: "acme/echo", input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("other side closed");
    expect(count("POST", /predictions$/)).toBe(1);
    expect(fake.predictions).toHaveLength(1);
  });

  it("retries a GET whose connection dropped", async () => {
    fake.faults.next({ method: "GET", drop: true });
    expect((await replicate.accounts.current()).username).toBe("test-user");
    expect(count("GET", /^\/account$/)).toBe(2);
  });

  it("times out a slow attempt and retries the GET", async () => {
    replicate = new Replicate({ auth: "r8_test", fetch: fake.fetch, timeout: 50 });
    fake.faults.next({ method: "GET", latency: 500 });
    expect((await replicate.hardware.list()).length).toBeGreaterThan(0);
    expect(count("GET", /^\/hardware$/)).toBe(2);
    fake.faults.next({ method: "POST", latency: 500 });
    await expect(replicate.predictions.create({ model: "acme/echo", input: {} })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("raises ConnectionError when a stream is cut before done, after yielding what arrived", async () => {
    fake.faults.next({ path: "/streams/:id", cutStreamAfter: 2 });
    const tokens: string[] = [];
    const error = await (async () => {
      for await (const event of replicate.stream("acme/llm", { input: {} })) tokens.push(String(event));
    })().catch((e: unknown) => e);
    expect(tokens).toEqual(["one", " two"]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/^Request to \S+ failed: (?!no "done" event)/);
  });

  it("reports a malformed JSON body as an invalid response", async () => {
    fake.faults.next({ method: "GET", path: "/account", malformed: true });
    const error = await replicate.accounts.current().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidResponseError", status: 200 });
  });

  it("maps 401 and 404 to their error classes", async () => {
    const wrong = new Replicate({ auth: "r8_wrong", fetch: fake.fetch });
    await expect(wrong.accounts.current()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(replicate.run("acme/unknown", { input: {} })).rejects.toBeInstanceOf(NotFoundError);
  });
});
