import { AbortError, ApiError } from "../errors";
import { toDataURI } from "../encoding/data-uri";
import { findLeaves, mapLeaves } from "../transform";
import type { FileEncodingStrategy } from "../types";
import { isFileLike, viewBytes, type FileLike } from "./file-like";

/** The API's limit for files sent inline as data URIs, summed over one input. */
export const MAX_DATA_URI_SIZE = 10_000_000;

export interface EncodeInputsOptions {
  strategy: FileEncodingStrategy;
  /** Uploads one file and resolves with its URL (`files.create(...).urls.get`). */
  upload: (file: FileLike) => Promise<string>;
}

/**
 * Replaces every file-like value in `input` (deep) by an uploaded file's URL or a data URI.
 * Inputs without files are returned as they are.
 */
export async function encodeFileInputs(input: unknown, { strategy, upload }: EncodeInputsOptions): Promise<unknown> {
  const files = findLeaves(input, isFileLike);
  if (files.length === 0) return input;
  switch (strategy) {
    case "upload":
      return replace(input, await uploadAll(files, upload));
    case "data-uri":
      return replace(input, await toDataURIs(files));
    case "default":
      try {
        return replace(input, await uploadAll(files, upload));
      } catch (error) {
        // A 4xx means the request itself is wrong; data URIs would fail the same way.
        if (error instanceof AbortError || (error instanceof ApiError && error.status < 500)) throw error;
        return replace(input, await toDataURIs(files));
      }
    default:
      throw new TypeError(`Unexpected file encoding strategy: ${String(strategy)}. Use "default", "upload" or "data-uri"`);
  }
}

function replace(input: unknown, encoded: Map<FileLike, string>): unknown {
  return mapLeaves(input, (leaf) => (isFileLike(leaf) ? encoded.get(leaf) : leaf));
}

async function uploadAll(files: FileLike[], upload: EncodeInputsOptions["upload"]): Promise<Map<FileLike, string>> {
  const urls = new Map<FileLike, string>();
  // Sequential, so a failure stops further uploads; the same object twice is uploaded once.
  for (const file of files) if (!urls.has(file)) urls.set(file, await upload(file));
  return urls;
}

async function toDataURIs(files: FileLike[]): Promise<Map<FileLike, string>> {
  // Every occurrence counts: a file used twice is inlined twice in the request body.
  const total = files.reduce((sum, file) => sum + (file instanceof Blob ? file.size : file.byteLength), 0);
  if (total > MAX_DATA_URI_SIZE) {
    throw new RangeError(
      `Combined filesize of prediction ${total} bytes exceeds 10mb limit for inline encoding, please provide URLs instead`,
    );
  }
  const uris = new Map<FileLike, string>();
  for (const file of new Set(files)) {
    if (file instanceof Blob) {
      uris.set(file, toDataURI(new Uint8Array(await file.arrayBuffer()), file.type || "application/octet-stream"));
    } else {
      uris.set(file, toDataURI(viewBytes(file), "application/octet-stream"));
    }
  }
  return uris;
}
