import { API_ROOT } from "./core/auth";
import { callOptions } from "./core/call-options";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, platformFetch, send, type ClientConfig, type RequestOptions } from "./core/request";
import { check, isParseable, requireFunction, requireObject } from "./core/validate";
import { PredictionError } from "./errors";
import { checkStrategy } from "./files/encode-inputs";
import { paginate } from "./paginate";
import { accounts } from "./resources/accounts";
import { collections } from "./resources/collections";
import { deployments } from "./resources/deployments";
import { files } from "./resources/files";
import { hardware } from "./resources/hardware";
import { models } from "./resources/models";
import { predictions } from "./resources/predictions";
import { trainings } from "./resources/trainings";
import { webhooks } from "./resources/webhooks";
import { runModel, type RunOptions } from "./run";
import type { ServerSentEvent } from "./server-sent-event";
import { streamModel, type StreamOptions } from "./stream-prediction";
import type { CallOptions, FileEncodingStrategy, Page, Prediction } from "./types";
import { VERSION } from "./version";
import { pollPrediction, type WaitOptions } from "./wait";

/** A WHATWG fetch; declared as a method type so fetches typed `(input: string) => ...` still fit. */
export type FetchFunction = {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}["fetch"];

export interface ClientOptions {
  /** API token. @default process.env.REPLICATE_API_TOKEN */
  auth?: string;
  /** @default `replicate-javascript/<version>` */
  userAgent?: string;
  /** @default "https://api.replicate.com/v1" */
  baseUrl?: string;
  /** Called unbound as `fetch(url, init)`. @default globalThis.fetch, looked up at each request */
  fetch?: FetchFunction;
  /** @default "default": upload files, falling back to data URIs when uploading fails */
  fileEncodingStrategy?: FileEncodingStrategy;
  /** Turn output file URLs from `run()`/`stream()` into `FileOutput`. @default true */
  useFileOutput?: boolean;
  /** Milliseconds one HTTP attempt may take. @default 120000 (room for `Prefer: wait` up to 60 s) */
  timeout?: number;
  /** Retries after a failed attempt (see README "Reliability"). @default 5 */
  maxRetries?: number;
}

function environmentToken(): string | undefined {
  try {
    // Read off globalThis: a bare `process` throws where there is none (browsers, workers).
    return globalThis.process?.env.REPLICATE_API_TOKEN;
  } catch {
    // Deno without --allow-env refuses the read: treat it as unset, like a missing variable.
    return undefined;
  }
}

/** The Replicate API client. */
export class Replicate implements ClientConfig {
  declare auth: string | undefined;
  declare userAgent: string;
  declare baseUrl: string;
  declare fetch: FetchFunction;
  declare fileEncodingStrategy: FileEncodingStrategy;
  declare useFileOutput: boolean;
  declare timeout: number;
  declare maxRetries: number;

  readonly accounts = accounts(this);
  readonly collections = collections(this);
  readonly deployments = deployments(this);
  readonly files = files(this);
  readonly hardware = hardware(this);
  readonly models = models(this);
  readonly predictions = predictions(this);
  readonly trainings = trainings(this);
  readonly webhooks = webhooks(this);

  constructor(options: ClientOptions = {}) {
    requireObject(options as unknown, "Replicate options");
    const { auth, userAgent, baseUrl, fetch, fileEncodingStrategy, useFileOutput, timeout, maxRetries } = options;
    Object.assign(this, {
      auth: auth || environmentToken(),
      userAgent: userAgent || `replicate-javascript/${VERSION}`,
      baseUrl: baseUrl || `${API_ROOT}v1`,
      fetch: fetch ?? platformFetch,
      fileEncodingStrategy: fileEncodingStrategy ?? "default",
      useFileOutput: useFileOutput !== false,
      timeout: timeout ?? DEFAULT_TIMEOUT,
      maxRetries: maxRetries ?? DEFAULT_MAX_RETRIES,
    });
    check(isParseable(this.baseUrl), "baseUrl", "an absolute URL", this.baseUrl);
    requireFunction(this.fetch, "fetch");
    checkStrategy(this.fileEncodingStrategy);
    // The client's timeout and maxRetries are checked as any call's are (its other fields pass through).
    callOptions(this, "Replicate options");
  }

  /** Runs a model and resolves with its output; `progress` sees the prediction as it changes. */
  run(ref: `${string}/${string}` | `${string}/${string}:${string}`, options: RunOptions, progress?: (prediction: Prediction) => void): Promise<any> {
    return runModel(this, ref, options, progress);
  }

  /** Runs a model and yields its output as server-sent events. */
  stream(ref: `${string}/${string}` | `${string}/${string}:${string}`, options: StreamOptions): AsyncGenerator<ServerSentEvent> {
    return streamModel(this, ref, options);
  }

  /** Sends one request to the API (with retries) and resolves with the raw Response. */
  async request(route: string | URL, options: RequestOptions = {}): Promise<Response> {
    check(typeof route === "string" || route instanceof URL, "route", "a path or a URL", route);
    requireObject(options, "options");
    return send(this, route, options);
  }

  /** Yields every page of a list method: `for await (const page of replicate.paginate(replicate.predictions.list))`. */
  paginate<T>(endpoint: (options?: CallOptions) => Promise<Page<T>>, options?: { signal?: AbortSignal }): AsyncGenerator<T[]> {
    return paginate(this, endpoint, options);
  }

  /** Polls until the prediction is terminal (or `stop` says so); rejects when it failed. */
  async wait(
    prediction: Prediction,
    options?: WaitOptions,
    stop?: (prediction: Prediction) => boolean | Promise<boolean>,
  ): Promise<Prediction> {
    const update = await pollPrediction(this.predictions.get, prediction, options, stop);
    // Like 1.4.0, a prediction that was already finished comes back as given, even when failed.
    if (update !== prediction && update.status === "failed") throw new PredictionError(update);
    return update;
  }
}


