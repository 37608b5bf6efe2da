/** Binary values `run()` and `files.create()` treat as files: Blob/File, Buffer, typed arrays, ArrayBuffer. */
export type FileLike = Blob | ArrayBuffer | ArrayBufferView;

export function isFileLike(value: unknown): value is FileLike {
  return (
    (typeof Blob !== "undefined" && value instanceof Blob) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)
  );
}

/** The bytes of a typed array or ArrayBuffer, without copying. */
export function viewBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  return value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** Wraps a file-like value as a Blob with the filename 1.4.0 gives it (`name`, `blob_<ms>` or `buffer_<ms>`). */
export function toNamedBlob(file: FileLike): { blob: Blob; filename: string } {
  if (file instanceof Blob) {
    const name = (file as Partial<File>).name;
    return { blob: file, filename: name || `blob_${Date.now()}` };
  }
  // Copy into a fresh ArrayBuffer-backed array: Blob() rejects SharedArrayBuffer views.
  const bytes = new Uint8Array(viewBytes(file));
  return { blob: new Blob([bytes], { type: "application/octet-stream" }), filename: `buffer_${Date.now()}` };
}
