import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import Replicate, { ApiError, NotFoundError } from "../src/index";
import { createFileOutput, isFileURL } from "../src/file-output";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;

const URL_PNG = "https://replicate.delivery/pbxt/abc/out-0.png";
// Every byte value, so any text decoding on the way would show.
const BYTES = Uint8Array.from({ length: 3 * 256 }, (_, i) => i % 256);

/** Serves `BYTES` in three chunks as image/png (404 for URLs containing "missing"); spies on body cancellation. */
function fileServer() {
  const cancel = vi.fn();
  const calls: { url: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, headers: new Headers(init.headers) });
    if (url.includes("/predictions")) {
      return new Response(JSON.stringify({ id: "p1", status: "succeeded", output: [URL_PNG] }), { status: 201 });
    }
    if (url.includes("missing")) return new Response("no such file", { status: 404, statusText: "Not Found" });
    let chunk = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (chunk === 3) return controller.close();
          controller.enqueue(BYTES.slice(chunk * 256, ++chunk * 256));
        },
        cancel,
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { headers: { "Content-Type": "image/png" } });
  });
  const config = { auth: "r8_secret", baseUrl: "https://api.replicate.com/v1", fetch, maxRetries: 0 };
  return { fetch, calls, cancel, config };
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  // Node's ReadableStream is async-iterable; TypeScript's DOM lib does not declare it.
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return bytesOf(new Blob(chunks as BlobPart[]));
}

describe("FileOutput: lazy download", () => {
  it("fetches nothing when created", async () => {
    const { fetch, config } = fileServer();
    createFileOutput(URL_PNG, config);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetch).not.toHaveBeenCalled();
  });

  it("run() output is not downloaded until read; 1.4.0 downloads it at once (defect 8)", async () => {
    const ours = fileServer();
    await new Replicate({ ...ours.config, fetch: ours.fetch }).run("owner/model", { input: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ours.calls.map((call) => call.url)).toEqual(["https://api.replicate.com/v1/models/owner/model/predictions"]);

    const theirs = fileServer();
    await new Replicate14({ auth: "r8_secret", fetch: theirs.fetch }).run("owner/model", { input: {} });
    await vi.waitFor(() => expect(theirs.calls.map((call) => call.url)).toContain(URL_PNG));
  });

  it("fetches once on the first read and streams the exact bytes", async () => {
    const { fetch, config } = fileServer();
    const output = createFileOutput(URL_PNG, config);
    expect(await readAll(output)).toEqual(BYTES);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("reads through getReader() chunk by chunk", async () => {
    const { config } = fileServer();
    const reader = createFileOutput(URL_PNG, config).getReader();
    const sizes: number[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) sizes.push(next.value.length);
    expect(sizes).toEqual([256, 256, 256]);
  });
});

describe("FileOutput: blob()", () => {
  it("has the response's content type and the exact bytes", async () => {
    const { fetch, config } = fileServer();
    const blob = await createFileOutput(URL_PNG, config).blob();
    expect(blob.type).toBe("image/png");
    expect(await bytesOf(blob)).toEqual(BYTES);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("gives the whole file, typed, even after part of the stream was read", async () => {
    const { config } = fileServer();
    const output = createFileOutput(URL_PNG, config);
    const reader = output.getReader();
    expect((await reader.read()).value).toHaveLength(256);
    reader.releaseLock();
    const blob = await output.blob();
    expect(blob.type).toBe("image/png");
    expect(await bytesOf(blob)).toEqual(BYTES);
  });

  it("types an untyped download application/octet-stream, as 1.4.0", async () => {
    const fetch = async () => new Response(new Uint8Array([1, 2, 3]));
    const blob = await createFileOutput(URL_PNG, { baseUrl: "https://api.replicate.com/v1", fetch }).blob();
    expect(blob.type).toBe("application/octet-stream");
    expect(await bytesOf(blob)).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe("FileOutput: the URL", () => {
  it("url() is a URL; toString(), template literals and JSON.stringify give the URL", () => {
    const { config } = fileServer();
    const output = createFileOutput(URL_PNG, config);
    expect(output.url()).toBeInstanceOf(URL);
    expect(output.url().href).toBe(URL_PNG);
    expect(output.toString()).toBe(URL_PNG);
    expect(`${output}`).toBe(URL_PNG);
    expect(JSON.stringify(output)).toBe(JSON.stringify(URL_PNG));
    expect(JSON.parse(JSON.stringify({ images: [output] }))).toEqual({ images: [URL_PNG] });
  });

  it.each([
    [URL_PNG, true],
    ["data:image/png;base64,AAAA", true],
    ["http://example.com/a.png", false],
    ["a cat", false],
    [42, false],
  ])("isFileURL(%j) is %s", (value, expected) => {
    expect(isFileURL(value)).toBe(expected);
  });
});

describe("FileOutput: data: URLs", () => {
  it("are decoded by the platform's fetch, never sent through the client's, for blob() and for the stream", async () => {
    const { fetch, config } = fileServer();
    const uri = `data:image/png;base64,${Buffer.from(BYTES).toString("base64")}`;
    const blob = await createFileOutput(uri, config).blob();
    expect(blob.type).toBe("image/png");
    expect(await bytesOf(blob)).toEqual(BYTES);
    expect(await readAll(createFileOutput(uri, config))).toEqual(BYTES);
    expect(await (await createFileOutput("data:,Hello%2C%20World", config).blob()).text()).toBe("Hello, World");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("FileOutput: failures", () => {
  const missing = "https://replicate.delivery/missing.png";

  it("rejects with ApiError when the download answers 404, from blob() and from the stream", async () => {
    const { config } = fileServer();
    const error = await createFileOutput(missing, config).blob().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, message: `Request to ${missing} failed with status 404 Not Found: no such file.` });
    await expect(readAll(createFileOutput(missing, config))).rejects.toBeInstanceOf(ApiError);
  });

  it("1.4.0 throws ReferenceError: init is not defined instead (defect 8)", async () => {
    const { fetch } = fileServer();
    fetch.mockImplementation(async (input: string | URL) =>
      String(input).includes("/predictions")
        ? new Response(JSON.stringify({ id: "p1", status: "succeeded", output: missing }), { status: 201 })
        : new Response("no such file", { status: 404 }),
    );
    const output = await new Replicate14({ auth: "r8_secret", fetch }).run("owner/model", { input: {} });
    const error = await output.blob().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceError);
    expect((error as Error).message).toBe("init is not defined");
  });
});

describe("FileOutput: cancelling", () => {
  it("before any read: nothing is ever fetched", async () => {
    const { fetch, config } = fileServer();
    await createFileOutput(URL_PNG, config).cancel();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("after a partial read: the download's body is cancelled", async () => {
    const { cancel, config } = fileServer();
    const reader = createFileOutput(URL_PNG, config).getReader();
    await reader.read();
    await reader.cancel(new Error("enough"));
    expect(cancel).toHaveBeenCalledWith(new Error("enough"));
  });

  it("while the request is in flight: the body that arrives later is cancelled", async () => {
    const { fetch, cancel, config } = fileServer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const serve = fetch.getMockImplementation()!;
    fetch.mockImplementation(async (...args) => {
      await gate;
      return serve(...args);
    });
    const reader = createFileOutput(URL_PNG, config).getReader();
    const read = reader.read();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const canceled = reader.cancel();
    release();
    await canceled;
    await expect(read).resolves.toEqual({ done: true, value: undefined });
    await vi.waitFor(() => expect(cancel).toHaveBeenCalled());
  });

  it("while a request that then fails is in flight: cancel() still resolves", async () => {
    const { fetch, config } = fileServer();
    let fail!: (error: Error) => void;
    fetch.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const reader = createFileOutput(URL_PNG, config).getReader();
    const read = reader.read();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const canceled = reader.cancel();
    fail(new TypeError("fetch failed"));
    await expect(canceled).resolves.toBeUndefined();
    await expect(read).resolves.toEqual({ done: true, value: undefined });
  });
});

describe("FileOutput: the download request", () => {
  it("goes through the client's fetch, with the token only for the API's own origin", async () => {
    const { calls, config } = fileServer();
    await createFileOutput(URL_PNG, config).blob();
    await createFileOutput("https://api.replicate.com/v1/files/f1/download", config).blob();
    expect(calls[0]!.headers.has("Authorization")).toBe(false);
    expect(calls[1]!.headers.get("Authorization")).toBe("Bearer r8_secret");
    expect(calls.every((call) => !call.headers.has("Content-Type"))).toBe(true);
  });
});
