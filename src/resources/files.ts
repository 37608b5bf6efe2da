import { callOptions } from "../core/call-options";
import { requestJSON } from "../core/json";
import type { ClientConfig } from "../core/request";
import { check, requireObject } from "../core/validate";
import { isFileLike, toNamedBlob, type FileLike } from "../files/file-like";
import type { CallOptions, FileObject, Page } from "../types";
import { endpoint } from "./endpoint";

export const files = (client: ClientConfig) => ({
  /** POST /files: uploads `file` as multipart (`content` and a JSON `metadata` part). */
  async create(file: FileLike, metadata: Record<string, unknown> = {}, options?: CallOptions) {
    check(isFileLike(file), "file", "a Blob or bytes", file);
    requireObject(metadata, "metadata");
    const form = new FormData();
    form.append("content", ...toNamedBlob(file));
    form.append("metadata", new Blob([JSON.stringify(metadata)], { type: "application/json" }));
    return requestJSON<FileObject>(client, "/files", { method: "POST", data: form, ...callOptions(options) });
  },

  list: endpoint<[], Page<FileObject>>(client, "GET /files"),
  get: endpoint<[file_id: string], FileObject>(client, "GET /files/{file_id}"),
  delete: endpoint<[file_id: string], boolean>(client, "DELETE /files/{file_id}"),
});
