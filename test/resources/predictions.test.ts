import { describe, expect, it } from "vitest";
import { json } from "../helpers/recording-fetch";
import { expectRejectsBeforeRequest, expectRequest, testClient } from "../helpers/test-client";

const prediction = { id: "p1", status: "starting", urls: { get: "https://api.replicate.com/v1/predictions/p1" } };

describe("predictions.create", () => {
  it("POSTs /predictions with {...rest, input, version} when given a version", async () => {
    const { replicate, calls } = testClient(() => json(prediction, { status: 201 }));
    const result = await replicate.predictions.create({
      version: "v1",
      input: { prompt: "hi" },
      webhook: "https://example.com/hook",
      webhook_events_filter: ["completed"],
      stream: true,
    });
    expect(result).toEqual(prediction);
    expect(calls).toHaveLength(1);
    // The exact text: key order matters for byte-identical bodies with 1.4.0.
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/predictions",
      text: '{"webhook":"https://example.com/hook","webhook_events_filter":["completed"],"stream":true,"input":{"prompt":"hi"},"version":"v1"}',
    });
  });

  it("POSTs /models/{owner}/{name}/predictions with {...rest, input} when given a model", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.create({ model: "acme/hello-world", input: { n: 1 }, stream: false });
    expectRequest(calls[0], {
      method: "POST",
      path: "/v1/models/acme/hello-world/predictions",
      json: { stream: false, input: { n: 1 } },
    });
  });

  it("prefers the version when both model and version are given, as 1.4.0 does", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.create({ model: "acme/hello", version: "v1", input: {} } as never);
    expectRequest(calls[0], { method: "POST", path: "/v1/predictions", json: { input: {}, version: "v1" } });
  });

  it("percent-encodes the model's owner and name", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.create({ model: "a?b/c#d", input: {} });
    expect(calls[0]!.url.pathname).toBe("/v1/models/a%3Fb/c%23d/predictions");
    expect(calls[0]!.url.search).toBe("");
  });

  it.each([
    [true, "wait"],
    [5, "wait=5"],
    [0.2, "wait=1"],
    [4.5, "wait=5"],
    [60, "wait=60"],
  ])("sends wait: %s as Prefer: %s", async (wait, header) => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.create({ version: "v1", input: {}, wait });
    expectRequest(calls[0], { method: "POST", path: "/v1/predictions", json: { input: {}, version: "v1" }, prefer: header });
  });

  it.each([false, 0, undefined, null, Number.NaN])("sends no Prefer header for wait: %s", async (wait) => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.create({ version: "v1", input: {}, wait: wait as never });
    expect(calls[0]!.headers.has("Prefer")).toBe(false);
    expect(calls[0]!.json()).not.toHaveProperty("wait");
  });

  it("keeps the signal out of the body and links it to the request", async () => {
    const controller = new AbortController();
    let abortedInFlight: boolean | undefined;
    const { replicate, calls } = testClient((call) => {
      controller.abort();
      abortedInFlight = call.signal?.aborted;
      return json(prediction);
    });
    await replicate.predictions.create({ version: "v1", input: {}, signal: controller.signal }).catch(() => {});
    expect(calls[0]!.json()).toEqual({ input: {}, version: "v1" });
    expect(abortedInFlight).toBe(true);
  });

  describe("rejects before any request", () => {
    it.each([
      ["no options", undefined, /options must be an object/],
      ["options that are not an object", "v1", /options must be an object/],
      ["a missing input", { version: "v1" }, /options.input must be an object, got undefined/],
      ["an input that is not an object", { version: "v1", input: "hi" }, /options.input must be an object/],
      ["neither model nor version", { input: {} }, "Either model or version must be specified"],
      ["an empty version", { version: "", input: {} }, /version must be a non-empty string/],
      ["a version that is not a string", { version: 42, input: {} }, /version must be a non-empty string/],
      ["a model without a name", { model: "acme", input: {} }, /model must be "owner\/name"/],
      ["a model with extra segments", { model: "a/b/c", input: {} }, /model must be "owner\/name"/],
      ["a model that is not a string", { model: ["a", "b"], input: {} }, /model must be "owner\/name"/],
      ["a model segment of ..", { model: "../account", input: {} }, /cannot be "\.\."/],
      ["an invalid webhook URL", { version: "v1", input: {}, webhook: "not a url" }, "Invalid webhook URL"],
      ["a negative wait", { version: "v1", input: {}, wait: -1 }, /wait must be true or a positive number, got -1/],
      ["an infinite wait", { version: "v1", input: {}, wait: Infinity }, /wait must be/],
      ["a string wait", { version: "v1", input: {}, wait: "yes" }, /wait must be/],
      ["a signal that is not a signal", { version: "v1", input: {}, signal: "stop" }, /signal must be an AbortSignal/],
      ["a negative timeout", { version: "v1", input: {}, timeout: -1 }, /timeout must be a non-negative number/],
    ])("%s", async (_, options, message) => {
      const { replicate, calls } = testClient();
      await expectRejectsBeforeRequest(calls, () => replicate.predictions.create(options as never), message);
    });

    it("an already-aborted signal", async () => {
      const { replicate, calls } = testClient();
      const signal = AbortSignal.abort(new Error("stop"));
      await expectRejectsBeforeRequest(
        calls,
        () => replicate.predictions.create({ version: "v1", input: {}, signal }),
        "The operation was aborted",
      );
    });
  });
});

describe("predictions.get / cancel / list", () => {
  it("GETs /predictions/{id} and resolves with the prediction", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    await expect(replicate.predictions.get("p1")).resolves.toEqual(prediction);
    expectRequest(calls[0], { method: "GET", path: "/v1/predictions/p1" });
  });

  it("POSTs /predictions/{id}/cancel with no body", async () => {
    const canceled = { ...prediction, status: "canceled" };
    const { replicate, calls } = testClient(() => json(canceled));
    await expect(replicate.predictions.cancel("p1")).resolves.toEqual(canceled);
    expectRequest(calls[0], { method: "POST", path: "/v1/predictions/p1/cancel" });
  });

  it("GETs /predictions and resolves with the page", async () => {
    const page = { next: "https://api.replicate.com/v1/predictions?cursor=c2", previous: null, results: [prediction] };
    const { replicate, calls } = testClient(() => json(page));
    await expect(replicate.predictions.list()).resolves.toEqual(page);
    expectRequest(calls[0], { method: "GET", path: "/v1/predictions" });
  });

  it("percent-encodes ids, so ../account cannot reach /v1/account (1.4.0 defect 3)", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    await replicate.predictions.get("../account");
    await replicate.predictions.cancel("a/b?c#d");
    expect(calls.map((call) => call.url.href)).toEqual([
      "https://api.replicate.com/v1/predictions/..%2Faccount",
      "https://api.replicate.com/v1/predictions/a%2Fb%3Fc%23d/cancel",
    ]);
  });

  it.each([
    ["an empty id", ""],
    ["a blank id", "  "],
    ["a number", 42],
    ["undefined", undefined],
    ["a dot segment", ".."],
  ])("get and cancel reject %s before any request", async (_, id) => {
    const { replicate, calls } = testClient();
    const message = id === ".." ? /cannot be "\.\."/ : /prediction_id must be a non-empty string/;
    await expectRejectsBeforeRequest(calls, () => replicate.predictions.get(id as never), message);
    await expectRejectsBeforeRequest(calls, () => replicate.predictions.cancel(id as never), message);
  });

  it.each([
    ["options that are not an object", "fast", /options must be an object/],
    ["a signal that is not a signal", { signal: {} }, /options.signal must be an AbortSignal/],
    ["a negative timeout", { timeout: -5 }, /options.timeout must be a non-negative number/],
    ["a fractional maxRetries", { maxRetries: 1.5 }, /options.maxRetries must be a non-negative integer/],
  ])("reject bad trailing options (%s) before any request", async (_, options, message) => {
    const { replicate, calls } = testClient();
    await expectRejectsBeforeRequest(calls, () => replicate.predictions.get("p1", options as never), message);
    await expectRejectsBeforeRequest(calls, () => replicate.predictions.cancel("p1", options as never), message);
    await expectRejectsBeforeRequest(calls, () => replicate.predictions.list(options as never), message);
  });
});

describe("predictions methods detached from the client", () => {
  it("work when destructured", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    const { create, get, cancel, list } = replicate.predictions;
    await create({ version: "v1", input: {} });
    await get("p1");
    await cancel("p1");
    await list();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /v1/predictions",
      "GET /v1/predictions/p1",
      "POST /v1/predictions/p1/cancel",
      "GET /v1/predictions",
    ]);
  });

  it("use the client's fields as they are at call time", async () => {
    const { replicate, calls } = testClient(() => json(prediction));
    const { get } = replicate.predictions;
    replicate.auth = "r8_rotated";
    replicate.baseUrl = "https://proxy.example.com/replicate/v1/";
    await get("p1");
    expect(calls[0]!.url.href).toBe("https://proxy.example.com/replicate/v1/predictions/p1");
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer r8_rotated");
  });
});

describe("predictions.create with file inputs", () => {
  const uploaded = { id: "f1", urls: { get: "https://api.replicate.com/v1/files/f1" } };

  it("uploads each file through POST /files first, then sends its URL", async () => {
    const { replicate, calls } = testClient((call) => json(call.path === "/v1/files" ? uploaded : prediction));
    await replicate.predictions.create({
      version: "v1",
      input: { image: new Blob(["png"], { type: "image/png" }), prompt: "x" },
    });
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(["POST /v1/files", "POST /v1/predictions"]);
    expect(calls[1]!.json()).toEqual({ input: { image: uploaded.urls.get, prompt: "x" }, version: "v1" });
  });

  it("passes the caller's signal to the upload: an abort during it means the prediction is never sent", async () => {
    const controller = new AbortController();
    let uploadSawAbort: boolean | undefined;
    const { replicate, calls } = testClient((call) => {
      controller.abort();
      uploadSawAbort = call.signal?.aborted;
      return json(uploaded);
    });
    const create = replicate.predictions.create({
      version: "v1",
      input: { image: new Blob(["png"]) },
      signal: controller.signal,
    });
    await expect(create).rejects.toThrow("The operation was aborted");
    expect(uploadSawAbort).toBe(true);
    expect(calls.map((call) => call.path)).toEqual(["/v1/files"]);
  });

  it("does not upload anything when the options are invalid", async () => {
    const { replicate, calls } = testClient(() => json(uploaded));
    await expectRejectsBeforeRequest(
      calls,
      () => replicate.predictions.create({ input: { image: new Blob(["png"]) } } as never),
      "Either model or version must be specified",
    );
  });

  it("stops before uploading when the signal is already aborted", async () => {
    const { replicate, calls } = testClient(() => json(uploaded));
    const signal = AbortSignal.abort();
    await expectRejectsBeforeRequest(
      calls,
      () => replicate.predictions.create({ version: "v1", input: { image: new Blob(["png"]) }, signal }),
      "The operation was aborted",
    );
  });
});
