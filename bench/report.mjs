// Turns the raw samples into the results table, the target verdicts and BENCHMARKS.md.
import { cpus, loadavg, arch, platform } from "node:os";
import { MISS_NOTES } from "./notes.mjs";

const ALL = ["ours", "v1", "raw"];
const PACKAGES = ["ours", "v1"];

/** One row per measure: `from(sample, variant)` is one repetition's result for a variant, `key` the number in it. */
const ROWS = [
  { id: "cold.esm", group: "cold start", metric: "import + new Replicate(), ESM (CPU)", unit: "ms", variants: PACKAGES, from: cold("esm"), key: "cpuMs" },
  { id: "cold.cjs", group: "cold start", metric: "require + new Replicate(), CJS (CPU)", unit: "ms", variants: PACKAGES, from: cold("cjs"), key: "cpuMs" },
  { id: "cold.process", group: "cold start", metric: "whole process, ESM (wall; raw: bare node)", unit: "ms", from: cold("esm"), key: "processMs" },
  { id: "request", group: "request", metric: "CPU per predictions.get (keep-alive)", unit: "µs", key: "cpuUs", paired: true },
  { id: "request.wall", group: "request", metric: "wall per call", unit: "µs", key: "wallUs" },
  { id: "pagination", group: "pagination", metric: "CPU per page of 100 (200 pages)", unit: "µs", key: "cpuUs", paired: true },
  { id: "sse", group: "SSE", metric: "events per CPU-second (100,000 events)", unit: "/s", key: "eventsPerCpuSec" },
  { id: "sse.wall", group: "SSE", metric: "events per second (wall)", unit: "/s", key: "eventsPerSec" },
  { id: "sse.rss", group: "SSE", metric: "peak RSS of the process", unit: "MiB", key: "peakRssMiB" },
  { id: "datauri", group: "data URI", metric: "CPU per create with an 8 MiB file", unit: "ms", key: "cpuMs" },
  { id: "datauri.wall", group: "data URI", metric: "wall per create", unit: "ms", key: "wallMs" },
  { id: "blob", group: "FileOutput", metric: "CPU per run() + blob() of 50 MiB", unit: "ms", key: "cpuMs" },
  { id: "blob.wall", group: "FileOutput", metric: "wall per run() + blob()", unit: "ms", key: "wallMs" },
  { id: "poll", group: "run() polling", metric: "wall beyond 4 sleeps of 50 ms", unit: "ms", key: "overheadMs" },
  { id: "poll.cpu", group: "run() polling", metric: "CPU per run() (6 requests)", unit: "ms", key: "cpuMs" },
];

function cold(format) {
  return (sample, variant) => sample[`${variant}.${format}`];
}

const byVariant = (sample, variant) => sample[variant];

/** Each target reads the summary rows; `value` is what is compared with `limit`. */
const TARGETS = [
  { id: "sse-rate", name: "SSE events/s ≥ ½ of the minimal line splitter", limit: 0.5, higher: true, value: (r) => r.sse.ratio.raw, range: (r) => r.sse.spread.raw, unit: "×" },
  { id: "sse-memory", name: "SSE peak RSS within 10 MiB of the line splitter", limit: 10, value: (r) => r["sse.rss"].diff.raw, unit: " MiB" },
  { id: "request", name: "request CPU per call ≤ 1.05× raw fetch + JSON.parse", limit: 1.05, value: (r) => r.request.ratio.raw, range: (r) => r.request.spread.raw, unit: "×" },
  { id: "pagination", name: "pagination CPU per page ≤ 1.05× raw fetch + JSON.parse", limit: 1.05, value: (r) => r.pagination.ratio.raw, range: (r) => r.pagination.spread.raw, unit: "×" },
  { id: "blob", name: "FileOutput.blob() CPU ≤ 1.10× raw fetch collecting the body", limit: 1.1, value: (r) => r.blob.ratio.raw, range: (r) => r.blob.spread.raw, unit: "×" },
  { id: "datauri", name: "8 MiB data-URI input CPU ≤ 1.5× Buffer base64 + the same POST", limit: 1.5, value: (r) => r.datauri.ratio.raw, range: (r) => r.datauri.spread.raw, unit: "×" },
  { id: "cold-esm", name: "cold import (ESM) ≤ ½ of 1.4.0's", limit: 0.5, value: (r) => r["cold.esm"].ratio.v1, range: (r) => r["cold.esm"].spread.v1, unit: "×" },
  { id: "cold-cjs", name: "cold require (CJS) ≤ ½ of 1.4.0's", limit: 0.5, value: (r) => r["cold.cjs"].ratio.v1, range: (r) => r["cold.cjs"].spread.v1, unit: "×" },
  { id: "bundle-browser", name: "run() app, browser, gzipped < 1.4.0's", limit: 1, strict: true, value: (r) => r["bundle.browser"].ratio.v1, unit: "×" },
  { id: "bundle-workerd", name: "run() app, workerd, gzipped < 1.4.0's", limit: 1, strict: true, value: (r) => r["bundle.workerd"].ratio.v1, unit: "×" },
];

export function machine() {
  const [one] = loadavg();
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    node: process.version,
    os: `${platform()} ${arch()}`,
    load: one,
    date: new Date().toISOString(),
  };
}

/** Medians per variant, paired ratios and differences, bundle rows and target verdicts. */
export function summarize(samples, bundles) {
  const rows = ROWS.map((spec) => summarizeRow(spec, samples[spec.id.split(".")[0]] ?? []));
  for (const [target, sizes] of Object.entries(bundles)) {
    const values = {};
    for (const variant of PACKAGES) values[variant] = sizes[variant].error ? { error: sizes[variant].error } : sizes[variant].gzipped;
    const ratio = typeof values.ours === "number" && typeof values.v1 === "number" ? { v1: values.ours / values.v1 } : {};
    const minified = PACKAGES.map((v) => sizes[v].minified ?? "—").join(" / ");
    rows.push({
      id: `bundle.${target}`,
      group: "bundle",
      metric: `run() app for ${target}, min+gzip (minified: ${minified})`,
      unit: "B",
      variants: PACKAGES,
      values,
      ratio,
      diff: {},
    });
  }
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  const targets = TARGETS.map((target) => {
    let value;
    try {
      value = target.value(byId);
    } catch {
      value = undefined;
    }
    let range;
    try {
      range = target.range?.(byId);
    } catch {
      range = undefined;
    }
    const pass =
      typeof value === "number" &&
      (target.higher ? value >= target.limit : target.strict ? value < target.limit : value <= target.limit);
    // A verdict the single repetitions straddle says more about this run's luck than about the code.
    const unsettled = range !== undefined && range[0] < target.limit && target.limit < range[1];
    return { ...target, measured: value, range, pass, unsettled };
  });
  return { rows, targets };
}

function summarizeRow(spec, samples) {
  const variants = spec.variants ?? ALL;
  const from = spec.from ?? byVariant;
  const get = (sample, variant) => from(sample, variant)?.[spec.key];
  const values = {};
  const ratio = {};
  const diff = {};
  for (const variant of variants) {
    const numbers = samples.map((s) => get(s, variant)).filter((x) => typeof x === "number" && Number.isFinite(x));
    const errors = samples.map((s) => from(s, variant)?.error).filter(Boolean);
    const partial = samples.map((s) => from(s, variant)?.partial).filter(Boolean);
    values[variant] = numbers.length ? median(numbers) : errors.length ? { error: errors[0] } : undefined;
    if (partial.length && numbers.length) values[variant] = { value: values[variant], partial: partial[0] };
  }
  // Ratios of the medians shown, so a reader can check them against the table; the interleaving
  // (each repetition runs the variants back to back) is what keeps them comparable.
  const numeric = (value) => (typeof value === "number" ? value : value?.value);
  const spread = {};
  for (const other of variants.filter((v) => v !== "ours")) {
    const [a, b] = [numeric(values.ours), numeric(values[other])];
    if (typeof a === "number" && typeof b === "number" && b !== 0) {
      ratio[other] = a / b;
      diff[other] = a - b;
    }
    // How far single repetitions stray: the range of the ratio within each back-to-back repetition.
    const pairs = samples.map((s) => [get(s, "ours"), get(s, other)]).filter(([x, y]) => typeof x === "number" && typeof y === "number" && y !== 0);
    if (pairs.length > 1) spread[other] = [Math.min(...pairs.map(([x, y]) => x / y)), Math.max(...pairs.map(([x, y]) => x / y))];
  }
  // Request and pagination time each variant against raw blocks in the same process: their ratio
  // to raw is the median over processes of those paired ratios, not a division of the medians shown.
  const paired = {};
  if (spec.paired) {
    for (const variant of variants) {
      const ratios = samples.map((s) => from(s, variant)?.pairedRatio).filter((x) => Number.isFinite(x));
      if (ratios.length) paired[variant] = median(ratios);
      if (variant === "ours" && ratios.length) {
        ratio.raw = paired.ours;
        spread.raw = ratios.length > 1 ? [Math.min(...ratios), Math.max(...ratios)] : undefined;
      }
    }
  }
  return { ...spec, variants, values, ratio, diff, spread, paired, n: samples.length };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function number(x) {
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString("en-US");
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function cell(value, unit) {
  if (value === undefined) return "—";
  if (typeof value === "number") return `${number(value)} ${unit}`;
  if (value.error) return `fails: ${value.error.replace(/\|/g, "/")}`;
  return `${number(value.value)} ${unit} (partial: ${value.partial})`;
}

const ratioCell = (r) => (r === undefined ? "—" : `${r.toFixed(2)}×`);

export function table({ rows, targets }) {
  const lines = [
    "| workload | measure | this package | replicate 1.4.0 | raw platform | ours ÷ 1.4.0 | ours ÷ raw |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows.filter((r) => r.variants.some((v) => r.values[v] !== undefined))) {
    const [ours, v1, raw] = ALL.map((v) => (row.variants.includes(v) ? cell(row.values[v], row.unit) : "n/a"));
    lines.push(`| ${row.group} | ${row.metric} | ${ours} | ${v1} | ${raw} | ${ratioCell(row.ratio.v1)} | ${ratioCell(row.ratio.raw)} |`);
  }
  const pairedRows = rows.filter((r) => r.paired && Object.keys(r.paired).length);
  if (pairedRows.length) {
    lines.push("", "| ÷ raw, timed in the same process (median over processes) | this package | replicate 1.4.0 | raw ÷ raw (check) |", "|---|---|---|---|");
    for (const row of pairedRows) {
      const [ours, v1, raw] = ALL.map((v) => (row.paired[v] === undefined ? "—" : `${row.paired[v].toFixed(2)}×`));
      lines.push(`| ${row.group}: ${row.metric} | ${ours} | ${v1} | ${raw} |`);
    }
  }
  lines.push("", "| target | measured | single repetitions | limit | result |", "|---|---|---|---|---|");
  for (const t of targets.filter((target) => target.measured !== undefined || !partialRun(rows))) {
    const measured = t.measured === undefined ? "not measured" : `${t.measured.toFixed(2)}${t.unit}`;
    const limit = `${t.higher ? "≥" : t.strict ? "<" : "≤"} ${t.limit}${t.unit}`;
    const range = t.range ? `${t.range[0].toFixed(2)} to ${t.range[1].toFixed(2)}${t.unit}` : "—";
    lines.push(`| ${t.name} | ${measured} | ${range} | ${limit} | ${t.pass ? "PASS" : "MISS"}${t.unsettled ? " (within noise)" : ""} |`);
  }
  return lines.join("\n");
}

function missNote(target, context) {
  const measured = target.measured === undefined ? "nothing" : `${target.measured.toFixed(2)}${target.unit}`;
  const note = MISS_NOTES[target.id];
  const text = typeof note === "function" ? note(context) : (note ?? "");
  const spread = target.unsettled ? ` (single repetitions ${target.range[0].toFixed(2)} to ${target.range[1].toFixed(2)}${target.unit})` : "";
  return `- **${target.name}**: measured ${measured}${spread} against a limit of ${target.limit}${target.unit}. ${text}`;
}

/** A run with --only leaves rows empty; their targets are left out rather than shown as misses. */
function partialRun(rows) {
  return rows.some((r) => r.variants.every((v) => r.values[v] === undefined));
}

export function markdown(summary, context) {
  const misses = summary.targets.filter((t) => !t.pass);
  const lucky = summary.targets.filter((t) => t.pass && t.unsettled);
  return `# Benchmarks

Generated by \`npm run bench\` (bench/main.mjs); do not edit by hand, re-run the command instead.

## Machine

| | |
|---|---|
| CPU | ${context.cpu}, ${context.cores} cores |
| Node | ${context.node} (${context.os}) |
| date | ${context.date} |
| source | ${context.source} |
| load average (1 min) at start / end | ${context.load.toFixed(2)} / ${context.after.load.toFixed(2)} |
| repetitions | ${context.reps} per workload and variant (1.4.0's event stream: fewer, see below); ${context.coldRuns} fresh processes per cold-start variant and format |
| duration | ${Math.round(context.seconds)} s |

## Results

Medians over repetitions. Each repetition runs the three variants back to back in fresh processes
(in a rotating order) against one local server process; the ratio columns divide the medians shown,
except request and pagination against raw, which are timed against raw in the same process (below).
"Raw platform" is what a developer writes by hand: \`fetch\` + \`JSON.parse\`, \`Buffer\` base64,
\`Response.blob()\`, a minimal SSE line splitter, a \`setTimeout\` polling loop. Beside each target's
ratio, "single repetitions" is the range of that ratio within one repetition: where it straddles the
limit, the verdict is within this machine's noise rather than settled by it, and says "within noise".

${table(summary)}

${misses.length ? `## Targets missed in this run\n\n${misses.map((t) => missNote(t, context)).join("\n\n")}\n` : "All targets met in this run.\n"}${lucky.length ? `\n## Targets met in this run, within this machine's noise\n\nTheir single repetitions straddle the limit, so another run may miss them.\n\n${lucky.map((t) => missNote(t, context)).join("\n\n")}\n` : ""}
## How it is measured

- **CPU time** (\`process.cpuUsage()\`, user + system, of the client process only) is the main measure:
  the API stand-in (bench/server.mjs) runs in its own process, and on shared cores wall time mostly
  measures the neighbours. Wall times are shown for reference.
- **Cold start**: a fresh \`node\` per sample times \`import()\` (or \`require()\`) of the package plus
  \`new Replicate()\`; "whole process" is spawn to exit as the parent sees it.
- **Within a worker**, timed work is split into blocks and the median block counts, so a burst of
  load from a neighbour skews one block rather than the sample.
- **Request**: 5,000 warm-up calls (CPU per call keeps falling for about 3,000 calls while V8 compiles the path, undici's included, and its compiler threads count as CPU), then a hundred blocks of 50 sequential \`predictions.get\` calls over
  keep-alive; the raw baseline sends the same headers.
  **Pagination**: 3,000 warm-up \`predictions.get\` calls and two warm-up passes, then five timed passes over 200
  pages of 100 predictions (about 100 kB of JSON per page), following \`next\`; the figure is the median page.
- **Request and pagination against raw, paired**: one fresh process's figure strays by up to ±10% from the next
  one's, twice the 5% these targets allow. So each process times its variant alternating with raw, warmed up
  alike: blocks of 50 calls for request, single pages for pagination (walking both paginations side by side). The
  ratio is the median of the per-pair ratios, as a pair shares the machine's state of the moment, and the target
  takes the median over processes. Raw is paired with itself too, a check that the pairing favours neither side
  (it should read 1.00×).
  Timing cannot tell apart two builds 1% apart here; \`npm run bench:instructions\` counts the client's
  own instructions per call under valgrind instead (repeatable to 0.1%), to guide work on this path.
- **SSE**: one prediction whose stream carries 100,000 \`output\` events (\`event\`, \`id\`, \`data\`), sent as
  fast as the socket takes them (reads of 30 to 130 kB). A warm-up stream, then the timed one;
  peak RSS is the process's \`maxRSS\`. A variant still running after 5 s stops there and reports
  its rate so far: 1.4.0's vendored eventsource-parser 1.1.2 rescans a chunk from its start for
  every line, so a 100 kB read costs it about a second; it gets no warm-up (see workloads/sse.mjs).
- **Data URI**: \`predictions.create\` with an 8 MiB Buffer input and \`fileEncodingStrategy: "data-uri"\`;
  the server checks that the body carried the file. 1.4.0 sends its serialized client instead of
  the file (defect 1 in SPEC.md), so it has no number.
- **FileOutput**: \`run()\` answered with a 50 MiB file URL, then \`blob()\`; the raw baseline creates
  the prediction and calls \`fetch(url).blob()\`. File URLs are \`https:\` (the only output URLs the
  clients turn into files); a fetch guard in each worker serves them from the local server, and
  refuses any URL that is not 127.0.0.1, for every variant alike.
- **run() polling**: the server answers \`processing\` to four polls and \`succeeded\` to the fifth; the
  interval is 50 ms, so four sleeps are the floor and the rest is the client's.
- **Bundle**: esbuild ${context.esbuild} bundles \`import Replicate from "replicate"; … replicate.run(…)\` minified as
  ESM (target es2022), gzip level 9; browser: \`platform: "browser"\`; workerd: \`platform: "neutral"\`,
  conditions \`workerd, worker, browser\`, main fields \`browser, module, main\`.
`;
}
