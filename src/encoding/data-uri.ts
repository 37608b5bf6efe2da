import { OCTET_STREAM } from "../files/file-like";
import { base64ToBytes, bytesToBase64 } from "./base64";

// The Fetch standard's data: URL processor in one match: the media type runs to the first ",",
// trimmed, and ";base64" counts only at its very end (whitespace allowed around it), in any case.
const DATA_URI = /^[\t\n\f\r ]*data:\s*([^,]*?)\s*(;[\t\n\f\r ]*base64)?\s*,(.*)/is;
// type "/" subtype, both HTTP tokens, then parameters or nothing.
const MIME_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(;|$)/;

/** `data:<mime>;base64,<payload>` for the bytes, in any runtime and for any size. */
export function toDataURI(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, mimeType?: string): string {
  return `data:${mimeType || OCTET_STREAM};base64,${bytesToBase64(bytes)}`;
}

/**
 * Splits a data: URI into its MIME type and bytes, following the Fetch standard's data: URL
 * processor (`;base64` or percent-encoded payloads). Throws a `TypeError` when malformed.
 */
export function parseDataURI(uri: string): { mimeType: string; bytes: Uint8Array } {
  const match = DATA_URI.exec(uri);
  // Phrased as parseIdentifier phrases its error, so gzip finds most of it there.
  if (!match) throw new TypeError('Invalid data URI. Expected format: data:[<mediatype>][;base64],<data>');
  const [, mediaType, base64, payload] = match as unknown as [string, string, string | undefined, string];
  const mimeType = mediaType[0] === ";" ? `text/plain${mediaType}` : mediaType;
  // Percent-escapes are legal even in base64 payloads; without one, decoding them changes nothing
  // atob would accept, so the common case skips the copy.
  const binary = base64 && !payload.includes("%") ? payload : percentDecode(payload);
  return {
    mimeType: MIME_TYPE.test(mimeType) ? mimeType : "text/plain;charset=US-ASCII",
    // A percent-encoded payload's binary string goes through base64 too: one path to bytes.
    bytes: base64ToBytes(base64 ? binary : btoa(binary)),
  };
}

/**
 * The standard's percent-decode, as a binary string: the text's UTF-8 bytes with each "%XX" turned
 * into its byte, and a "%" not followed by two hex digits kept. encodeURIComponent writes every
 * byte of the text that needs it as "%XX" and every "%" as "%25"; restoring the text's own valid
 * escapes ("%25" + two hex digits → "%" + them) leaves a string in which every "%" starts a "%XX",
 * exactly what unescape decodes, byte for byte.
 */
function percentDecode(text: string): string {
  // Lone surrogates become U+FFFD, as the URL parser and TextEncoder make them (encodeURIComponent throws).
  const escaped = encodeURIComponent(text.replace(/\p{Cs}/gu, "\ufffd"));
  return unescape(escaped.replace(/%25([\da-f]{2})/gi, "%$1"));
}
