// The public types users name in their code: exported from the package entry (as users import
// them, so this checks the emitted declarations) and as precise as 1.4.0's or more.
import Replicate, {
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
  ServerSentEvent,
  StreamError,
  TimeoutError,
  UnprocessableEntityError,
  validateWebhook,
  type FileOutput,
  type Page,
  type Prediction,
  type Status,
  type Training,
} from "replicate";
import { expectTypeOf } from "vitest";

declare const replicate: Replicate;

// Prediction and Training: 1.4.0's fields, with the status union (aborted included).
expectTypeOf<Status>().toEqualTypeOf<"starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted">();
expectTypeOf<Prediction["status"]>().toEqualTypeOf<Status>();
expectTypeOf<Prediction["id"]>().toEqualTypeOf<string>();
expectTypeOf<Prediction["urls"]>().toEqualTypeOf<{ get: string; cancel: string; stream?: string; web?: string }>();
expectTypeOf<Prediction["logs"]>().toEqualTypeOf<string | undefined>();
expectTypeOf<Training["status"]>().toEqualTypeOf<Status>();
expectTypeOf<Training["output"]>().toEqualTypeOf<{ version?: string; weights?: string } | undefined>();
expectTypeOf(replicate.predictions.get).returns.resolves.toEqualTypeOf<Prediction>();
expectTypeOf(replicate.trainings.get).returns.resolves.toEqualTypeOf<Training>();
expectTypeOf(replicate.wait).returns.resolves.toEqualTypeOf<Prediction>();

// Page<T>: what list methods resolve with, and what paginate() yields pages of.
expectTypeOf<Page<Prediction>["results"]>().toEqualTypeOf<Prediction[]>();
expectTypeOf<Page<Prediction>["next"]>().toEqualTypeOf<string | null | undefined>();
expectTypeOf(replicate.predictions.list).returns.resolves.toEqualTypeOf<Page<Prediction>>();
expectTypeOf(replicate.trainings.list).returns.resolves.toEqualTypeOf<Page<Training>>();
expectTypeOf(replicate.paginate(replicate.predictions.list)).toEqualTypeOf<AsyncGenerator<Prediction[]>>();

// ServerSentEvent: a class users can construct and check with instanceof; stream() yields it.
expectTypeOf(replicate.stream("owner/model", { input: {} })).toEqualTypeOf<AsyncGenerator<ServerSentEvent>>();
expectTypeOf<ServerSentEvent["event"]>().toEqualTypeOf<string>();
expectTypeOf<ServerSentEvent["id"]>().toEqualTypeOf<string | undefined>();
expectTypeOf<ServerSentEvent["retry"]>().toEqualTypeOf<number | undefined>();
expectTypeOf(new ServerSentEvent("output", "text").toString()).toEqualTypeOf<string>();

// FileOutput: a byte stream with blob(), url() and toString(), as 1.4.0 declared it.
expectTypeOf<FileOutput>().toExtend<ReadableStream<Uint8Array>>();
expectTypeOf<FileOutput["blob"]>().returns.toEqualTypeOf<Promise<Blob>>();
expectTypeOf<FileOutput["url"]>().returns.toEqualTypeOf<URL>();
expectTypeOf<FileOutput["toString"]>().returns.toEqualTypeOf<string>();

// Errors: every status error is an ApiError (what 1.4.0 users catch) with request and response.
expectTypeOf<BadRequestError>().toExtend<ApiError>();
expectTypeOf<AuthenticationError>().toExtend<ApiError>();
expectTypeOf<PermissionDeniedError>().toExtend<ApiError>();
expectTypeOf<NotFoundError>().toExtend<ApiError>();
expectTypeOf<ConflictError>().toExtend<ApiError>();
expectTypeOf<UnprocessableEntityError>().toExtend<ApiError>();
expectTypeOf<RateLimitError>().toExtend<ApiError>();
expectTypeOf<InternalServerError>().toExtend<ApiError>();
expectTypeOf(NotFoundError).constructorParameters.toEqualTypeOf<ConstructorParameters<typeof ApiError>>();
expectTypeOf<ApiError["request"]>().toEqualTypeOf<Request>();
expectTypeOf<ApiError["response"]>().toEqualTypeOf<Response>();
expectTypeOf<ApiError["status"]>().toEqualTypeOf<number>();
expectTypeOf<RateLimitError["retryAfter"]>().toEqualTypeOf<number | undefined>();
expectTypeOf<TimeoutError>().toExtend<ConnectionError>();
expectTypeOf<ConnectionError>().toExtend<Error>();
expectTypeOf<AbortError["reason"]>().toEqualTypeOf<unknown>();
expectTypeOf<PredictionError["prediction"]>().toExtend<{ error?: unknown }>();
expectTypeOf<InvalidResponseError["body"]>().toEqualTypeOf<string>();
expectTypeOf<StreamError["data"]>().toEqualTypeOf<string>();
// @ts-expect-error a connection failure is not an API answer
expectTypeOf<ConnectionError>().toExtend<ApiError>();

// validateWebhook keeps both 1.4.0 call shapes and resolves a boolean.
expectTypeOf(validateWebhook(new Request("https://example.test"), "whsec_x")).toEqualTypeOf<Promise<boolean>>();
expectTypeOf(validateWebhook({ id: "", timestamp: "", signature: "", body: "", secret: "" })).toEqualTypeOf<Promise<boolean>>();
