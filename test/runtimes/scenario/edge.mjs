// Vercel's edge runtime (@edge-runtime/vm), which evaluates a script: esbuild makes this an IIFE.
import Replicate, * as exports from "replicate";
import { runScenario } from "./scenario.mjs";

globalThis.runReplicateScenario = (origin) =>
  runScenario({ Replicate, exports, origin }).then(
    (result) => JSON.stringify(result),
    (error) => JSON.stringify({ ok: false, checks: [{ name: "scenario", ok: false, detail: String(error?.stack ?? error) }] }),
  );
