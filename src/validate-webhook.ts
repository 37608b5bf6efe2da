import { base64ToBytes, bytesToBase64 } from "./encoding/base64";
import { timingSafeEqual } from "./encoding/constant-time";

/**
 * The part of WebCrypto used here (`subtle.importKey` and `subtle.sign`). Typed loosely on purpose:
 * the DOM `Crypto` type rejects node:crypto's `webcrypto`, which must fit.
 */
export interface WebhookCrypto {
  subtle: {
    importKey(...args: never[]): Promise<unknown>;
    sign(...args: never[]): Promise<ArrayBuffer>;
  };
}

/** The last argument of `validateWebhook`: a `Crypto` (as in 1.4.0) or these options. */
export interface WebhookValidationOptions {
  /** WebCrypto to use. @default globalThis.crypto */
  crypto?: WebhookCrypto;
  /**
   * Largest accepted |now − webhook-timestamp| in seconds: outside it (or with a non-numeric
   * timestamp) validation resolves `false` rather than throwing. Off by default.
   */
  tolerance?: number;
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
}

/** A raw webhook body: text, bytes, a stream of bytes, or an already-parsed JSON value. */
export type WebhookBody = string | ArrayBuffer | ArrayBufferView | Blob | ReadableStream<Uint8Array> | object;

/** A request whose headers are a `Headers`, anything with `.get()`, or a plain object. */
export interface WebhookRequest {
  headers:
    | { get(name: string): string | null | undefined }
    | Record<string, string | string[] | undefined>;
  body: WebhookBody | null | undefined;
}

/** A webhook's parts, from its `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. */
export interface WebhookFields {
  id: string;
  timestamp: string | number;
  signature: string;
  body: WebhookBody;
  secret: string;
}

type CryptoOrOptions = WebhookCrypto | WebhookValidationOptions;
const HEADER_NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;
const UNEXPECTED_SECRET = "Unexpected value for secret passed to validateWebhook, expected a string";

/**
 * Resolves `true` when one `v1` signature in the webhook's headers is the HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` under the secret. A `Request` is cloned, so its body stays readable.
 */
export function validateWebhook(
  request: Request | WebhookRequest,
  secret: string,
  cryptoOrOptions?: CryptoOrOptions,
): Promise<boolean>;
export function validateWebhook(fields: WebhookFields, cryptoOrOptions?: CryptoOrOptions): Promise<boolean>;
export async function validateWebhook(
  input: Request | WebhookRequest | WebhookFields,
  secretOrOptions?: string | CryptoOrOptions,
  lastArgument?: CryptoOrOptions,
): Promise<boolean> {
  let parts: [unknown, unknown, unknown];
  let body: unknown;
  let secret: unknown;
  let given: CryptoOrOptions | undefined;
  if (typeof input === "object" && input !== null && "headers" in input && input.headers) {
    if (typeof secretOrOptions !== "string") throw new Error(UNEXPECTED_SECRET);
    const headers = input.headers;
    parts = HEADER_NAMES.map((name) => header(headers, name)) as typeof parts;
    body = isRequest(input) ? input : input.body;
    secret = secretOrOptions;
    given = lastArgument;
  } else {
    const fields = input as WebhookFields;
    parts = [fields.id, fields.timestamp, fields.signature];
    body = fields.body;
    secret = fields.secret;
    given = typeof secretOrOptions === "string" ? undefined : secretOrOptions;
  }

  const missing = HEADER_NAMES.filter((_, i) => parts[i] === undefined || parts[i] === null || parts[i] === "");
  if (missing.length > 0) throw new Error(`Missing required webhook headers: ${missing.join(", ")}`);
  const [id, timestamp, signature] = parts.map(String) as [string, string, string];

  const text = await bodyText(body);
  if (!text) throw new Error("Missing required body");
  if (!secret) throw new Error("Missing required secret");
  if (typeof secret !== "string") throw new Error(UNEXPECTED_SECRET);

  const options: WebhookValidationOptions = given && "subtle" in given ? { crypto: given } : (given ?? {});
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) {
    throw new Error(
      'Missing `crypto` implementation. If using Node 18 pass in require("node:crypto").webcrypto',
    );
  }
  const computed = await sign(crypto, secret, `${id}.${timestamp}.${text}`);
  // Checked after signing so that a malformed secret throws whatever the timestamp.
  if (options.tolerance !== undefined && !isFresh(timestamp, options)) return false;
  let matched = false;
  for (const entry of signature.split(" ")) {
    const comma = entry.indexOf(",");
    // Only v1 counts: 1.4.0 took the text after any prefix ("v2,", "x,"), defect 9.
    if (comma === -1 || entry.slice(0, comma) !== "v1") continue;
    matched = timingSafeEqual(entry.slice(comma + 1), computed) || matched;
  }
  return matched;
}

function isRequest(value: object): value is Request {
  return typeof (value as Request).clone === "function" && typeof (value as Request).text === "function";
}

function header(headers: WebhookRequest["headers"], name: string): unknown {
  if (typeof headers.get === "function") return headers.get(name);
  const plain = headers as Record<string, string | string[] | undefined>;
  const key = name in plain ? name : Object.keys(plain).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : plain[key];
  return Array.isArray(value) ? value.join(" ") : value;
}

async function bodyText(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null || typeof body === "string") return body ?? undefined;
  if (typeof body !== "object") throw new Error("Invalid body type");
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  // A Node Readable is async-iterable; undici's Response accepts it, like 1.4.0's `body.readable` path.
  const isNodeReadable = "readable" in body && Symbol.asyncIterator in body;
  let read: () => Promise<string>;
  if (isRequest(body)) read = () => body.clone().text();
  else if (typeof Blob !== "undefined" && body instanceof Blob) read = () => body.text();
  else if ((typeof ReadableStream !== "undefined" && body instanceof ReadableStream) || isNodeReadable) {
    read = () => new Response(body as BodyInit).text();
  } else return JSON.stringify(body);
  try {
    return await read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Error reading body: ${reason}`, { cause: error });
  }
}

function isFresh(timestamp: string, options: WebhookValidationOptions): boolean {
  const tolerance = options.tolerance as number;
  if (!(tolerance >= 0)) throw new TypeError("`tolerance` must be a non-negative number of seconds");
  if (!/^\d+$/.test(timestamp)) return false;
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  return Math.abs(nowSeconds - Number(timestamp)) <= tolerance;
}

async function sign(crypto: WebhookCrypto, secret: string, content: string): Promise<string> {
  let key: Uint8Array;
  try {
    key = base64ToBytes(secret.slice(secret.lastIndexOf("_") + 1));
  } catch (error) {
    throw new Error("Malformed webhook secret: expected `whsec_` followed by base64", { cause: error });
  }
  if (key.length === 0) throw new Error("Malformed webhook secret: the key after `whsec_` is empty");
  const subtle = crypto.subtle as SubtleCrypto;
  // base64ToBytes always allocates a fresh ArrayBuffer; its declared type stays Uint8Array so
  // that emitted declarations work with TypeScript before 5.7.
  const raw = key as Uint8Array<ArrayBuffer>;
  const hmacKey = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return bytesToBase64(await subtle.sign("HMAC", hmacKey, new TextEncoder().encode(content)));
}
