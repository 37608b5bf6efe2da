#!/usr/bin/env node
// The runtime matrix: packs the package, installs the tarball into a scratch project, and runs
// scenario/scenario.mjs in every runtime against server.mjs. Prints a table; exits 1 if any failed.
//
//   node test/runtimes/run.mjs [--tarball path.tgz] [--only name,name]
//
// The runtimes come from this folder's package.json (`npm ci` here) and /usr/bin/chromium;
// .ci/runtimes.sh installs both.
import { spawn, execFileSync } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { startApiServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = (name) => join(here, "node_modules", ".bin", name);
const nodeBinary = (major) => join(here, "node_modules", `node${major}`, "bin", "node");
const TIMEOUT_MS = 90_000;

const { values: args } = parseArgs({ options: { tarball: { type: "string" }, only: { type: "string" } } });
const only = args.only ? new Set(args.only.split(",")) : undefined;

const work = await mkdtemp(join(tmpdir(), "replicate-runtimes-"));
const api = await startApiServer();
const pages = await startStaticServer(join(work, "scratch"));
try {
  const tarball = args.tarball ? resolve(args.tarball) : pack(work);
  const scratch = await installScratch(work, tarball);
  const bundleErrors = await bundle(scratch);
  const rows = [];
  for (const runtime of runtimes(scratch)) {
    if (only && !only.has(runtime.name)) continue;
    const row = bundleErrors[runtime.bundle] ? failedBuild(runtime, bundleErrors[runtime.bundle]) : await runOne(runtime);
    rows.push(row);
    console.log(`${row.ok ? "PASS" : "FAIL"} ${row.name} (${row.seconds}s)`);
    for (const check of row.checks.filter((c) => !c.ok || c.detail)) console.log(`     ${check.ok ? "·" : "✗"} ${check.name}: ${check.detail}`);
    if (!row.ok && row.output) console.log(indent(row.output.slice(-3000)));
  }
  printTable(rows);
  process.exitCode = rows.length > 0 && rows.every((row) => row.ok) ? 0 : 1;
} finally {
  await api.close();
  await pages.close();
  await rm(work, { recursive: true, force: true });
}

function runtimes(scratch) {
  const node = [18, 20, 22, 24].flatMap((major) => [
    { name: `node${major}-import`, command: nodeBinary(major), args: ["entry.mjs", api.origin] },
    { name: `node${major}-require`, command: nodeBinary(major), args: ["entry.cjs", api.origin] },
  ]);
  return [
    ...node,
    { name: "bun-import", command: bin("bun"), args: ["entry.mjs", api.origin] },
    { name: "bun-require", command: bin("bun"), args: ["entry.cjs", api.origin] },
    {
      name: "deno",
      command: bin("deno"),
      args: ["run", "--no-prompt", `--allow-net=127.0.0.1:${api.port}`, "entry.mjs", api.origin],
      env: { DENO_DIR: join(work, "deno"), DENO_NO_UPDATE_CHECK: "1" },
    },
    {
      name: "workerd (miniflare)",
      bundle: "worker.js",
      command: nodeBinary(24),
      args: [join(here, "hosts/workerd.mjs"), join(scratch, "worker.js"), api.origin],
    },
    {
      name: "edge-runtime",
      bundle: "edge.js",
      command: process.execPath,
      args: [join(here, "hosts/edge-runtime.mjs"), join(scratch, "edge.js"), api.origin],
    },
    {
      name: "chromium",
      command: process.execPath,
      args: [join(here, "hosts/chromium.mjs"), `${pages.origin}/index.html?origin=${encodeURIComponent(api.origin)}`],
    },
  ].map((runtime) => ({ cwd: scratch, ...runtime }));
}

function pack(dir) {
  // `npm pack` runs the prepack build, so the tarball is what `npm publish` would upload.
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repo, encoding: "utf8" });
  return join(dir, out.trim().split("\n").at(-1));
}

async function installScratch(dir, tarball) {
  const scratch = join(dir, "scratch");
  await mkdir(scratch, { recursive: true });
  await writeFile(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true }, null, 2));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", tarball], { cwd: scratch, stdio: "pipe" });
  for (const file of await readdir(join(here, "scenario"))) await copyFile(join(here, "scenario", file), join(scratch, file));
  return scratch;
}

/** Bundles the Worker and edge-runtime entries; resolves with the error of each bundle that failed. */
async function bundle(scratch) {
  const common = { bundle: true, absWorkingDir: scratch, logLevel: "silent", platform: "browser", target: "es2022" };
  // As wrangler does: Workers resolve the `workerd`/`worker` conditions. Node's modules stay
  // imports, which workerd and the edge runtime refuse at load time, so a stray one fails the run.
  const external = ["node:*", ...builtinModules];
  const targets = {
    "worker.js": { entryPoints: ["worker.mjs"], format: "esm", conditions: ["workerd", "worker", "browser"] },
    "edge.js": { entryPoints: ["edge.mjs"], format: "iife", conditions: ["edge-light", "worker", "browser"] },
  };
  const errors = {};
  for (const [outfile, options] of Object.entries(targets)) {
    await build({ ...common, ...options, external, outfile: join(scratch, outfile) }).catch((error) => {
      errors[outfile] = `esbuild: ${error.message}`;
    });
  }
  return errors;
}

function failedBuild({ name }, detail) {
  return { name, seconds: "0.0", output: "", ok: false, checks: [{ name: "bundle", ok: false, detail }] };
}

function runOne({ name, command, args, cwd, env }) {
  const started = Date.now();
  return new Promise((done) => {
    let output = "";
    let child;
    const finish = (extra) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      let result = { ok: false, checks: [{ name: "result", ok: false, detail: extra ?? "the runtime printed no RESULT line" }] };
      if (line) {
        try {
          result = JSON.parse(line.slice("RESULT ".length));
        } catch (error) {
          result.checks[0].detail = `unreadable RESULT: ${error.message}`;
        }
      }
      done({ name, seconds, output, ok: result.ok === true && !extra, checks: result.checks ?? [] });
    };
    if (!existsSync(command)) return finish(`${command} is missing: run .ci/runtimes.sh (or npm ci in test/runtimes)`);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(`timed out after ${TIMEOUT_MS / 1000}s`);
    }, TIMEOUT_MS);
    child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => finish(`could not start: ${error.message}`));
    child.on("close", (code) => finish(code === 0 ? undefined : `exited with ${code}`));
  });
}

function printTable(rows) {
  const width = Math.max(...rows.map((row) => row.name.length), 7);
  console.log(`\nRuntime matrix (${rows.filter((r) => r.ok).length}/${rows.length} passed)`);
  console.log(`${"runtime".padEnd(width)}  result  checks`);
  for (const row of rows) {
    const passed = row.checks.filter((c) => c.ok).length;
    console.log(`${row.name.padEnd(width)}  ${row.ok ? "pass  " : "FAIL  "}  ${passed}/${row.checks.length}`);
  }
  console.log(`runtimes: ${rows.filter((r) => r.ok).length} passed, ${rows.filter((r) => !r.ok).length} failed`);
}

function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `     | ${line}`)
    .join("\n");
}

// Serves the scratch project (the page, the scenario and the installed package) for Chromium.
// Listening on 127.0.0.1 but addressed as http://localhost: only the latter is a secure context.
async function startStaticServer(root) {
  const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".cjs": "text/javascript" };
  const server = createServer(async (req, res) => {
    const file = join(root, decodeURIComponent(new URL(req.url, "http://localhost").pathname));
    const info = file.startsWith(root) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://localhost:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
