const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An error a route throws to answer with the API's problem-details shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly title?: string,
  ) {
    super(detail);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The API's error body: `{ title, detail, status }`. */
export function problem(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  title = TITLES[status] ?? (status >= 500 ? "Server Error" : "Error"),
): Response {
  return json({ title, detail, status }, status, headers);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
