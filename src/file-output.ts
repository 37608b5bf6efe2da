import { send, type ClientConfig } from "./core/request";
import { OCTET_STREAM } from "./files/file-like";

/** A model's output file: a byte stream that downloads on first read, plus its URL. */
export interface FileOutput extends ReadableStream<Uint8Array> {
  /** The whole file, typed with the response's Content-Type; downloads it afresh on each call. */
  blob(): Promise<Blob>;
  url(): URL;
  /** The URL as a string, so `${output}` and `String(output)` keep working like 1.4.0's URL strings. */
  toString(): string;
  /** The URL, so `JSON.stringify(output)` writes the URL rather than `{}`. */
  toJSON(): string;
}

/** The response body's reader; a response without a body (204, or a custom fetch's) reads as empty. */
export function readerOf(response: Response): ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> {
  return (response.body ?? new Response("").body!).getReader();
}

/**
 * Wraps an output URL; others download through the client's request core, but a `data:` URL is
 * decoded by the platform's own fetch, which implements the Fetch standard's data: URL processor in
 * every supported runtime (Node 18+, Bun, Deno, workerd, browsers): no request leaves the machine,
 * and the client's fetch (a test double, an old polyfill) never sees one.
 */
export function createFileOutput(url: string, client: ClientConfig): FileOutput {
  const open = url.startsWith("data:")
    ? // Through a Blob, whose type the Response takes: Bun's fetch types the body but sends no Content-Type.
      async () => new Response(await (await fetch(url)).blob())
    : () => send(client, new URL(url), { json: false });
  // The download's reader, once the first read asked for it.
  let body: Promise<ReadableStreamDefaultReader<Uint8Array>> | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const read = await (await (body ??= open().then(readerOf))).read();
        read.done ? controller.close() : controller.enqueue(read.value);
      },
      // A cancel while the request is in flight cancels the body once it arrives, and resolves
      // (the request failing is no failure to cancel).
      cancel: (reason) => body?.then((reader) => reader.cancel(reason), () => {}),
    },
    // highWaterMark 0: nothing is fetched until someone reads (1.4.0 downloads at creation, defect 8).
    { highWaterMark: 0 },
  );
  // A stream with the methods added rather than a subclass of ReadableStream: nothing reads the
  // global at import, where Node loads its web streams on the first read (about 4 ms, half of this
  // package's import time), and each method closes over this output's URL.
  return Object.assign(stream, {
    // Independent of the stream, so it gives the whole file even after the stream was partly read.
    async blob() {
      const response = await open();
      // Typed with the Content-Type as sent, as 1.4.0's blob() is; read before the body is, because
      // Bun drops the Content-Type a Blob body gave a Response once its reader is taken.
      const type = response.headers.get("Content-Type") || OCTET_STREAM;
      const reader = readerOf(response);
      // One `new Blob(chunks)`: a single copy, where Node 20's Response.blob() joins the chunks and
      // then copies the result again (a third more CPU on a 50 MB file).
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      for (let read; !(read = await reader.read()).done; ) chunks.push(read.value);
      return new Blob(chunks, { type });
    },
    url: () => new URL(url),
    toString: () => url,
    toJSON: () => url,
  });
}

/** Output strings that name files: `https:` and `data:` URLs. */
export function isFileURL(value: unknown): value is string {
  return typeof value === "string" && /^(https|data):/.test(value);
}
