// `run()` in poll mode: the server answers `processing` to the first POLLS - 1 GETs, so every
// variant sleeps POLLS - 1 intervals; what is left of the wall time is the client's overhead.
import { POLL_INTERVAL, POLLS } from "../fixtures.mjs";
import { apiHeaders, check, medianOfBlocks, repeat } from "../measure.mjs";

const WARMUP = 1;
const RUNS = 4;
const OUTPUT = "a photo of an astronaut";

async function perRun(run) {
  await repeat(WARMUP, async () => check("output", await run(), OUTPUT));
  const { cpuMs, wallMs } = await medianOfBlocks(RUNS, async () => check("output", await run(), OUTPUT));
  return { overheadMs: wallMs - (POLLS - 1) * POLL_INTERVAL, cpuMs };
}

function viaRun(replicate) {
  return () => replicate.run("bench/poll", { input: { prompt: "hi" }, wait: { mode: "poll", interval: POLL_INTERVAL } });
}

export const ours = ({ client }) => perRun(viaRun(client()));
export const v1 = ({ client }) => perRun(viaRun(client()));

const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  const call = async (url, init) => {
    const response = await fetch(url, { headers, ...init });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  };
  return perRun(async () => {
    const created = await call(`${origin}/v1/models/bench/poll/predictions`, {
      method: "POST",
      body: JSON.stringify({ input: { prompt: "hi" } }),
    });
    let prediction = await call(created.urls.get);
    while (!TERMINAL.has(prediction.status)) {
      await sleep(POLL_INTERVAL);
      prediction = await call(created.urls.get);
    }
    return prediction.output;
  });
}
