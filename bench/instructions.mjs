// Instructions per `predictions.get`, counted under valgrind: a measure that holds still where CPU
// time does not. On this kind of machine one fresh process's CPU per call strays ±10% from the
// next one's, so two builds 1% apart cannot be told apart by timing. In "memory" mode (fetch
// answers at once from memory, so what is counted is the client's own work) the count repeats to
// within 0.1%, with V8 single-threaded and predictable. The "loopback" count of a whole call
// moves by a few percent from run to run, with what GC finds in flight at each scavenge; it is the
// scale for the memory figures. Instructions are not time (cache misses are not counted), so this
// guides work on the request path; the targets stay with the CPU figures of `npm run bench`.
//
// Usage, from the repository root: `npm run bench:instructions` (about four minutes on two
// cores). Needs valgrind on PATH; only 127.0.0.1 is contacted.
import { execFileSync, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./start-server.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const VARIANTS = ["ours", "v1", "raw"];
/**
 * Calls before and during the count, per mode. A call's count is the difference between a run of
 * warmup + calls and a run of warmup alone, so start-up and compilation cancel out. Over loopback
 * undici keeps compiling for about 3,000 calls.
 */
const MODES = {
  memory: { warmup: 20_000, calls: 20_000 },
  loopback: { warmup: 3_000, calls: 2_000 },
};

try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  console.error("valgrind is not on PATH (Debian: apt-get install valgrind).");
  process.exit(1);
}

const server = await startServer();
try {
  const jobs = [];
  for (const [mode, { warmup, calls }] of Object.entries(MODES)) {
    for (const variant of VARIANTS) {
      for (const count of [warmup, warmup + calls]) jobs.push({ mode, variant, count, calls });
    }
  }
  await runAll(jobs, Math.max(1, availableParallelism()));
  console.log("| mode | variant | instructions per call | ÷ raw |");
  console.log("|---|---|---:|---:|");
  for (const mode of Object.keys(MODES)) {
    const perCall = Object.fromEntries(VARIANTS.map((variant) => [variant, perCallOf(jobs, mode, variant)]));
    for (const variant of VARIANTS) {
      console.log(`| ${mode} | ${variant} | ${Math.round(perCall[variant]).toLocaleString("en-US")} | ${(perCall[variant] / perCall.raw).toFixed(3)}x |`);
    }
  }
  const own = (variant) => perCallOf(jobs, "memory", variant) - perCallOf(jobs, "memory", "raw");
  const share = (variant) => ((100 * own(variant)) / perCallOf(jobs, "loopback", "raw")).toFixed(1);
  console.log(
    `\nOwn work per call (memory, over raw): this package ${Math.round(own("ours")).toLocaleString("en-US")} ` +
      `instructions, ${share("ours")}% of a raw call over loopback; 1.4.0 ${Math.round(own("v1")).toLocaleString("en-US")}, ${share("v1")}%.`,
  );
} finally {
  server.stop();
}

function perCallOf(jobs, mode, variant) {
  const [short, long] = jobs.filter((job) => job.mode === mode && job.variant === variant).sort((a, b) => a.count - b.count);
  return (long.instructions - short.instructions) / long.calls;
}

/** Runs the jobs, `parallel` at a time, filling in each one's instruction count. */
async function runAll(jobs, parallel) {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      job.instructions = await countInstructions(job);
      process.stderr.write(`\r\x1b[K${next}/${jobs.length} runs counted`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  process.stderr.write("\n");
}

function countInstructions({ mode, variant, count }) {
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    // V8 writes and rewrites machine code: valgrind must notice.
    "--smc-check=all-non-file",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    // No compiler or GC threads, and V8's own choices fixed: the count repeats run to run.
    "--single-threaded",
    "--predictable",
    join(benchDir, "instructions-worker.mjs"),
    mode,
    variant,
    String(count),
    server.origin,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code === 0 && refs) resolve(Number(refs[1].replaceAll(",", "")));
      else reject(new Error(`${mode} ${variant} ${count}: exit ${code}: ${err.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}
