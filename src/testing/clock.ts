/** The fake's time source; injectable so records carry deterministic timestamps in tests. */
export type Now = () => number;

/** Wraps a user clock (`Date` or epoch milliseconds) as epoch milliseconds. */
export function toNow(now?: () => number | Date): Now {
  if (!now) return () => Date.now();
  return () => {
    const value = now();
    return typeof value === "number" ? value : value.getTime();
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Resolves when `done` settles or `ms` passes, whichever is first, without leaving a timer behind. */
export async function within(done: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([done, sleep(ms, stop.signal).catch(() => undefined)]);
  } finally {
    stop.abort();
    signal?.removeEventListener("abort", onAbort);
  }
}
