import { OCTET_STREAM } from "../files/file-like";
import { bytesToBase64 } from "./base64";

/**
 * `data:<mime>;base64,<payload>` for the bytes, in any runtime and for any size. (Reading one back,
 * for a `data:` output, is the platform fetch's job: see createFileOutput.)
 */
export function toDataURI(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, mimeType?: string): string {
  return `data:${mimeType || OCTET_STREAM};base64,${bytesToBase64(bytes)}`;
}
