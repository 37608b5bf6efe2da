// Node and Bun through `require`: 1.4.0 code does `const Replicate = require("replicate")`.
const Replicate = require("replicate");

const crypto = globalThis.crypto?.subtle ? undefined : require("node:crypto").webcrypto;
import("./scenario.mjs")
  .then(({ runScenario }) => runScenario({ Replicate, exports: Replicate, origin: process.argv[2], crypto }))
  .catch((error) => ({ ok: false, checks: [{ name: "scenario", ok: false, detail: String(error?.stack ?? error) }] }))
  .then((result) => console.log(`RESULT ${JSON.stringify(result)}`));
