/**
 * Compares two strings in time that depends only on their lengths, not on where they differ,
 * so a caller checking signatures does not leak how much of a forged one was right.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  // Lengths are public here: every HMAC-SHA256 signature encodes to 44 base64 characters.
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}
