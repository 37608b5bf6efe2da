// The payloads the local API server sends and the sizes the workloads check against. Shared by
// the server and the workers so both sides agree on what a complete response is.

export const SSE_EVENTS = 100_000;
export const PAGES = 200;
export const PAGE_SIZE = 100;
export const FILE_BYTES = 50 * 1024 * 1024;
export const DATA_URI_BYTES = 8 * 1024 * 1024;
/** run() with polling: the server answers `processing` to this many GETs, then `succeeded`. */
export const POLLS = 5;
export const POLL_INTERVAL = 50;

export const VERSION_ID = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";

/** A prediction shaped like the API's, about 700 bytes of JSON. */
export function prediction(origin, id, fields = {}) {
  return {
    id,
    model: "bench/model",
    version: VERSION_ID,
    input: { prompt: "an astronaut riding a horse on the moon, photorealistic", seed: 42 },
    logs: "Using seed: 42\n  0%|          | 0/50 [00:00<?, ?it/s]\n100%|██████████| 50/50 [00:02<00:00, 19.5it/s]\n",
    output: null,
    data_removed: false,
    error: null,
    status: "processing",
    created_at: "2025-01-01T00:00:00.000Z",
    started_at: "2025-01-01T00:00:00.500Z",
    completed_at: null,
    urls: {
      cancel: `${origin}/v1/predictions/${id}/cancel`,
      get: `${origin}/v1/predictions/${id}`,
      stream: `${origin}/stream/${id}`,
      web: `${origin}/p/${id}`,
    },
    metrics: { predict_time: 2.52 },
    ...fields,
  };
}

/** 100,000 short `output` events as Replicate sends them, then `done`. */
export function sseBody() {
  let text = "";
  for (let i = 0; i < SSE_EVENTS; i++) text += `event: output\nid: 1735689600000:${i}\ndata: tok${i % 10}\n\n`;
  return `${text}event: done\ndata: {}\n\n`;
}

/** Deterministic bytes (a fixed xorshift sequence), so every run sends the same payload. */
export function pseudoRandomBytes(length) {
  const bytes = new Uint8Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
