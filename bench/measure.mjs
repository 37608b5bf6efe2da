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

/**
 * Runs `fn` `blocks` times and returns the median block's CPU and wall time (each the median of its
 * own), so a burst of load from a neighbour skews one block rather than the result.
 */
export async function medianOfBlocks(blocks, fn) {
  const cpu = [];
  const wall = [];
  for (let i = 0; i < blocks; i++) {
    const { cpuMs, wallMs } = await measure(fn);
    cpu.push(cpuMs);
    wall.push(wallMs);
  }
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

/**
 * Runs `a` and `b` in alternating blocks, `rounds` of each, the first of each pair alternating too,
 * and returns each one's median block, the per-round CPU ratios a ÷ b and their median. A pair of
 * blocks shares the machine's state of the moment (a neighbour's load, the CPU's clock, GC), which
 * is what makes one fresh process stray by ±10% from the next: within a pair it cancels.
 */
export async function pairedBlocks(rounds, a, b) {
  const runs = { a: [], b: [] };
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? ["b", "a"] : ["a", "b"];
    const round = {};
    for (const name of order) round[name] = await measure(name === "a" ? a : b);
    runs.a.push(round.a);
    runs.b.push(round.b);
    ratios.push(round.a.cpuMs / round.b.cpuMs);
  }
  const medians = (list) => ({ cpuMs: median(list.map((r) => r.cpuMs)), wallMs: median(list.map((r) => r.wallMs)) });
  return { a: medians(runs.a), b: medians(runs.b), ratio: median(ratios), ratios };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
