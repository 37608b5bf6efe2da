import type { Prediction } from "./types";

/** Problem details (RFC 9457) as the Replicate API returns them on errors. */
export interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  [key: string]: unknown;
}

/**
 * A non-2xx answer from the API. The base of every status-specific error, so 1.4.0's
 * `catch (e) { if (e instanceof ApiError) ... }` keeps working.
 */
export class ApiError extends Error {
  /** The request as sent, with its `Authorization` header redacted. */
  readonly request: Request;
  /** The response; its body has been read into `message`. */
  readonly response: Response;
  readonly status: number;
  readonly headers: Headers;
  /** `title` of the problem details (RFC 9457) the API sent, when it sent some. */
  readonly title: string | undefined;
  /** `detail` of the problem details, e.g. "Invalid version or not permitted". */
  readonly detail: string | undefined;

  constructor(message: string, request: Request, response: Response, problem?: ProblemDetails) {
    super(message);
    // Every subclass keeps 1.4.0's name, so code that checks `error.name === "ApiError"` still matches.
    this.name = "ApiError";
    this.request = request;
    this.response = response;
    // Optional chaining: 1.4.0 code builds `new ApiError(message, request, response)` with test doubles.
    this.status = response?.status;
    this.headers = response?.headers;
    this.title = typeof problem?.title === "string" ? problem.title : undefined;
    this.detail = typeof problem?.detail === "string" ? problem.detail : undefined;
  }
}

/** 400 Bad Request. */
export class BadRequestError extends ApiError {}
/** 401 Unauthorized: the token is missing or invalid. */
export class AuthenticationError extends ApiError {}
/** 403 Forbidden. */
export class PermissionDeniedError extends ApiError {}
/** 404 Not Found. */
export class NotFoundError extends ApiError {}
/** 409 Conflict. */
export class ConflictError extends ApiError {}
/** 422 Unprocessable Entity: the input did not validate (see `detail`). */
export class UnprocessableEntityError extends ApiError {}
/** Any 5xx status. */
export class InternalServerError extends ApiError {}

/** 429 Too Many Requests, once retries are exhausted or the server asked for a wait above the ceiling. */
export class RateLimitError extends ApiError {
  /** The wait the server asked for in `Retry-After`, in milliseconds; undefined when it named none. */
  readonly retryAfter: number | undefined;

  constructor(message: string, request: Request, response: Response, problem?: ProblemDetails, retryAfter?: number) {
    super(message, request, response, problem);
    this.retryAfter = retryAfter;
  }
}

const byStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

/** Builds the error for a failed response, choosing the subclass by status. */
export function createApiError(
  message: string,
  request: Request,
  response: Response,
  problem: ProblemDetails | undefined,
  retryAfter: number | undefined,
): ApiError {
  if (response.status === 429) return new RateLimitError(message, request, response, problem, retryAfter);
  if (response.status >= 500) return new InternalServerError(message, request, response, problem);
  const ErrorClass = byStatus[response.status] ?? ApiError;
  return new ErrorClass(message, request, response, problem);
}

/**
 * The request got no complete answer: DNS failure, refused or reset connection, or a body cut
 * mid-way. `cause` is the platform's error. Sits beside ApiError: there is no response to carry.
 */
export class ConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectionError";
  }
}

/** One HTTP attempt took longer than the client's (or the call's) `timeout`. */
export class TimeoutError extends ConnectionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TimeoutError";
  }
}

/** The caller's AbortSignal fired; `reason` (and `cause`) is the signal's reason. */
export class AbortError extends Error {
  readonly reason: unknown;

  constructor(reason: unknown) {
    super("The operation was aborted", { cause: reason });
    this.name = "AbortError";
    this.reason = reason;
  }
}

/** A prediction or training ended `failed`; keeps 1.4.0's message and carries the prediction. */
export class PredictionError<T extends { error?: unknown } = Prediction> extends Error {
  readonly prediction: T;

  constructor(prediction: T) {
    super(`Prediction failed: ${formatFailure(prediction.error)}`);
    this.name = "PredictionError";
    this.prediction = prediction;
  }
}

function formatFailure(error: unknown): string {
  return typeof error === "object" && error !== null ? JSON.stringify(error) : String(error);
}

/** A 2xx response whose body is not the JSON the route promises (a proxy's HTML page, a truncated body). */
export class InvalidResponseError extends Error {
  readonly status: number;
  readonly body: string;

  constructor(url: string, status: number, body: string) {
    const preview = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    super(`Expected JSON from ${url} (status ${status}) but received: ${JSON.stringify(preview)}`);
    this.name = "InvalidResponseError";
    this.status = status;
    this.body = body;
  }
}

/** The model reported an `error` event on its output stream; `data` is the event's raw data. */
export class StreamError extends Error {
  readonly data: string;
  readonly detail: unknown;

  constructor(data: string) {
    const detail = parseDetail(data);
    super(typeof detail === "string" ? detail : data);
    this.name = "StreamError";
    this.data = data;
    this.detail = detail;
  }
}

function parseDetail(data: string): unknown {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === "object" && parsed !== null && "detail" in parsed ? parsed.detail : parsed;
  } catch {
    return data;
  }
}
