export { Replicate as default } from "./client";
export type { ClientOptions, FetchFunction } from "./client";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  PredictionError,
  RateLimitError,
  StreamError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors";
export type { ProblemDetails } from "./errors";
export type { FileOutput } from "./file-output";
export { ServerSentEvent } from "./server-sent-event";
export { validateWebhook } from "./validate-webhook";
export type { WebhookValidationOptions } from "./validate-webhook";
export { parseProgressFromLogs } from "./progress";
export type { RequestOptions } from "./core/request";
export type { RunOptions, WaitMode } from "./run";
export type { StreamOptions } from "./stream-prediction";
export type { WaitOptions } from "./wait";
export type {
  Account,
  CallOptions,
  Collection,
  Deployment,
  FileEncodingStrategy,
  FileObject,
  Hardware,
  Model,
  ModelVersion,
  Page,
  Prediction,
  Status,
  Training,
  Visibility,
  WebhookEventType,
  WebhookSecret,
} from "./types";
