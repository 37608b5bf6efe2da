// Node (import), Bun and Deno: the package as a scratch project installs it, by its bare name.
import Replicate, * as exports from "replicate";
import { runScenario } from "./scenario.mjs";

const origin = globalThis.Deno ? globalThis.Deno.args[0] : process.argv[2];
// Node 18 has no global WebCrypto; the README tells its users to pass node:crypto's.
const crypto = globalThis.crypto?.subtle ? undefined : (await import("node:crypto")).webcrypto;
const result = await runScenario({ Replicate, exports, origin, crypto }).catch((error) => ({
  ok: false,
  checks: [{ name: "scenario", ok: false, detail: String(error?.stack ?? error) }],
}));
console.log(`RESULT ${JSON.stringify(result)}`);
