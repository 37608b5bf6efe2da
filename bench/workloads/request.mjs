// Thousands of sequential `predictions.get` calls on one keep-alive connection: the client's CPU
// per call, which is what a busy server pays for every API call it makes.
import { apiHeaders, check, medianOfBlocks, repeat } from "../measure.mjs";

// CPU per call keeps falling for about 3,000 calls while V8 compiles the path (undici's included);
// 5,000 leaves that out of the timed blocks. Thirty blocks: single 150-call blocks vary by ±30%
// on this machine, and the median of ten still moved a variant by several percent between runs.
const WARMUP = 5000;
const BLOCKS = 30;
const BLOCK_CALLS = 150;
const ID = "q2ebnwkkhdrj00cjrdyaqc3gq0";

async function perCall(get) {
  await repeat(WARMUP, async () => check("id", (await get(ID)).id, ID));
  const { cpuMs, wallMs } = await medianOfBlocks(BLOCKS, () => repeat(BLOCK_CALLS, async () => check("id", (await get(ID)).id, ID)));
  return { cpuUs: (cpuMs * 1000) / BLOCK_CALLS, wallUs: (wallMs * 1000) / BLOCK_CALLS };
}

export const ours = ({ client }) => perCall(client().predictions.get);
export const v1 = ({ client }) => perCall(client().predictions.get);

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  return perCall(async (id) => {
    const response = await fetch(`${origin}/v1/predictions/${id}`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  });
}
