/** A request the fake received, for assertions. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** The path below the API base (`/predictions`); file downloads appear under `/delivery/`. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body parsed as JSON when it is JSON, multipart fields as an object, else the text. */
  body: unknown;
  /** The raw body text (absent for multipart and bodiless requests). */
  text?: string;
  timestamp: number;
}

/** Reads a copy of the request, leaving its body for the route. */
export async function recordRequest(request: Request, path: string, timestamp: number): Promise<RecordedRequest> {
  const record: RecordedRequest = {
    method: request.method,
    url: request.url,
    path,
    headers: Object.fromEntries(request.headers),
    body: undefined,
    timestamp,
  };
  if (!request.body) return record;
  const copy = request.clone();
  try {
    if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
      record.body = Object.fromEntries(await copy.formData());
      return record;
    }
    record.text = await copy.text();
    record.body = parseJson(record.text) ?? record.text;
  } catch {
    // An unreadable body is the route's to report; the record keeps what it could read.
  }
  return record;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
