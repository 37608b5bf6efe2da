// One measurement in a fresh process: `node worker.mjs <workload> <variant> <origin>` prints the
// workload's metrics as JSON. A fresh process per run keeps JIT state, heap and peak RSS of one
// variant from leaking into another's numbers.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [workloadName, variant, origin] = process.argv.slice(2);
guardFetch(origin);

const workload = await import(`./workloads/${workloadName}.mjs`);
const run = workload[variant];
if (typeof run !== "function") throw new Error(`Unknown variant ${variant} for workload ${workloadName}`);

const Replicate = await loadClient(variant);
const context = {
  origin,
  auth: "r8_bench0000000000000000000000000000000",
  /** A client of the variant under test, pointed at the local server. */
  client: (options = {}) => new Replicate({ auth: context.auth, baseUrl: `${origin}/v1`, ...options }),
};

let result;
try {
  result = await run(context);
} catch (error) {
  result = { error: `${error?.name ?? "Error"}: ${String(error?.message ?? error).slice(0, 200)}` };
}
// Exit at once: 1.4.0 keeps reading a stream its consumer left, which would hold the process open.
process.stdout.write(JSON.stringify(result), () => process.exit(0));

async function loadClient(name) {
  if (name === "ours") return (await import(ourEntry("index.js"))).default;
  if (name === "v1") return createRequire(import.meta.url)("replicate");
  return undefined;
}

/** This package's built entry: main.mjs's copy of dist/ when it set one, else ../dist. */
function ourEntry(file) {
  const dir = process.env.BENCH_PACKAGE_DIR;
  return dir ? pathToFileURL(join(dir, "dist", file)).href : new URL(`../dist/${file}`, import.meta.url).href;
}

/**
 * Routes every fetch in this process through a check that it targets the local server, so no
 * variant can reach another host. Output files are `https:` URLs (the clients only treat those as
 * files), served over plain HTTP here: the guard rewrites the scheme. Every variant, the raw one
 * included, pays the same few hundred nanoseconds for it.
 */
function guardFetch(localOrigin) {
  const platformFetch = globalThis.fetch;
  const local = `${localOrigin}/`;
  const localTLS = local.replace(/^http:/, "https:");
  globalThis.fetch = function fetch(input, init) {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (href.startsWith(local)) return platformFetch(input, init);
    if (href.startsWith(localTLS)) return platformFetch(`http:${href.slice(6)}`, init);
    return Promise.reject(new Error(`The benchmark only talks to ${localOrigin}, not ${href}`));
  };
}
