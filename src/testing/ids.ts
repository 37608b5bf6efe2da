const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Identifier source: a seeded generator, so two fakes with the same seed hand out the same ids. */
export interface Ids {
  /** A 26-character lowercase id shaped like Replicate's prediction ids. */
  id(): string;
  bytes(length: number): Uint8Array;
}

export function createIds(seed = 1): Ids {
  let state = seed >>> 0;
  // mulberry32: tiny, fast, and good enough to avoid collisions between test records.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    id: () => Array.from({ length: 26 }, () => ALPHABET[next() % 32]).join(""),
    bytes: (length) => Uint8Array.from({ length }, () => next() & 0xff),
  };
}

/** A stable 64-hex digest of `text` (FNV-1a in eight lanes), used as a default version id. */
export function hex64(text: string): string {
  let out = "";
  for (let lane = 0; lane < 8; lane++) {
    let hash = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, "0");
  }
  return out;
}
