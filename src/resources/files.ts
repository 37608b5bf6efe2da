import { callOptions } from "../core/call-options";
import { requestJSON, requestNoContent } from "../core/json";
import { path } from "../core/path";
import type { ClientConfig } from "../core/request";
import { describe, requireObject, requireString } from "../core/validate";
import { isFileLike, toNamedBlob, type FileLike } from "../files/file-like";
import type { CallOptions, FileObject, Page } from "../types";

export function files(client: ClientConfig) {
  return {
    /** POST /files: uploads `file` as multipart (`content` and a JSON `metadata` part). */
    async create(file: FileLike, metadata: Record<string, unknown> = {}, options?: CallOptions) {
      if (!isFileLike(file)) {
        throw new TypeError(`file must be a Blob, File, Buffer, typed array or ArrayBuffer, got ${describe(file)}`);
      }
      requireObject(metadata, "metadata");
      const { blob, filename } = toNamedBlob(file);
      const form = new FormData();
      form.append("content", blob, filename);
      form.append("metadata", new Blob([JSON.stringify(metadata)], { type: "application/json" }));
      return requestJSON<FileObject>(client, "/files", { method: "POST", data: form, ...callOptions(options) });
    },

    /** GET /files */
    list: async (options?: CallOptions) => requestJSON<Page<FileObject>>(client, "/files", callOptions(options)),

    /** GET /files/{id} */
    async get(file_id: string, options?: CallOptions) {
      requireString(file_id, "file_id");
      return requestJSON<FileObject>(client, path`/files/${file_id}`, callOptions(options));
    },

    /** DELETE /files/{id}: resolves true when the API answers 204. */
    async delete(file_id: string, options?: CallOptions) {
      requireString(file_id, "file_id");
      return requestNoContent(client, path`/files/${file_id}`, { method: "DELETE", ...callOptions(options) });
    },
  };
}
