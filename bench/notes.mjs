// What the profiles showed for each target this package misses, keyed by target id. report.mjs
// prints a note only when its target misses in the run being written up, so a note that no longer
// applies never reaches BENCHMARKS.md. Keep each to what was measured and what was tried.
export const MISS_NOTES = {};
