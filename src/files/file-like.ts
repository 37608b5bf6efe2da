/** Binary values `run()` and `files.create()` treat as files: Blob/File, Buffer, typed arrays, ArrayBuffer. */
export type FileLike = Blob | ArrayBuffer | ArrayBufferView;

/** The type of file-like values sent without one, as 1.4.0 does. */
export const OCTET_STREAM = "application/octet-stream";

export function isFileLike(value: unknown): value is FileLike {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** The bytes of a typed array or ArrayBuffer, as a Uint8Array over the same memory, without copying. */
export function viewBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  type View = Partial<ArrayBufferView>;
  // An ArrayBuffer has no buffer (it is its own) and no byteOffset (undefined reads as 0).
  return new Uint8Array((value as View).buffer ?? (value as ArrayBuffer), (value as View).byteOffset, value.byteLength);
}

/**
 * Wraps a file-like value as a Blob with the filename 1.4.0 gives it (`name`, `blob_<ms>` or
 * `buffer_<ms>`): `[blob, filename]`, the last two arguments of `FormData.append`.
 */
export function toNamedBlob(file: FileLike): [blob: Blob, filename: string] {
  const isBlob = file instanceof Blob;
  return [
    // A copy with an ArrayBuffer of its own: Blob() rejects SharedArrayBuffer views.
    isBlob ? file : new Blob([new Uint8Array(viewBytes(file))], { type: OCTET_STREAM }),
    (file as Partial<File>).name || `${isBlob ? "blob" : "buffer"}_${Date.now()}`,
  ];
}
