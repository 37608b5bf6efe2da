import type { FileObject } from "../types";
import { iso, type Now } from "./clock";
import type { Ids } from "./ids";

/** Bytes the fake serves: an upload through the Files API, or a file a handler returned. */
export class StoredFile {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly type: string,
    readonly bytes: Uint8Array<ArrayBuffer>,
  ) {}
}

/** An upload's record: the bytes plus what `GET /files/{id}` reports. */
export interface Upload {
  file: StoredFile;
  sha256: string;
  metadata: Record<string, unknown>;
  createdAt: number;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "audio/wav": "wav",
  "audio/mpeg": "mp3",
  "video/mp4": "mp4",
  "text/plain": "txt",
  "application/json": "json",
  "application/x-tar": "tar",
};

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Both kinds of stored files, keyed by id. */
export class FileStore {
  readonly uploads = new Map<string, Upload>();
  readonly outputs = new Map<string, StoredFile>();

  constructor(
    private readonly ids: Ids,
    private readonly now: Now,
  ) {}

  async upload(blob: Blob, name: string, metadata: Record<string, unknown>): Promise<Upload> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const file = new StoredFile(this.ids.id(), name, blob.type || "application/octet-stream", bytes);
    const upload = { file, sha256: await sha256(bytes), metadata, createdAt: this.now() };
    this.uploads.set(file.id, upload);
    return upload;
  }

  /** Replaces every `Blob`, typed array or `ArrayBuffer` in a handler's output with a stored file. */
  async deliver(value: unknown): Promise<unknown> {
    if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const blob = value instanceof Blob ? value : new Blob([bytesOf(value)]);
      const type = blob.type || "application/octet-stream";
      const name = (blob as Partial<File>).name || `output.${EXTENSIONS[type.split(";")[0] as string] ?? "bin"}`;
      const file = new StoredFile(this.ids.id(), name, type, new Uint8Array(await blob.arrayBuffer()));
      this.outputs.set(file.id, file);
      return file;
    }
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.deliver(item)));
    if (isPlainObject(value)) {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await this.deliver(v)]));
      return Object.fromEntries(entries);
    }
    return value;
  }

  clear(): void {
    this.uploads.clear();
    this.outputs.clear();
  }
}

function bytesOf(value: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The URL a stored output file is downloaded from, under the delivery base of the request. */
export function deliveryUrl(file: StoredFile, deliveryBase: string): string {
  return `${deliveryBase}/${file.id}/${encodeURIComponent(file.name)}`;
}

/** Deep copy of `value` with stored files replaced by their URLs. */
export function resolveFiles(value: unknown, deliveryBase: string): unknown {
  if (value instanceof StoredFile) return deliveryUrl(value, deliveryBase);
  if (Array.isArray(value)) return value.map((item) => resolveFiles(item, deliveryBase));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveFiles(v, deliveryBase)]));
  }
  return value;
}

export function renderFile(upload: Upload, api: string): FileObject {
  return {
    id: upload.file.id,
    content_type: upload.file.type,
    size: upload.file.bytes.byteLength,
    checksums: { sha256: upload.sha256 },
    metadata: upload.metadata,
    created_at: iso(upload.createdAt),
    expires_at: iso(upload.createdAt + 24 * 3600_000),
    urls: { get: `${api}/files/${upload.file.id}/download` },
  };
}

export function download(file: StoredFile): Response {
  return new Response(file.bytes.slice(), {
    headers: { "content-type": file.type, "content-length": String(file.bytes.byteLength) },
  });
}
