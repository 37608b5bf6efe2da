// Cloudflare Workers (workerd through miniflare), bundled by esbuild as a Worker would be.
import Replicate, * as exports from "replicate";
import { runScenario } from "./scenario.mjs";

export default {
  async fetch(request) {
    const origin = new URL(request.url).searchParams.get("origin");
    const result = await runScenario({ Replicate, exports, origin }).catch((error) => ({
      ok: false,
      checks: [{ name: "scenario", ok: false, detail: String(error?.stack ?? error) }],
    }));
    return new Response(JSON.stringify(result), { headers: { "content-type": "application/json" } });
  },
};
