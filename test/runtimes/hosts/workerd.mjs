// Runs the bundled worker in workerd through miniflare (which needs Node >= 22: run.mjs starts
// this with the Node 24 binary) and prints the scenario's result.
// usage: node workerd.mjs <worker bundle> <api origin>
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";

const [bundle, origin] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  script: await readFile(bundle, "utf8"),
  scriptPath: bundle,
  // No nodejs_compat flag: a plain Worker has no Buffer, no process and no node: modules.
  compatibilityDate: "2025-01-01",
});
try {
  const response = await mf.dispatchFetch(`http://worker.local/?origin=${encodeURIComponent(origin)}`);
  console.log(`RESULT ${await response.text()}`);
} finally {
  await mf.dispose();
}
