// Runs every benchmark against a local server on 127.0.0.1, interleaving this package, replicate@1.4.0
// and the raw platform, then prints the table and writes BENCHMARKS.md. Run it from the repository
// root with `npm run bench` (which installs bench/ and builds dist/ first). For work on one target:
// `node bench/main.mjs --only=sse,request --reps=9` (prints the table, leaves BENCHMARKS.md alone);
// `--quick` does one repetition of everything, for checking the harness rather than the numbers.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./start-server.mjs";
import { bundleSizes, esbuildVersion, sourceBreakdown } from "./bundle.mjs";
import { machine, markdown, summarize, table } from "./report.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);
const quick = process.argv.includes("--quick");
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option("only")?.split(",");
const partial = quick || only !== undefined || option("reps") !== undefined;

/** Repetitions of each workload per variant; 1.4.0's event stream runs for its whole time budget, so fewer. */
const REPS = Number(option("reps") ?? (quick ? 1 : 7));
const SSE_V1_REPS = quick ? 1 : 2;
/** Fresh processes per variant and module format for cold start, spread over the repetitions. */
const COLD_PER_REP = quick ? 2 : 3;
/**
 * Fresh processes per variant and repetition, where one is not enough. None at the moment: request
 * and pagination, whose processes stray most, time each variant against raw in the same process.
 */
const RUNS_PER_REP = {};
const WORKER_TIMEOUT_MS = 60_000;
/** No repetition starts after this long; what has run by then is reported. */
const RUN_BUDGET_MS = 12 * 60_000;
const VARIANTS = ["ours", "v1", "raw"];
const WORKLOADS = ["request", "pagination", "sse", "datauri", "blob", "poll"].filter((name) => !only || only.includes(name));
const COLD = !only || only.includes("cold");
const BUNDLE = !only || only.includes("bundle");

if (!existsSync(join(repoRoot, "dist", "index.js"))) {
  console.error("dist/index.js is missing: run `npm run bench` from the repository root (it builds first).");
  process.exit(1);
}

// Colleagues rebuild dist/ whenever they run the tests; measuring a copy taken now keeps one run on
// one build. The copy is the package as installed: package.json plus the built files.
const packageDir = snapshotPackage();
process.once("exit", () => rmSync(packageDir, { recursive: true, force: true }));

const started = Date.now();
const before = { ...machine(), source: sourceState() };
const server = await startServer();
let repsDone = 0;
const samples = { cold: [], ...Object.fromEntries(WORKLOADS.map((name) => [name, []])) };
try {
  for (let rep = 0; rep < REPS; rep++) {
    if (rep > 0 && Date.now() - started > RUN_BUDGET_MS) {
      process.stderr.write(`\nStopping after ${rep} repetitions: the run has used its ${RUN_BUDGET_MS / 60_000} minutes.\n`);
      break;
    }
    repsDone = rep + 1;
    // Rotating the order puts each variant first, middle and last in turn, so a neighbour's burst
    // of load does not always land on the same one.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length]);
    for (let i = 0; COLD && i < COLD_PER_REP; i++) {
      const sample = {};
      for (const variant of order) {
        for (const format of ["esm", "cjs"]) sample[`${variant}.${format}`] = await coldStart(variant, format);
      }
      samples.cold.push(sample);
    }
    for (const workload of WORKLOADS) {
      for (let run = 0; run < (RUNS_PER_REP[workload] ?? 1); run++) {
        const sample = {};
        // A second run goes in the reverse order, so no variant always follows the same one.
        for (const variant of run % 2 ? [...order].reverse() : order) {
          if (workload === "sse" && variant === "v1" && rep >= SSE_V1_REPS) continue;
          progress(`${workload} ${variant} (${rep + 1}/${REPS})`);
          sample[variant] = await runWorker(workload, variant, server.origin);
        }
        samples[workload].push(sample);
      }
    }
  }
} finally {
  server.stop();
}
progress("bundle sizes");
const bundles = BUNDLE ? await bundleSizes(packageDir, benchDir) : {};
const breakdown = BUNDLE ? await sourceBreakdown(repoRoot) : [];
process.stderr.write("\n");

const summary = summarize(samples, bundles);
const context = { ...before, after: machine(), esbuild: esbuildVersion, breakdown, seconds: (Date.now() - started) / 1000, reps: repsDone, coldRuns: repsDone * COLD_PER_REP, quick };
process.stdout.write(`${table(summary)}\n`);
if (!partial) {
  writeFileSync(join(repoRoot, "BENCHMARKS.md"), markdown(summary, context));
  process.stdout.write("Wrote BENCHMARKS.md\n");
}

/** The commit measured, and how many src files differed from it (colleagues' work in progress). */
function sourceState() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
    const changed = git("status", "--porcelain", "--", "src").split("\n").filter(Boolean).length;
    return `${git("rev-parse", "--short", "HEAD")}${changed ? ` with ${changed} uncommitted src file(s)` : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

function snapshotPackage() {
  const dir = mkdtempSync(join(tmpdir(), "replicate-bench-package-"));
  mkdirSync(join(dir, "dist"));
  copyFileSync(join(repoRoot, "package.json"), join(dir, "package.json"));
  for (const file of ["index.js", "index.cjs"]) copyFileSync(join(repoRoot, "dist", file), join(dir, "dist", file));
  return dir;
}

function progress(text) {
  process.stderr.write(`\r\x1b[K${text}`);
}

/** Runs `node <script> ...args` to completion and parses the JSON it prints; killed after a minute. */
function runNode(script, args) {
  return new Promise((resolve) => {
    const wall0 = performance.now();
    const child = spawn(process.execPath, [join(benchDir, script), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, BENCH_PACKAGE_DIR: packageDir },
    });
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
