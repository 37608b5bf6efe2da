import { createRequire } from "node:module";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createApiError, StreamError } from "../src/errors";
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
  TimeoutError,
  UnprocessableEntityError,
} from "../src/index";
import type { Prediction } from "../src/types";
import { fetchDouble, json, type Step } from "./reliability/support/fetch-double";

const Replicate14 = createRequire(import.meta.url)("replicate-1.4.0") as new (options: object) => any;
const TOKEN = "r8_0123456789abcdefghijklmnopqrstuvwxyzAB";

function answer(status: number, statusText: string, body: string, headers: Record<string, string> = {}): Step {
  return () => new Response(body, { status, statusText, headers: { "Content-Type": "application/problem+json", ...headers } });
}

function failWith(step: Step): Promise<ApiError> {
  return new Replicate({ auth: TOKEN, fetch: fetchDouble(step), maxRetries: 0 }).predictions.get("p1").catch((e: ApiError) => e) as Promise<ApiError>;
}

describe("ApiError and its subclasses", () => {
  const families: [number, string, typeof ApiError][] = [
    [400, "Bad Request", BadRequestError],
    [401, "Unauthorized", AuthenticationError],
    [403, "Forbidden", PermissionDeniedError],
    [404, "Not Found", NotFoundError],
    [409, "Conflict", ConflictError],
    [422, "Unprocessable Entity", UnprocessableEntityError],
    [429, "Too Many Requests", RateLimitError],
    [500, "Internal Server Error", InternalServerError],
    [502, "Bad Gateway", InternalServerError],
    [503, "Service Unavailable", InternalServerError],
    [504, "Gateway Timeout", InternalServerError],
  ];

  it.each(families)("%i becomes %s's class, still an ApiError named \"ApiError\"", async (status, statusText, ErrorClass) => {
    const body = JSON.stringify({ title: statusText, detail: `detail of ${status}`, status });
    const error = await failWith(answer(status, statusText, body, { "X-Request-Id": "req-1" }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ApiError");
    expect(error.status).toBe(status);
    expect(error.headers.get("x-request-id")).toBe("req-1");
    expect(error.title).toBe(statusText);
    expect(error.detail).toBe(`detail of ${status}`);
    expect(error.response.status).toBe(status);
  });

  it("keeps 1.4.0's message, request and response for the same answer", async () => {
    const body = '{"detail":"Not found."}';
    const ours = await failWith(answer(404, "Not Found", body));
    const old = await new Replicate14({ auth: TOKEN, fetch: fetchDouble(answer(404, "Not Found", body)) }).predictions.get("p1").catch((e: Error) => e);
    expect(ours.message).toBe(old.message);
    expect(ours.message).toBe(`Request to https://api.replicate.com/v1/predictions/p1 failed with status 404 Not Found: ${body}.`);
    expect(ours.request.url).toBe(old.request.url);
    expect(old.status).toBeUndefined(); // 1.4.0 has one class and no status, title or detail
    expect(old.detail).toBeUndefined();
  });

  it("falls back to ApiError itself for other statuses, and to no title/detail for bodies that are not problem details", async () => {
    const teapot = await failWith(answer(418, "I'm a teapot", "<html>teapot</html>"));
    expect(teapot.constructor).toBe(ApiError);
    expect(teapot.title).toBeUndefined();
    expect(teapot.detail).toBeUndefined();
    const odd = await failWith(answer(400, "Bad Request", '{"title":7,"detail":["x"]}'));
    expect(odd.title).toBeUndefined();
    expect(odd.detail).toBeUndefined();
  });

  it("constructs the 1.4.0 way, from message, request and response", () => {
    const error = new ApiError("boom", new Request("https://api.replicate.com/v1"), new Response(null, { status: 500 }));
    expect(error.message).toBe("boom");
    expect(error.status).toBe(500);
    expect(error.name).toBe("ApiError");
  });
});

describe("RateLimitError", () => {
  it("carries the Retry-After wait in milliseconds, from seconds or a date", async () => {
    const seconds = (await failWith(json(429, {}, { "Retry-After": "5" }))) as RateLimitError;
    expect(seconds).toBeInstanceOf(RateLimitError);
    expect(seconds.retryAfter).toBe(5000);

    const date = new Date(Date.now() + 90_000).toUTCString();
    const dated = (await failWith(json(429, {}, { "Retry-After": date }))) as RateLimitError;
    expect(dated.retryAfter).toBeGreaterThan(85_000);
    expect(dated.retryAfter).toBeLessThanOrEqual(90_000);

    const none = (await failWith(json(429, {}))) as RateLimitError;
    expect(none.retryAfter).toBeUndefined();
  });

  it("is what createApiError builds for 429, with the wait it is given", () => {
    const error = createApiError("m", new Request("https://x.test"), new Response(null, { status: 429 }), undefined, 1234);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(1234);
  });
});

describe("ConnectionError and TimeoutError", () => {
  it("carry their cause and sit beside ApiError, TimeoutError being a kind of ConnectionError", () => {
    const cause = new TypeError("fetch failed");
    const connection = new ConnectionError("no route", { cause });
    const timeout = new TimeoutError("too slow", { cause });
    expect([connection.name, timeout.name]).toEqual(["ConnectionError", "TimeoutError"]);
    expect([connection.cause, timeout.cause]).toEqual([cause, cause]);
    expect(timeout).toBeInstanceOf(ConnectionError);
    expect(connection).not.toBeInstanceOf(ApiError);
  });
});

describe("PredictionError", () => {
  const failed = { id: "p1", status: "failed", error: "CUDA out of memory", output: null, urls: {} };

  it("keeps 1.4.0's message for a failed run and carries the prediction", async () => {
    const ours = await new Replicate({ auth: TOKEN, fetch: fetchDouble(json(201, failed)) }).run("owner/model", { input: {} }).catch((e: Error) => e);
    const old = await new Replicate14({ auth: TOKEN, fetch: fetchDouble(json(201, failed)) }).run("owner/model", { input: {} }).catch((e: Error) => e);
    expect(ours).toBeInstanceOf(PredictionError);
    expect(ours.message).toBe(old.message);
    expect(ours.message).toBe("Prediction failed: CUDA out of memory");
    expect((ours as PredictionError).prediction).toMatchObject({ id: "p1", status: "failed" });
    // Typed as a Prediction by default, so `error.prediction.logs` compiles in a catch block.
    expectTypeOf<PredictionError["prediction"]>().toEqualTypeOf<Prediction>();
  });

  it("formats the 1.4.0 way for null, and as JSON rather than [object Object] for structured errors", () => {
    expect(new PredictionError({ error: null }).message).toBe("Prediction failed: null");
    expect(new PredictionError({ error: { code: "OOM" } }).message).toBe('Prediction failed: {"code":"OOM"}');
  });
});

describe("the other errors", () => {
  it("AbortError is named like the platform's and keeps the signal's reason as reason and cause", () => {
    const error = new AbortError("user left");
    expect(error.name).toBe("AbortError");
    expect(error.reason).toBe("user left");
    expect(error.cause).toBe("user left");
  });

  it("InvalidResponseError quotes at most 200 characters of the body but keeps all of it", () => {
    const body = "x".repeat(1000);
    const error = new InvalidResponseError("https://api.replicate.com/v1/x", 200, body);
    expect(error.message).toBe(`Request to https://api.replicate.com/v1/x failed: expected JSON (status 200), got "${"x".repeat(200)}…"`);
    expect(error.body).toBe(body);
    expect(error.status).toBe(200);
  });

  it("StreamError reads the detail of a JSON error event, or keeps the raw data", () => {
    expect(new StreamError('{"detail":"model crashed"}').message).toBe("model crashed");
    expect(new StreamError("plain failure").message).toBe("plain failure");
  });
});
