// Runs every benchmark against a local server on 127.0.0.1, interleaving this package, replicate@1.4.0
// and the raw platform, then prints the table and writes BENCHMARKS.md. Run it from the repository
// root with `npm run bench` (which installs bench/ and builds dist/ first); `--quick` does one
// repetition of everything, for checking the harness rather than the numbers.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSizes, esbuildVersion } from "./bundle.mjs";
import { machine, markdown, summarize, table } from "./report.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);
const quick = process.argv.includes("--quick");

/** Repetitions of each workload per variant; 1.4.0's event stream runs for its whole time budget, so fewer. */
const REPS = quick ? 1 : 5;
const SSE_V1_REPS = quick ? 1 : 2;
/** Fresh processes per variant and module format for cold start, spread over the repetitions. */
const COLD_PER_REP = quick ? 2 : 6;
const WORKER_TIMEOUT_MS = 60_000;
const VARIANTS = ["ours", "v1", "raw"];
const WORKLOADS = ["request", "pagination", "sse", "datauri", "blob", "poll"];

if (!existsSync(join(repoRoot, "dist", "index.js"))) {
  console.error("dist/index.js is missing: run `npm run bench` from the repository root (it builds first).");
  process.exit(1);
}

const started = Date.now();
const before = machine();
const server = await startServer();
const samples = { cold: [], ...Object.fromEntries(WORKLOADS.map((name) => [name, []])) };
try {
  for (let rep = 0; rep < REPS; rep++) {
    // Rotating the order puts each variant first, middle and last in turn, so a neighbour's burst
    // of load does not always land on the same one.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length]);
    for (let i = 0; i < COLD_PER_REP; i++) {
      const sample = {};
      for (const variant of order) {
        for (const format of ["esm", "cjs"]) sample[`${variant}.${format}`] = await coldStart(variant, format);
      }
      samples.cold.push(sample);
    }
    for (const workload of WORKLOADS) {
      const sample = {};
      for (const variant of order) {
        if (workload === "sse" && variant === "v1" && rep >= SSE_V1_REPS) continue;
        progress(`${workload} ${variant} (${rep + 1}/${REPS})`);
        sample[variant] = await runWorker(workload, variant, server.origin);
      }
      samples[workload].push(sample);
    }
  }
} finally {
  server.stop();
}
progress("bundle sizes");
const bundles = await bundleSizes(repoRoot, benchDir);
process.stderr.write("\n");

const summary = summarize(samples, bundles);
const context = { ...before, after: machine(), esbuild: esbuildVersion, seconds: (Date.now() - started) / 1000, reps: REPS, coldRuns: REPS * COLD_PER_REP, quick };
process.stdout.write(`${table(summary)}\n`);
if (!quick) {
  writeFileSync(join(repoRoot, "BENCHMARKS.md"), markdown(summary, context));
  process.stdout.write("Wrote BENCHMARKS.md\n");
}

function progress(text) {
  process.stderr.write(`\r\x1b[K${text}`);
}

/** Starts server.mjs in its own process; it exits when its stdin closes. */
function startServer() {
  const child = spawn(process.execPath, [join(benchDir, "server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
  const stop = () => child.stdin.end();
  process.once("exit", () => child.kill());
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve({ origin: JSON.parse(out).origin, stop });
    });
  });
}

/** Runs `node <script> ...args` to completion and parses the JSON it prints; killed after a minute. */
function runNode(script, args) {
  return new Promise((resolve) => {
    const wall0 = performance.now();
    const child = spawn(process.execPath, [join(benchDir, script), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), WORKER_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      const processMs = performance.now() - wall0;
      try {
        resolve({ ...JSON.parse(out), processMs });
      } catch {
        resolve({ error: `exit ${code}: ${(err || out).trim().split("\n").slice(-3).join(" ").slice(0, 300)}` });
      }
    });
  });
}

function runWorker(workload, variant, origin) {
  return runNode("worker.mjs", [workload, variant, origin]);
}

function coldStart(variant, format) {
  return runNode("cold.mjs", [variant, format]);
}
