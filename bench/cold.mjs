// Cold start in a fresh process: `node cold.mjs <ours|v1|raw> <esm|cjs>` loads the package and
// constructs a client, and prints the CPU and wall time that took. `raw` loads nothing: the parent
// times the whole process, so its row is what starting Node alone costs.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [variant, format] = process.argv.slice(2);
const require = createRequire(import.meta.url);
// main.mjs's copy of dist/ when it set one (see there), else ../dist.
const dist = process.env.BENCH_PACKAGE_DIR ? join(process.env.BENCH_PACKAGE_DIR, "dist") : new URL("../dist", import.meta.url).pathname;
const SPECIFIERS = {
  ours: { esm: pathToFileURL(join(dist, "index.js")).href, cjs: join(dist, "index.cjs") },
  v1: { esm: "replicate", cjs: "replicate" },
};

const cpu0 = process.cpuUsage();
const wall0 = performance.now();
if (variant !== "raw") {
  const specifier = SPECIFIERS[variant][format];
  const Replicate = format === "esm" ? (await import(specifier)).default : require(specifier);
  if (typeof new Replicate({ auth: "r8_cold" }).run !== "function") throw new Error("not a client");
}
const wallMs = performance.now() - wall0;
const { user, system } = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ cpuMs: (user + system) / 1000, wallMs }));
