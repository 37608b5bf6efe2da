import type { Prediction } from "./types";

/** Problem details (RFC 9457) as the Replicate API returns them on errors. */
export interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  [key: string]: unknown;
}

// Fields are `declare`d and assigned in the constructors: the same objects, without the field
// definitions es2022 output would otherwise repeat for every class (bench: bundle).

/**
 * A non-2xx answer from the API. The base of every status-specific error, so 1.4.0's
 * `catch (e) { if (e instanceof ApiError) ... }` keeps working.
 */
export class ApiError extends Error {
  /** The request as sent, with its `Authorization` header redacted. */
  declare readonly request: Request;
  /** The response; its body has been read into `message`. */
  declare readonly response: Response;
  declare readonly status: number;
  declare readonly headers: Headers;
  /** `title` of the problem details (RFC 9457) the API sent, when it sent some. */
  declare readonly title: string | undefined;
  /** `detail` of the problem details, e.g. "Invalid version or not permitted". */
  declare readonly detail: string | undefined;

  constructor(message: string, request: Request, response: Response, problem?: ProblemDetails) {
    super(message);
    // Every subclass keeps 1.4.0's name, so code that checks `error.name === "ApiError"` still matches.
    // Optional chaining: 1.4.0 code builds `new ApiError(message, request, response)` with test doubles.
    Object.assign(this, {
      name: "ApiError",
      request,
      response,
      status: response?.status,
      headers: response?.headers,
      title: stringOrUndefined(problem?.title),
      detail: stringOrUndefined(problem?.detail),
    });
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
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
  declare readonly retryAfter: number | undefined;

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
  429: RateLimitError,
};

/** Builds the error for a failed response, choosing the subclass by status. */
export function createApiError(
  message: string,
  request: Request,
  response: Response,
  problem: ProblemDetails | undefined,
  retryAfter: number | undefined,
): ApiError {
  const { status } = response;
  const ErrorClass = status >= 500 ? InternalServerError : (byStatus[status] ?? ApiError);
  // The extra argument is RateLimitError's `retryAfter`; the other classes ignore it.
  return new (ErrorClass as typeof RateLimitError)(message, request, response, problem, retryAfter);
}

/**
 * The request got no complete answer: DNS failure, refused or reset connection, or a body cut
 * mid-way. `cause` is the platform's error. Sits beside ApiError: there is no response to carry.
 */
export class ConnectionError extends Error {
  override name = "ConnectionError";
}

/** One HTTP attempt took longer than the client's (or the call's) `timeout`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The caller's AbortSignal fired; `reason` (and `cause`) is the signal's reason. */
export class AbortError extends Error {
  override name = "AbortError";
  declare readonly reason: unknown;

  constructor(reason: unknown) {
    super("The operation was aborted", { cause: reason });
    this.reason = reason;
  }
}

/** A prediction or training ended `failed`; keeps 1.4.0's message and carries the prediction. */
export class PredictionError<T extends { error?: unknown } = Prediction> extends Error {
  override name = "PredictionError";
  declare readonly prediction: T;

  constructor(prediction: T) {
    const { error } = prediction;
    super(`Prediction failed: ${typeof error === "object" && error !== null ? JSON.stringify(error) : error}`);
    this.prediction = prediction;
  }
}

/** A 2xx response whose body is not the JSON the route promises (a proxy's HTML page, a truncated body). */
export class InvalidResponseError extends Error {
  override name = "InvalidResponseError";
  declare readonly status: number;
  declare readonly body: string;

  constructor(url: string, status: number, body: string) {
    const preview = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    super(`Request to ${url} failed: expected JSON (status ${status}), got ${JSON.stringify(preview)}`);
    this.status = status;
    this.body = body;
  }
}

/** The model reported an `error` event on its output stream; `data` is the event's raw data. */
export class StreamError extends Error {
  override name = "StreamError";
  declare readonly data: string;
  declare readonly detail: unknown;

  constructor(data: string) {
    let detail: unknown = data;
    try {
      detail = JSON.parse(data);
      if (typeof detail === "object" && detail !== null && "detail" in detail) detail = detail.detail;
    } catch {
      // not JSON: the raw text is the detail
    }
    super(typeof detail === "string" ? detail : data);
    this.data = data;
    this.detail = detail;
  }
}
