// Evaluates the IIFE bundle in Vercel's edge runtime VM and prints the scenario's result.
// usage: node edge-runtime.mjs <iife bundle> <api origin>
import { readFile } from "node:fs/promises";
import { EdgeVM } from "@edge-runtime/vm";

const [bundle, origin] = process.argv.slice(2);
const vm = new EdgeVM();
vm.evaluate(await readFile(bundle, "utf8"));
const result = await vm.evaluate(`runReplicateScenario(${JSON.stringify(origin)})`);
console.log(`RESULT ${result}`);
