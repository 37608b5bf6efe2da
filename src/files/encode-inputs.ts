import { AbortError, ApiError } from "../errors";
import { check } from "../core/validate";
import { toDataURI } from "../encoding/data-uri";
import { findLeaves, mapLeaves } from "../transform";
import type { FileEncodingStrategy } from "../types";
import { isFileLike, type FileLike } from "./file-like";

/** Throws unless `strategy` is one of the three the client knows. */
export function checkStrategy(strategy: unknown): void {
  check(["default", "upload", "data-uri"].includes(strategy as string), "fileEncodingStrategy", '"default", "upload" or "data-uri"', strategy);
}

/**
 * Replaces every file-like value in `input` (deep) by an uploaded file's URL or a data URI, per
 * `strategy`; `upload` uploads one file and resolves with its URL (`files.create(...).urls.get`).
 * Inputs without files are returned as they are. Positional arguments: an options object's keys
 * cannot be minified (bench: bundle).
 */
export async function encodeFileInputs(
  input: unknown,
  strategy: FileEncodingStrategy,
  upload: (file: FileLike) => Promise<string>,
): Promise<unknown> {
  const files = findLeaves(input, isFileLike);
  if (!files.length) return input;
  // Checked again here: the field may have been reassigned since the client was made.
  checkStrategy(strategy);
  const encoded = await (strategy === "data-uri"
    ? toDataURIs(files)
    : encodeEach(files, upload).catch((error: unknown) => {
        // A 4xx means the request itself is wrong; data URIs would fail the same way.
        if (strategy === "upload" || error instanceof AbortError || (error instanceof ApiError && error.status < 500)) throw error;
        return toDataURIs(files);
      }));
  return mapLeaves(input, (leaf) => encoded.get(leaf) ?? leaf);
}

async function encodeEach(files: FileLike[], encode: (file: FileLike) => Promise<string>): Promise<Map<unknown, string>> {
  const encoded = new Map<unknown, string>();
  // Sequential, so a failed upload stops further ones; the same object twice is encoded once.
  for (const file of files) if (!encoded.has(file)) encoded.set(file, await encode(file));
  return encoded;
}

async function toDataURIs(files: FileLike[]): Promise<Map<unknown, string>> {
  // Every occurrence counts: a file used twice is inlined twice in the request body. A Blob has a
  // size; buffers and views have a byteLength instead.
  const total = files.reduce((sum, file) => sum + ((file as Blob).size ?? (file as ArrayBuffer).byteLength), 0);
  // The API's limit for files sent inline, summed over one input.
  if (total > 10_000_000) {
    throw new RangeError(
      `Combined filesize of prediction ${total} bytes exceeds 10mb limit for inline encoding, please provide URLs instead`,
    );
  }
  // A buffer or view has no type: toDataURI gives it application/octet-stream.
  return encodeEach(files, async (file) => toDataURI(file instanceof Blob ? await file.arrayBuffer() : file, (file as Blob).type));
}
