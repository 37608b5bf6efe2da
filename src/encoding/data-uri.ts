import { base64ToBytes, bytesToBase64 } from "./base64";

const DEFAULT_MIME = "text/plain;charset=US-ASCII";
const MIME_ESSENCE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const BASE64_SUFFIX = /;[\t\n\f\r ]*base64$/i;
// Made on first use: constructing one costs a cold start a fraction of a millisecond (bench: cold start).
let encoder: TextEncoder | undefined;

/** `data:<mime>;base64,<payload>` for the bytes, in any runtime and for any size. */
export function toDataURI(
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView,
  mimeType = "application/octet-stream",
): string {
  return `data:${mimeType};base64,${bytesToBase64(bytes)}`;
}

/**
 * Splits a data: URI into its MIME type and bytes, following the Fetch standard's data: URL
 * processor (`;base64` or percent-encoded payloads). Throws a `TypeError` when malformed.
 */
export function parseDataURI(uri: string): { mimeType: string; bytes: Uint8Array } {
  if (typeof uri !== "string" || !/^[\t\n\f\r ]*data:/i.test(uri)) {
    throw new TypeError('Invalid data URI: expected a string starting with "data:"');
  }
  const start = uri.indexOf(":") + 1;
  const comma = uri.indexOf(",", start);
  if (comma === -1) throw new TypeError('Invalid data URI: missing "," before the payload');

  let mediaType = uri.slice(start, comma).trim();
  const payload = uri.slice(comma + 1);
  const isBase64 = BASE64_SUFFIX.test(mediaType);
  if (isBase64) mediaType = mediaType.replace(BASE64_SUFFIX, "").trim();

  let bytes: Uint8Array;
  if (isBase64) {
    // Percent-escapes are legal even in base64 payloads; skip the copy in the common case.
    const text = payload.includes("%") ? latin1(percentDecode(payload)) : payload;
    try {
      bytes = base64ToBytes(text);
    } catch (error) {
      throw new TypeError("Invalid data URI: the payload is not valid base64", { cause: error });
    }
  } else {
    bytes = percentDecode(payload);
  }
  return { mimeType: normalizeMimeType(mediaType), bytes };
}

function normalizeMimeType(mediaType: string): string {
  const full = mediaType.startsWith(";") ? `text/plain${mediaType}` : mediaType;
  const essence = full.split(";", 1)[0]?.trim() ?? "";
  return MIME_ESSENCE.test(essence) ? full : DEFAULT_MIME;
}

function percentDecode(text: string): Uint8Array {
  const input = (encoder ??= new TextEncoder()).encode(text);
  if (!text.includes("%")) return input;
  const out = new Uint8Array(input.length);
  let o = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] as number;
    const high = byte === 37 ? hexValue(input[i + 1]) : -1;
    const low = high >= 0 ? hexValue(input[i + 2]) : -1;
    if (low >= 0) {
      out[o++] = (high << 4) | low;
      i += 2;
    } else {
      out[o++] = byte;
    }
  }
  return out.subarray(0, o);
}

function hexValue(code: number | undefined): number {
  if (code === undefined) return -1;
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  // Bounded chunks keep String.fromCharCode's argument count far below every engine's limit.
  for (let i = 0; i < bytes.length; i += 0x2000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  }
  return text;
}
