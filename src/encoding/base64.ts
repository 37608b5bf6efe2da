const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 61; // "="

// Every 12-bit value maps to its two output characters, stored as two bytes in memory order, so
// the hot loop does one 16-bit store per two characters whatever the platform's endianness.
const PAIRS = new Uint16Array(4096);
const pairBytes = new Uint8Array(PAIRS.buffer);
for (let i = 0; i < 4096; i++) {
  pairBytes[2 * i] = ALPHABET.charCodeAt(i >> 6);
  pairBytes[2 * i + 1] = ALPHABET.charCodeAt(i & 63);
}

// 255 marks a byte outside the alphabet.
const DECODE = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const ascii = new TextDecoder();
const encoder = new TextEncoder();

interface NativeBase64 {
  toBase64?: () => string;
}

function asBytes(input: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

/**
 * Standard base64 (with padding) of the bytes; other typed arrays and DataViews encode the bytes
 * they view. Linear time, no recursion or argument spreading, so any size works in any runtime.
 */
export function bytesToBase64(input: Uint8Array | ArrayBuffer | ArrayBufferView): string {
  const bytes = asBytes(input);
  const native = (bytes as NativeBase64).toBase64;
  if (typeof native === "function") return native.call(bytes);

  const length = bytes.length;
  const whole = length - (length % 3);
  const out = new Uint16Array(Math.ceil(length / 3) * 2);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = PAIRS[v >>> 12] as number;
    out[o++] = PAIRS[v & 4095] as number;
  }
  if (whole < length) {
    const outBytes = new Uint8Array(out.buffer);
    const b0 = bytes[whole] as number;
    const b1 = whole + 1 < length ? (bytes[whole + 1] as number) : 0;
    const v = (b0 << 16) | (b1 << 8);
    const at = o * 2;
    outBytes[at] = ALPHABET.charCodeAt(v >>> 18);
    outBytes[at + 1] = ALPHABET.charCodeAt((v >>> 12) & 63);
    outBytes[at + 2] = whole + 1 < length ? ALPHABET.charCodeAt((v >>> 6) & 63) : PAD;
    outBytes[at + 3] = PAD;
  }
  // Decoding pure ASCII as UTF-8 is the fastest portable bytes-to-string step (measured on Node 20).
  return ascii.decode(out);
}

function sextets(codes: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const value = DECODE[codes[at + k] as number] as number;
    if (value === 255) throw new TypeError(`Invalid base64: unexpected character near index ${at + k}`);
    v = (v << 6) | value;
  }
  return v;
}

/**
 * Decodes base64 with the forgiving rules of `atob` and data: URLs: ASCII whitespace is ignored
 * and padding is optional. Throws a `TypeError` on any other character or an impossible length.
 */
export function base64ToBytes(b64: string): Uint8Array {
  let text = /[\t\n\f\r ]/.test(b64) ? b64.replace(/[\t\n\f\r ]/g, "") : b64;
  if (text.length % 4 === 0) {
    if (text.endsWith("==")) text = text.slice(0, -2);
    else if (text.endsWith("=")) text = text.slice(0, -1);
  }
  // Working on bytes is several times faster than charCodeAt; non-ASCII turns into bytes >= 0x80,
  // which the table rejects.
  const codes = encoder.encode(text);
  const length = codes.length;
  if (length % 4 === 1) throw new TypeError("Invalid base64: the length is impossible for base64");

  const out = new Uint8Array(Math.floor((length * 3) / 4));
  const whole = length - (length % 4);
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = DECODE[codes[i] as number] as number;
    const b = DECODE[codes[i + 1] as number] as number;
    const c = DECODE[codes[i + 2] as number] as number;
    const d = DECODE[codes[i + 3] as number] as number;
    // Valid sextets are below 64, so a set high bit means one of the four was invalid (255).
    if ((a | b | c | d) & 0x80) sextets(codes, i, 4);
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (whole < length) {
    const rest = length - whole;
    const v = sextets(codes, whole, rest) << (6 * (4 - rest));
    out[o++] = v >>> 16;
    if (rest === 3) out[o++] = (v >>> 8) & 0xff;
  }
  return out;
}
