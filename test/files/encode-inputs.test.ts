import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import Replicate, { AbortError, ApiError } from "../../src/index";
import { encodeFileInputs } from "../../src/files/encode-inputs";
import type { FileLike } from "../../src/files/file-like";
import { json, recordingFetch, type RecordedCall } from "../helpers/recording-fetch";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const TOKEN = "r8_s3cret_t0ken_value";
const VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
const HELLO = new TextEncoder().encode("hello world");
const HELLO_B64 = "aGVsbG8gd29ybGQ=";

type Uploads = "ok" | "503" | "400" | "network";

/**
 * The API as file inputs meet it: POST /files answers per `uploads` (file URLs numbered f1, f2, ...),
 * every create echoes its body's `input` back.
 */
function api(uploads: Uploads = "ok") {
  let files = 0;
  const recorder = recordingFetch((call) => {
    if (call.path === "/v1/files") {
      if (uploads === "network") throw new TypeError("fetch failed");
      if (uploads === "503") return new Response("Service Unavailable", { status: 503 });
      if (uploads === "400") return json({ detail: "Invalid file" }, { status: 400 });
      files++;
      return json({ id: `f${files}`, urls: { get: `https://api.replicate.com/v1/files/f${files}` } }, { status: 201 });
    }
    return json({ id: "p1", status: "starting", input: (call.json() as { input: unknown }).input }, { status: 201 });
  });
  const uploadsMade = () => recorder.calls.filter((call) => call.path === "/v1/files");
  const creates = () => recorder.calls.filter((call) => call.path !== "/v1/files");
  return { ...recorder, uploadsMade, creates };
}

type Strategy = "default" | "upload" | "data-uri";
const client = (fetch: unknown, fileEncodingStrategy: Strategy = "default") =>
  new Replicate({ auth: TOKEN, fetch: fetch as typeof globalThis.fetch, fileEncodingStrategy });
const client14 = (fetch: unknown, fileEncodingStrategy: Strategy = "default") => new Replicate14({ auth: TOKEN, fetch, fileEncodingStrategy });

const create = (replicate: { predictions: { create(options: object): Promise<unknown> } }, input: object) =>
  replicate.predictions.create({ version: VERSION, input });

/** Decodes a data URI the slow, obvious way, for comparison. */
function decode(uri: string): { mime: string; bytes: Uint8Array } {
  const match = /^data:([^;,]*);base64,(.*)$/s.exec(uri);
  if (!match) throw new Error(`not a base64 data URI: ${uri.slice(0, 60)}`);
  return { mime: match[1]!, bytes: new Uint8Array(Buffer.from(match[2]!, "base64")) };
}

const sentInput = (call: RecordedCall | undefined) => (call!.json() as { input: any }).input;

/** Bytes following a simple pattern, built with a plain loop (Uint8Array.from with a mapper is slow). */
function patterned(length: number, step: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * step) & 0xff;
  return bytes;
}

/** Byte equality for megabytes: toEqual walks element by element and takes minutes. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  const differs = Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.length), Buffer.from(expected.buffer, expected.byteOffset, expected.length));
  expect(differs, "the bytes differ").toBe(0);
}

describe("file-like values", () => {
  const bytes16 = new Int16Array([1, -2, 3]);
  const big = new Uint8Array([9, 8, 7, 6, 5, 4]);
  const cases: [string, () => unknown, Uint8Array, string][] = [
    ["Blob", () => new Blob([HELLO], { type: "text/plain" }), HELLO, "text/plain"],
    ["File", () => new File([HELLO], "hello.txt", { type: "text/plain" }), HELLO, "text/plain"],
    ["untyped Blob", () => new Blob([HELLO]), HELLO, "application/octet-stream"],
    ["Buffer", () => Buffer.from("hello world"), HELLO, "application/octet-stream"],
    ["Uint8Array", () => HELLO, HELLO, "application/octet-stream"],
    ["Int16Array", () => bytes16, new Uint8Array(bytes16.buffer), "application/octet-stream"],
    ["Float32Array", () => new Float32Array([1.5]), new Uint8Array(new Float32Array([1.5]).buffer), "application/octet-stream"],
    ["DataView", () => new DataView(big.buffer, 1, 2), new Uint8Array([8, 7]), "application/octet-stream"],
    ["ArrayBuffer", () => HELLO.slice().buffer, HELLO, "application/octet-stream"],
    ["subarray (only its own bytes)", () => big.subarray(2, 4), new Uint8Array([7, 6]), "application/octet-stream"],
  ];

  it.each(cases)("a %s is sent as a data URI of its bytes", async (_name, value, expected, mime) => {
    const { fetch, calls } = api();
    await create(client(fetch, "data-uri"), { data: value() });
    expect(decode(sentInput(calls[0]).data)).toEqual({ mime, bytes: expected });
  });

  it.each(cases)("a %s is uploaded with its bytes and replaced by the file URL", async (_name, value, expected) => {
    const { fetch, uploadsMade, creates } = api();
    await create(client(fetch, "upload"), { data: value() });
    const form = await uploadsMade()[0]!.formData();
    const content = form.get("content") as File;
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(expected);
    expect(await (form.get("metadata") as Blob).text()).toBe("{}");
    expect(sentInput(creates()[0])).toEqual({ data: "https://api.replicate.com/v1/files/f1" });
  });

  it("keeps a File's name, and names other uploads blob_<ms> and buffer_<ms> as 1.4.0", async () => {
    const { fetch, uploadsMade } = api();
    await create(client(fetch, "upload"), { a: new File([HELLO], "photo.jpg"), b: new Blob([HELLO]), c: Buffer.from(HELLO) });
    const names = await Promise.all(uploadsMade().map(async (call) => ((await call.formData()).get("content") as File).name));
    expect(names[0]).toBe("photo.jpg");
    expect(names[1]).toMatch(/^blob_\d+$/);
    expect(names[2]).toMatch(/^buffer_\d+$/);
  });
});

describe('strategy "upload"', () => {
  it("replaces files deep in arrays and objects, leaving every other value as it was", async () => {
    const { fetch, uploadsMade, creates } = api();
    const when = "2024-01-01";
    await create(client(fetch, "upload"), {
      prompt: "a cat",
      images: [new Blob(["a"]), { mask: new Blob(["b"]), strength: 0.5 }],
      nested: { deeper: { audio: Buffer.from("c"), flags: [true, null, 3] } },
      when,
    });
    expect(uploadsMade()).toHaveLength(3);
    expect(sentInput(creates()[0])).toEqual({
      prompt: "a cat",
      images: ["https://api.replicate.com/v1/files/f1", { mask: "https://api.replicate.com/v1/files/f2", strength: 0.5 }],
      nested: { deeper: { audio: "https://api.replicate.com/v1/files/f3", flags: [true, null, 3] } },
      when,
    });
  });

  it("uploads the same object once however often it appears", async () => {
    const { fetch, uploadsMade, creates } = api();
    const image = new Blob(["same"]);
    await create(client(fetch, "upload"), { first: image, again: [image], other: new Blob(["other"]) });
    expect(uploadsMade()).toHaveLength(2);
    expect(sentInput(creates()[0])).toEqual({
      first: "https://api.replicate.com/v1/files/f1",
      again: ["https://api.replicate.com/v1/files/f1"],
      other: "https://api.replicate.com/v1/files/f2",
    });
  });

  it("rethrows an upload failure without creating the prediction", async () => {
    const { fetch, creates } = api("503");
    await expect(create(client(fetch, "upload"), { data: new Blob(["x"]) })).rejects.toBeInstanceOf(ApiError);
    expect(creates()).toHaveLength(0);
  });

  it("sends an input without files untouched and uploads nothing", async () => {
    const { fetch, calls } = api();
    const input = { prompt: "hi", list: [1, "two"], nested: { ok: true } };
    await create(client(fetch, "upload"), input);
    expect(calls).toHaveLength(1);
    expect(sentInput(calls[0])).toEqual(input);
  });
});

describe('strategy "data-uri"', () => {
  it("encodes the input's files and nothing else: the token never reaches the body", async () => {
    const { fetch, calls } = api();
    await create(client(fetch, "data-uri"), { prompt: "describe", image: new Blob([HELLO], { type: "image/png" }) });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.json()).toEqual({ input: { prompt: "describe", image: `data:image/png;base64,${HELLO_B64}` }, version: VERSION });
    expect(calls[0]!.text()).not.toContain(TOKEN);
  });

  it("1.4.0 sends the serialized client, token included, as the input (defect 1)", async () => {
    const { fetch, calls } = api();
    await create(client14(fetch, "data-uri"), { prompt: "describe", image: new Blob([HELLO]) });
    expect(calls[0]!.text()).toContain(TOKEN);
    expect(sentInput(calls[0])).toMatchObject({ auth: TOKEN, fileEncodingStrategy: "data-uri" });
  });

  it("encodes a combined 10 MB − 1 byte, which decodes back to the same bytes", async () => {
    const first = patterned(6_000_000, 31);
    const secondBytes = patterned(10_000_000 - 1 - first.length, 7);
    const second = new Blob([secondBytes as BlobPart], { type: "audio/wav" });
    const { fetch, calls } = api();
    await create(client(fetch, "data-uri"), { first, second });
    const sent = sentInput(calls[0]);
    expectSameBytes(decode(sent.first).bytes, first);
    expect(decode(sent.second).mime).toBe("audio/wav");
    expectSameBytes(decode(sent.second).bytes, secondBytes);
  });

  it.each([
    ["two files", () => ({ a: new Uint8Array(6_000_000), b: new Blob([new Uint8Array(4_000_001)]) }), 10_000_001],
    ["one file used twice", () => ((file) => ({ a: file, b: [file] }))(new Uint8Array(5_000_001)), 10_000_002],
  ])("rejects %s over 10 MB with a clear error before any request", async (_name, input, total) => {
    const { fetch, calls } = api();
    await expect(create(client(fetch, "data-uri"), input())).rejects.toThrow(
      `Combined filesize of prediction ${total} bytes exceeds 10mb limit for inline encoding, please provide URLs instead`,
    );
    expect(calls).toHaveLength(0);
  });

  it("encodes a 1 MB input; 1.4.0's encoder overflows the stack (defect 4)", async () => {
    const mb = patterned(1_000_000, 1);
    const ours = api();
    await create(client(ours.fetch, "data-uri"), { data: mb });
    expectSameBytes(decode(sentInput(ours.calls[0]).data).bytes, mb);

    // 1.4.0's own data-URI path sends the client instead (defect 1); its fallback path shows the overflow.
    const theirs = api("503");
    await expect(create(client14(theirs.fetch, "default"), { data: new Blob([mb as BlobPart]) })).rejects.toThrow(
      /Maximum call stack size exceeded/,
    );
  });
});

describe('strategy "default"', () => {
  it("uploads when the upload works", async () => {
    const { fetch, uploadsMade, creates } = api();
    await create(client(fetch), { data: new Blob(["x"]) });
    expect(uploadsMade()).toHaveLength(1);
    expect(sentInput(creates()[0])).toEqual({ data: "https://api.replicate.com/v1/files/f1" });
  });

  it.each([
    ["a 5xx", "503"],
    ["a network failure", "network"],
  ] as const)("falls back to data URIs after %s, as 1.4.0 does", async (_name, uploads) => {
    const input = () => ({
      prompt: "Tell me a story",
      file: new File(["hello world"], "hello.txt", { type: "text/plain" }),
      blob: new Blob(["hello world"], { type: "text/plain" }),
      buffer: Buffer.from("hello world"),
    });
    const ours = api(uploads);
    await create(client(ours.fetch), input());
    expect(ours.uploadsMade()).toHaveLength(1);
    expect(sentInput(ours.creates()[0])).toEqual({
      prompt: "Tell me a story",
      file: `data:text/plain;base64,${HELLO_B64}`,
      blob: `data:text/plain;base64,${HELLO_B64}`,
      buffer: `data:application/octet-stream;base64,${HELLO_B64}`,
    });

    const theirs = api(uploads);
    await create(client14(theirs.fetch), input());
    expect(sentInput(theirs.creates()[0])).toEqual(sentInput(ours.creates()[0]));
  });

  it("rethrows a 4xx from the upload and creates nothing", async () => {
    const { fetch, uploadsMade, creates } = api("400");
    const error = await create(client(fetch), { data: new Blob(["x"]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(uploadsMade()).toHaveLength(1);
    expect(creates()).toHaveLength(0);
  });

  it("sends a Uint8Array as a file; 1.4.0 sends it as {\"0\":104,...} (defect 4)", async () => {
    const ours = api();
    await create(client(ours.fetch), { data: HELLO });
    expect(sentInput(ours.creates()[0])).toEqual({ data: "https://api.replicate.com/v1/files/f1" });

    const theirs = api();
    await create(client14(theirs.fetch), { data: HELLO });
    expect(theirs.uploadsMade()).toHaveLength(0);
    expect(sentInput(theirs.calls[0])).toEqual({ data: { 0: 104, 1: 101, 2: 108, 3: 108, 4: 111, 5: 32, 6: 119, 7: 111, 8: 114, 9: 108, 10: 100 } });
  });

  it("does not fall back when the caller aborts during the upload", async () => {
    const controller = new AbortController();
    const recorder = recordingFetch((call) => {
      controller.abort();
      call.signal?.throwIfAborted();
      return json({});
    });
    const replicate = client(recorder.fetch);
    const error = await replicate.predictions
      .create({ version: VERSION, input: { data: new Blob(["x"]) }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(recorder.calls.map((call) => call.path)).toEqual(["/v1/files"]);
  });
});

describe("the same transform for deployments and trainings", () => {
  it.each(["upload", "data-uri"] as const)("deployments.predictions.create and trainings.create encode file inputs (%s)", async (strategy) => {
    const { fetch, creates } = api();
    const replicate = client(fetch, strategy);
    await replicate.deployments.predictions.create("acme", "greeter", { input: { image: new Blob([HELLO], { type: "image/png" }) } });
    await replicate.trainings.create("acme", "model", VERSION, {
      destination: "acme/tuned",
      input: { train_data: [new Blob([HELLO], { type: "image/png" })] },
    });
    const [deployment, training] = creates();
    expect(deployment!.path).toBe("/v1/deployments/acme/greeter/predictions");
    expect(training!.path).toBe(`/v1/models/acme/model/versions/${VERSION}/trainings`);
    const expected = strategy === "upload" ? ["https://api.replicate.com/v1/files/f1", "https://api.replicate.com/v1/files/f2"] : [`data:image/png;base64,${HELLO_B64}`, `data:image/png;base64,${HELLO_B64}`];
    expect(sentInput(deployment).image).toBe(expected[0]);
    expect(sentInput(training).train_data).toEqual([expected[1]]);
    expect(training!.json()).toMatchObject({ destination: "acme/tuned" });
  });
});

describe("encodeFileInputs", () => {
  const upload = () => {
    let n = 0;
    return vi.fn(async (_file: FileLike) => `https://files.test/${++n}`);
  };

  it("returns an input without files as the same object, without uploading", async () => {
    const input = { a: [1, { b: "c" }] };
    const fn = upload();
    await expect(encodeFileInputs(input, "upload", fn)).resolves.toBe(input);
    expect(fn).not.toHaveBeenCalled();
  });

  it("uploads in document order, one at a time, and never mutates the input", async () => {
    const a = new Blob(["a"]);
    const b = new Blob(["b"]);
    const input = { z: [a], y: { x: b } };
    let active = 0;
    let most = 0;
    const order: FileLike[] = [];
    const fn = vi.fn(async (file: FileLike) => {
      order.push(file);
      most = Math.max(most, ++active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active--;
      return `u${order.length}`;
    });
    await expect(encodeFileInputs(input, "upload", fn)).resolves.toEqual({ z: ["u1"], y: { x: "u2" } });
    expect(order).toEqual([a, b]);
    expect(most).toBe(1);
    expect(input).toEqual({ z: [a], y: { x: b } });
  });

  it("rejects an unknown strategy", async () => {
    await expect(encodeFileInputs({ f: new Blob(["x"]) }, "inline" as never, upload())).rejects.toThrow(TypeError);
  });
});
