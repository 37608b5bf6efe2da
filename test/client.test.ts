import { createRequire } from "node:module";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import Replicate, {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../src/index";
import { VERSION } from "../src/version";
import { json, recordingFetch } from "./helpers/recording-fetch";
import { testClient, TOKEN } from "./helpers/test-client";

const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("new Replicate(options): defaults", () => {
  it("reads auth from process.env.REPLICATE_API_TOKEN when none is given", async () => {
    vi.stubEnv("REPLICATE_API_TOKEN", "r8_from_env");
    const api = recordingFetch();
    const replicate = new Replicate({ fetch: api.fetch });
    expect(replicate.auth).toBe("r8_from_env");
    await replicate.accounts.current();
    expect(api.calls[0]!.headers.get("Authorization")).toBe("Bearer r8_from_env");
  });

  it("prefers the auth option over the environment", () => {
    vi.stubEnv("REPLICATE_API_TOKEN", "r8_from_env");
    expect(new Replicate({ auth: "r8_given" }).auth).toBe("r8_given");
  });

  it("sends no Authorization header when there is no token", async () => {
    vi.stubEnv("REPLICATE_API_TOKEN", "");
    const api = recordingFetch();
    const replicate = new Replicate({ fetch: api.fetch });
    await replicate.accounts.current();
    replicate.auth = "";
    await replicate.accounts.current();
    expect(api.calls.map((call) => call.headers.has("Authorization"))).toEqual([false, false]);
  });

  it("sends User-Agent replicate-javascript/<version> unless told otherwise", async () => {
    const api = recordingFetch();
    await new Replicate({ fetch: api.fetch }).accounts.current();
    await new Replicate({ fetch: api.fetch, userAgent: "my-app/1.2.3" }).accounts.current();
    expect(api.calls.map((call) => call.headers.get("User-Agent"))).toEqual([
      `replicate-javascript/${VERSION}`,
      "my-app/1.2.3",
    ]);
  });

  it("puts the package.json version in the default User-Agent", () => {
    expect(new Replicate().userAgent).toBe(`replicate-javascript/${pkg.version}`);
  });

  it.each([
    ["the default baseUrl", undefined, "https://api.replicate.com/v1/predictions"],
    ["a baseUrl without a trailing slash", "https://proxy.example.com/r/v1", "https://proxy.example.com/r/v1/predictions"],
    ["a baseUrl with a trailing slash", "https://proxy.example.com/r/v1/", "https://proxy.example.com/r/v1/predictions"],
  ])("resolves routes against %s", async (_, baseUrl, expected) => {
    const api = recordingFetch();
    await new Replicate({ auth: TOKEN, fetch: api.fetch, baseUrl }).predictions.list();
    expect(api.calls[0]!.url.href).toBe(expected);
  });

  it("calls the fetch option unbound, with this === undefined (Cloudflare Workers' Illegal invocation)", async () => {
    let receiver: unknown = "not called";
    const replicate = new Replicate({
      fetch: function (this: unknown) {
        receiver = this;
        return Promise.resolve(json({}));
      },
    });
    await replicate.accounts.current();
    expect(receiver).toBeUndefined();
  });

  it("looks the default fetch up on globalThis at request time, not at construction", async () => {
    vi.stubGlobal("fetch", undefined);
    const replicate = new Replicate({ auth: TOKEN });
    const later = vi.fn(async () => json({ username: "ada" }));
    vi.stubGlobal("fetch", later);
    await expect(replicate.accounts.current()).resolves.toEqual({ username: "ada" });
    expect(later).toHaveBeenCalledTimes(1);
  });

  it("goes through whatever intercepts globalThis.fetch after the client was built (msw)", async () => {
    const replicate = new Replicate({ auth: TOKEN });
    const server = setupServer(
      http.get("https://api.replicate.com/v1/account", ({ request }) =>
        HttpResponse.json({ authorization: request.headers.get("Authorization"), agent: request.headers.get("User-Agent") }),
      ),
    );
    server.listen({ onUnhandledRequest: "error" });
    try {
      await expect(replicate.accounts.current()).resolves.toEqual({
        authorization: `Bearer ${TOKEN}`,
        agent: `replicate-javascript/${VERSION}`,
      });
    } finally {
      server.close();
    }
  });

  it("rejects with a clear error when no fetch exists at request time", async () => {
    vi.stubGlobal("fetch", undefined);
    const replicate = new Replicate({ auth: TOKEN, maxRetries: 0 });
    await expect(replicate.accounts.current()).rejects.toThrow(/No fetch implementation found/);
  });

  it("defaults fileEncodingStrategy to default, useFileOutput to true, timeout and maxRetries", () => {
    const replicate = new Replicate();
    expect(replicate).toMatchObject({
      baseUrl: "https://api.replicate.com/v1",
      fileEncodingStrategy: "default",
      useFileOutput: true,
      timeout: 120_000,
      maxRetries: 5,
    });
    expect(new Replicate({ useFileOutput: false }).useFileOutput).toBe(false);
  });

  it.each([
    ["options that are not an object", "r8_token", /options must be an object/],
    ["a baseUrl that is not a URL", { baseUrl: "api.replicate.com" }, /baseUrl must be an absolute URL/],
    ["a fetch that is not a function", { fetch: "fetch" }, /fetch must be a function/],
    ["an unknown fileEncodingStrategy", { fileEncodingStrategy: "base64" }, /fileEncodingStrategy must be/],
  ])("throws on %s", (_, options, message) => {
    expect(() => new Replicate(options as never)).toThrow(message);
  });
});

describe("public fields", () => {
  it("auth, userAgent, baseUrl and fetch take effect on the next request", async () => {
    const { replicate, calls } = testClient();
    await replicate.accounts.current();
    const other = recordingFetch();
    Object.assign(replicate, {
      auth: "r8_new",
      userAgent: "agent/2",
      baseUrl: "https://proxy.example.com/v1",
      fetch: other.fetch,
    });
    await replicate.accounts.current();
    expect(calls).toHaveLength(1);
    expect(other.calls[0]!.url.href).toBe("https://proxy.example.com/v1/account");
    expect(other.calls[0]!.headers.get("Authorization")).toBe("Bearer r8_new");
    expect(other.calls[0]!.headers.get("User-Agent")).toBe("agent/2");
  });

  it("fileEncodingStrategy takes effect on the next create: data-uri sends the file inline", async () => {
    const { replicate, calls } = testClient(() => json({ id: "p1" }));
    replicate.fileEncodingStrategy = "data-uri";
    await replicate.predictions.create({ version: "v1", input: { file: new Blob(["hi"], { type: "text/plain" }) } });
    expect(calls.map((call) => call.path)).toEqual(["/v1/predictions"]);
    expect(calls[0]!.json()).toEqual({ input: { file: "data:text/plain;base64,aGk=" }, version: "v1" });
  });

  it("useFileOutput takes effect on the next run", async () => {
    const output = "https://replicate.delivery/out.png";
    const { replicate } = testClient(() => json({ id: "p1", status: "succeeded", output }));
    expect(String(await replicate.run("acme/hello", { input: {} }))).toBe(output);
    expect(typeof (await replicate.run("acme/hello", { input: {} }))).toBe("object");
    replicate.useFileOutput = false;
    expect(await replicate.run("acme/hello", { input: {} })).toBe(output);
  });
});

describe("request()", () => {
  it("resolves a relative route against baseUrl, with or without a leading slash, GET by default", async () => {
    const { replicate, calls } = testClient();
    const response = await replicate.request("/predictions", {});
    await replicate.request("predictions");
    expect(response).toBeInstanceOf(Response);
    expect(calls.map((call) => `${call.method} ${call.url.href}`)).toEqual([
      "GET https://api.replicate.com/v1/predictions",
      "GET https://api.replicate.com/v1/predictions",
    ]);
  });

  it("resolves with the unread Response", async () => {
    const { replicate } = testClient(() => json({ ok: 1 }, { status: 201 }));
    const response = await replicate.request("/x");
    expect(response.status).toBe(201);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ ok: 1 });
  });

  it("uses a URL route as given and leaves the caller's URL unchanged", async () => {
    const { replicate, calls } = testClient();
    const url = new URL("https://api.replicate.com/v1/predictions?cursor=abc");
    await replicate.request(url, { params: { limit: 5 } });
    expect(calls[0]!.url.href).toBe("https://api.replicate.com/v1/predictions?cursor=abc&limit=5");
    expect(url.href).toBe("https://api.replicate.com/v1/predictions?cursor=abc");
  });

  it("appends params to the query", async () => {
    const { replicate, calls } = testClient();
    await replicate.request("/models", { params: { q: "a b&c", page: 2 } });
    expect(calls[0]!.url.search).toBe("?q=a+b%26c&page=2");
  });

  it("sends data as JSON with the method given", async () => {
    const { replicate, calls } = testClient();
    await replicate.request("/deployments", { method: "POST", data: { name: "x", n: [1] } });
    expect(calls[0]!.method).toBe("POST");
    expect(calls[0]!.headers.get("Content-Type")).toBe("application/json");
    expect(calls[0]!.text()).toBe('{"name":"x","n":[1]}');
  });

  it.each([
    ["a plain object", { "X-Trace": "1", "content-type": "text/plain" }],
    ["a Headers instance", new Headers({ "X-Trace": "1", "Content-Type": "text/plain" })],
  ])("merges headers given as %s over the defaults", async (_, headers) => {
    const { replicate, calls } = testClient();
    await replicate.request("/x", { method: "POST", headers, data: "raw" });
    const sent = calls[0]!.headers;
    expect(sent.get("X-Trace")).toBe("1");
    expect(sent.get("Content-Type")).toBe("text/plain");
    expect(sent.get("Authorization")).toBe(`Bearer ${TOKEN}`);
    expect(sent.get("User-Agent")).toBe(`replicate-javascript/${VERSION}`);
  });

  it("sends a FormData body without a Content-Type of its own, so the platform adds the boundary", async () => {
    const { replicate, calls } = testClient();
    const form = new FormData();
    form.append("field", "value");
    await replicate.request("/files", { method: "POST", data: form });
    expect(calls[0]!.headers.has("Content-Type")).toBe(false);
    expect(calls[0]!.bodyType).toMatch(/^multipart\/form-data; boundary=/);
    expect((await calls[0]!.formData()).get("field")).toBe("value");
  });

  // 1.4.0's own files.create passed "Content-Type: multipart/form-data" and relied on request()
  // dropping it for FormData; code copied from it must still send a parseable multipart body.
  it("drops a boundary-less multipart Content-Type given with a FormData body, as 1.4.0 does", async () => {
    const { replicate, calls } = testClient();
    const form = new FormData();
    form.append("field", "value");
    await replicate.request("/files", { method: "POST", data: form, headers: { "Content-Type": "multipart/form-data" } });
    expect(calls[0]!.bodyType).toMatch(/^multipart\/form-data; boundary=/);
    expect((await calls[0]!.formData()).get("field")).toBe("value");
  });

  it.each([
    ["a number route", 42],
    ["no route", undefined],
  ])("rejects %s before any request", async (_, route) => {
    const { replicate, calls } = testClient();
    await expect(replicate.request(route as never)).rejects.toThrow(/route must be a path/);
    expect(calls).toHaveLength(0);
  });
});

describe("ApiError", () => {
  const problem = { title: "Not found", detail: "No prediction with id x.", status: 404 };

  function failing(status: number, statusText: string, body: string) {
    return testClient(() => new Response(body, { status, statusText, headers: { "Content-Type": "application/json" } }), {
      maxRetries: 0,
    });
  }

  it("has 1.4.0's message, the response and the request with the token redacted", async () => {
    const { replicate } = failing(404, "Not Found", JSON.stringify(problem));
    const error = await replicate.predictions.get("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.message).toBe(
      `Request to https://api.replicate.com/v1/predictions/x failed with status 404 Not Found: ${JSON.stringify(problem)}.`,
    );
    expect(apiError.name).toBe("ApiError");
    expect(apiError.response.status).toBe(404);
    expect(apiError.request).toBeInstanceOf(Request);
    expect(apiError.request.url).toBe("https://api.replicate.com/v1/predictions/x");
    expect(apiError.request.method).toBe("GET");
    const authorization = apiError.request.headers.get("Authorization");
    expect(authorization).not.toBeNull();
    expect(authorization).not.toContain(TOKEN);
  });

  it("parses title and detail from a problem-details body", async () => {
    const { replicate } = failing(404, "Not Found", JSON.stringify(problem));
    const error = (await replicate.predictions.get("x").catch((e: unknown) => e)) as ApiError;
    expect(error.title).toBe("Not found");
    expect(error.detail).toBe("No prediction with id x.");
  });

  it("leaves title and detail undefined when the body is not JSON", async () => {
    const { replicate } = failing(400, "Bad Request", "<html>oops</html>");
    const error = (await replicate.predictions.get("x").catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(
      "Request to https://api.replicate.com/v1/predictions/x failed with status 400 Bad Request: <html>oops</html>.",
    );
    expect(error.title).toBeUndefined();
    expect(error.detail).toBeUndefined();
  });

  it("never repeats the token, even when the server echoes it back", async () => {
    const { replicate } = failing(401, "Unauthorized", `{"detail":"bad token ${TOKEN}"}`);
    const error = (await replicate.accounts.current().catch((e: unknown) => e)) as ApiError;
    expect(error.message).toContain("failed with status 401 Unauthorized");
    expect(error.message).not.toContain(TOKEN);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
  ])("a %i is a %o, and an ApiError", async (status, ErrorClass) => {
    const { replicate } = failing(status, "Status", "{}");
    const error = await replicate.accounts.current().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).response.status).toBe(status);
  });
});

describe("every resource method", () => {
  /** Each method of each resource namespace, detached, by its dotted name. */
  function methodsOf(value: object, prefix: string, out: Array<[string, (...args: unknown[]) => unknown]> = []) {
    for (const [key, member] of Object.entries(value)) {
      if (typeof member === "function") out.push([`${prefix}.${key}`, member as (...args: unknown[]) => unknown]);
      else if (typeof member === "object" && member !== null) methodsOf(member, `${prefix}.${key}`, out);
    }
    return out;
  }
  const { replicate: probe } = testClient();
  const namespaces = ["accounts", "collections", "deployments", "files", "hardware", "models", "predictions", "trainings", "webhooks"] as const;
  const methods = namespaces.flatMap((name) => methodsOf(probe[name], name));

  it("finds every method of SPEC.md's route table, and nothing else", () => {
    expect(methods.map(([name]) => name).sort()).toEqual(
      [
        "accounts.current",
        "collections.get",
        "collections.list",
        "deployments.create",
        "deployments.delete",
        "deployments.get",
        "deployments.list",
        "deployments.predictions.create",
        "deployments.update",
        "files.create",
        "files.delete",
        "files.get",
        "files.list",
        "hardware.list",
        "models.create",
        "models.get",
        "models.list",
        "models.search",
        "models.versions.get",
        "models.versions.list",
        "predictions.cancel",
        "predictions.create",
        "predictions.get",
        "predictions.list",
        "trainings.cancel",
        "trainings.create",
        "trainings.get",
        "trainings.list",
        "webhooks.default.secret.get",
      ].sort(),
    );
  });

  it.each(namespaces)("of %s, detached, returns a rejected promise for garbage arguments and sends nothing", async (name) => {
    const { replicate, calls } = testClient();
    for (const [method, fn] of methodsOf(replicate[name], name)) {
      let result: unknown;
      expect(() => (result = fn(42, 42, 42, 42)), method).not.toThrow();
      expect(result, method).toBeInstanceOf(Promise);
      await expect(result, method).rejects.toThrow(TypeError);
    }
    expect(calls).toHaveLength(0);
  });
});

describe("a fetch that throws before returning a promise", () => {
  it("surfaces the error at once instead of retrying it as a network failure", async () => {
    let calls = 0;
    const illegal = () => {
      calls += 1;
      throw new TypeError("Illegal invocation");
    };
    const replicate = new Replicate({ auth: "r8_test", fetch: illegal as never });
    await expect(replicate.predictions.get("abc")).rejects.toThrow("Illegal invocation");
    expect(calls).toBe(1);
  });
});

describe("a 2xx answer that is not JSON", () => {
  it("names the request's URL even when a custom fetch's Response has none", async () => {
    const fetch = async () => new Response("<html>proxy error</html>", { status: 200 });
    const replicate = new Replicate({ auth: "r8_test", fetch: fetch as never });
    await expect(replicate.predictions.get("abc")).rejects.toThrow(
      'Request to https://api.replicate.com/v1/predictions/abc failed: expected JSON (status 200), got "<html>proxy error</html>"',
    );
  });
});
