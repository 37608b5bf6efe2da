#!/usr/bin/env node
// A consumer project compiled against the packed tarball under each module setting users have:
// node16 and nodenext (as ESM and as CommonJS), bundler, and commonjs with and without
// esModuleInterop. No @types/node: the declarations must stand on the DOM lib alone. Each build
// is then run with Node, so the emitted imports (`require("replicate").default` and friends)
// are shown to work against the real CommonJS and ESM builds, not only to type-check.
//
//   node test/types/consumer.mjs [path.tgz]     (packs the repo when no tarball is given)
import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsc = join(repo, "node_modules", ".bin", "tsc");
const execFileAsync = promisify(execFile);

// Written as users write it; every line also type-checks what it touches.
const USAGE = `import Replicate, { ApiError, NotFoundError, validateWebhook, type FileOutput, type Page, type Prediction } from "replicate";

export async function usage(replicate: Replicate): Promise<string[]> {
  const seen: Prediction["status"][] = [];
  const output: unknown = await replicate.run("owner/model:version", { input: { prompt: "hi" }, wait: { mode: "poll" } }, (p) => {
    seen.push(p.status);
  });
  const page: Page<Prediction> = await replicate.predictions.list();
  for await (const predictions of replicate.paginate(replicate.predictions.list)) seen.push(...predictions.map((p) => p.status));
  for await (const event of replicate.stream("owner/model", { input: {} })) seen.push(event.event as Prediction["status"]);
  const file = (output as FileOutput[])[0];
  const blob: Blob | undefined = await file?.blob();
  try {
    await replicate.predictions.get("missing");
  } catch (error) {
    if (error instanceof ApiError) seen.push(String(error.response.status) as Prediction["status"]);
  }
  const valid: boolean = await validateWebhook({ id: "", timestamp: "", signature: "", body: "", secret: "" });
  return [String(page.next), String(blob?.size), String(valid), ...seen];
}

const client = new Replicate({ auth: "r8_consumer", fetch: async () => new Response("{}") });
console.log(["RESULT", typeof Replicate, client instanceof Replicate, new NotFoundError("m", new Request("https://x.test"), new Response(null, { status: 404 })) instanceof ApiError].join(" "));
`;

// CommonJS users write this too: the module itself is the class.
const REQUIRE = `import Replicate = require("replicate");

const client = new Replicate({ auth: "r8_consumer" });
const Default: typeof Replicate = Replicate.default;
export function statusOf(error: Replicate.ApiError, prediction: Replicate.Prediction): [number, Replicate.Status] {
  return [error.response.status, prediction.status];
}
console.log(["RESULT", typeof Replicate, client instanceof Replicate, Default === Replicate, typeof Replicate.validateWebhook].join(" "));
`;

const CONFIGS = [
  { name: "node16 (ESM)", type: "module", options: { module: "Node16", moduleResolution: "Node16" } },
  { name: "node16 (CJS)", type: "commonjs", options: { module: "Node16", moduleResolution: "Node16" } },
  { name: "nodenext (ESM)", type: "module", options: { module: "NodeNext", moduleResolution: "NodeNext" } },
  { name: "nodenext (CJS)", type: "commonjs", options: { module: "NodeNext", moduleResolution: "NodeNext" } },
  { name: "bundler", type: "module", options: { module: "ESNext", moduleResolution: "Bundler" } },
  { name: "commonjs + esModuleInterop", type: "commonjs", options: { module: "CommonJS", moduleResolution: "Node10", esModuleInterop: true } },
  { name: "commonjs, no esModuleInterop", type: "commonjs", options: { module: "CommonJS", moduleResolution: "Node10", esModuleInterop: false } },
];

const work = await mkdtemp(join(tmpdir(), "replicate-consumers-"));
let failed = 0;
try {
  const tarball = process.argv[2] ? resolve(process.argv[2]) : pack(work);
  // One install for all: each consumer below has its own package.json (for its module type)
  // and finds the package in the parent's node_modules, as Node and TypeScript both walk up.
  await writeFile(join(work, "package.json"), JSON.stringify({ name: "consumers", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", tarball], { cwd: work, stdio: "pipe" });
  // Two at a time: CI has two cores, and each tsc run is mostly CPU.
  const queue = [...CONFIGS.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const line = await consumer(work, ...next);
      if (line.startsWith("FAIL")) failed += 1;
      console.log(line);
    }
  };
  await Promise.all([worker(), worker()]);
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(`consumers: ${CONFIGS.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

/** Writes, compiles and runs one consumer project; resolves with its report line. */
async function consumer(work, index, config) {
  const dir = join(work, `consumer-${index}`);
  await mkdir(join(dir, "src"), { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: `consumer-${index}`, private: true, type: config.type }));
  const files = ["src/usage.ts", ...(config.type === "commonjs" ? ["src/require.ts"] : [])];
  await writeFile(join(dir, "src/usage.ts"), USAGE);
  await writeFile(join(dir, "src/require.ts"), REQUIRE);
  const compilerOptions = {
    ...config.options,
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: [],
    strict: true,
    skipLibCheck: false,
    outDir: "out",
    rootDir: "src",
  };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
  try {
    await run(tsc, ["-p", dir], dir);
    const results = [];
    for (const file of files) {
      const printed = await run(process.execPath, [join(dir, file.replace(/^src/, "out").replace(/\.ts$/, ".js"))], dir);
      results.push(printed.trim().split("\n").find((line) => line.startsWith("RESULT")) ?? printed);
    }
    const expected = ["RESULT function true true", "RESULT function true true function"];
    if (results.some((line, i) => line !== expected[i])) throw new Error(`ran, but printed ${JSON.stringify(results)}`);
    return `ok   ${config.name}: ${files.join(", ")} compile and run`;
  } catch (error) {
    return `FAIL ${config.name}\n${[error.stdout, error.stderr, error.message].filter(Boolean).join("\n")}`;
  }
}

async function run(command, args, cwd) {
  const { stdout } = await execFileAsync(command, args, { cwd, encoding: "utf8" });
  return stdout;
}

function pack(dir) {
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repo, encoding: "utf8" });
  return join(dir, out.trim().split("\n").at(-1));
}
