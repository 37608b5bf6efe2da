// `node instructions-worker.mjs <mode> <variant> <calls> [origin]`: makes <calls> sequential
// `predictions.get` calls and exits, for instructions.mjs to count under valgrind. Mode "memory"
// answers every fetch at once with one ready-made response, so what is left is the client's own
// work; mode "loopback" calls bench/server.mjs at <origin>, the whole cost of a call.
import { createRequire } from "node:module";
import { apiHeaders } from "./measure.mjs";

const [mode, variant, calls, origin = "http://127.0.0.1:9"] = process.argv.slice(2);
const auth = "r8_bench0000000000000000000000000000000";
const ID = "q2ebnwkkhdrj00cjrdyaqc3gq0";

if (mode === "memory") {
  const body = JSON.stringify({ id: ID, status: "starting", input: { prompt: "x".repeat(200) }, urls: { get: "", cancel: "" } });
  const response = {
    ok: true,
    status: 200,
    url: "",
    headers: new Headers({ "content-type": "application/json" }),
    text: () => Promise.resolve(body),
    // 1.4.0 reads its answers with json().
    json: () => Promise.resolve(JSON.parse(body)),
  };
  globalThis.fetch = () => Promise.resolve(response);
} else if (mode !== "loopback" || !origin.startsWith("http://127.0.0.1:")) {
  throw new Error(`Unknown mode ${mode} or non-local origin ${origin}`);
}

const get = await getter(variant);
for (let i = Number(calls); i > 0; i--) {
  if ((await get(ID)).id !== ID) throw new Error(`${variant} returned the wrong prediction`);
}
process.exit(0);

async function getter(name) {
  const options = { auth, baseUrl: `${origin}/v1` };
  if (name === "ours") return new (await import("../dist/index.js")).default(options).predictions.get;
  if (name === "v1") return new (createRequire(import.meta.url)("replicate"))(options).predictions.get;
  if (name !== "raw") throw new Error(`Unknown variant ${name}`);
  // The request workload's baseline: the same headers, fetch, then JSON.parse of the text.
  const headers = apiHeaders(auth);
  return async (id) => {
    const response = await fetch(`${origin}/v1/predictions/${id}`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  };
}
