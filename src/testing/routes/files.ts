import { download, renderFile, type StoredFile } from "../files";
import { HttpError, json, noContent } from "../http";
import { paginate } from "../pagination";
import type { Router } from "../router";
import type { Call } from "../state";

async function readUpload(call: Call): Promise<{ content: Blob; name: string; metadata: Record<string, unknown> }> {
  let form: FormData;
  try {
    form = await call.request.formData();
  } catch {
    throw new HttpError(400, "Expected a multipart/form-data body with a content part.");
  }
  const content = form.get("content");
  if (!(content instanceof Blob)) throw new HttpError(422, "The content part is required and must be a file.");
  const name = (content as Partial<File>).name || "file";
  const part = form.get("metadata");
  const text = part instanceof Blob ? await part.text() : (part ?? "{}");
  try {
    const metadata: unknown = JSON.parse(text);
    if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) throw new Error();
    return { content, name, metadata: metadata as Record<string, unknown> };
  } catch {
    throw new HttpError(422, "The metadata part must be a JSON object.");
  }
}

function requireUpload(call: Call, id: string) {
  const upload = call.state.files.uploads.get(id);
  if (!upload) throw new HttpError(404, "Not found.");
  return upload;
}

function requireOutput(call: Call, id: string, name: string): StoredFile {
  const file = call.state.files.outputs.get(id);
  if (!file || file.name !== name) throw new HttpError(404, "Not found.");
  return file;
}

/** The Files API, its download URLs, and output files under the delivery base. */
export function fileRoutes(router: Router<Call>): void {
  router
    .on("POST", "/files", async (call) => {
      const { content, name, metadata } = await readUpload(call);
      const upload = await call.state.files.upload(content, name, metadata);
      return json(renderFile(upload, call.bases.api), 201);
    })
    .on("GET", "/files", (call) => {
      const uploads = [...call.state.files.uploads.values()].reverse();
      const page = paginate(uploads, (upload) => upload.file.id, call.url, call.state.config.pageSize);
      return json({ ...page, results: page.results.map((upload) => renderFile(upload, call.bases.api)) });
    })
    .on("GET", "/files/:id", (call, { id = "" }) => json(renderFile(requireUpload(call, id), call.bases.api)))
    .on("DELETE", "/files/:id", (call, { id = "" }) => {
      requireUpload(call, id);
      call.state.files.uploads.delete(id);
      return noContent();
    })
    .on("GET", "/files/:id/download", (call, { id = "" }) => download(requireUpload(call, id).file), { open: true })
    .on("GET", "/delivery/:id/:name", (call, { id = "", name = "" }) => download(requireOutput(call, id, name)), {
      open: true,
    });
}
