// Timing helpers for the workloads. CPU time (user + system of this process) is the main measure:
// on two shared cores wall time mostly measures what the neighbours are doing.

/** Runs `fn` and returns its CPU and wall time in milliseconds. */
export async function measure(fn) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - wall0;
  const { user, system } = process.cpuUsage(cpu0);
  return { cpuMs: (user + system) / 1000, wallMs, value };
}

/** Calls `fn(i)` `count` times in sequence. */
export async function repeat(count, fn) {
  for (let i = 0; i < count; i++) await fn(i);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

/** Throws unless `actual === expected`, so a variant that skipped work can't report a fast time. */
export function check(what, actual, expected) {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

/** The headers every variant sends, so the raw baseline puts the same request on the wire. */
export function apiHeaders(auth) {
  return {
    "Content-Type": "application/json",
    "User-Agent": "replicate-javascript/1.4.0",
    Authorization: `Bearer ${auth}`,
  };
}
