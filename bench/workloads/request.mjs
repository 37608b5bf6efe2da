// Thousands of sequential `predictions.get` calls on one keep-alive connection: the client's CPU
// per call, which is what a busy server pays for every API call it makes.
import { apiHeaders, check, median, pairedBlocks, repeat } from "../measure.mjs";

// CPU per call keeps falling for about 3,000 calls while V8 compiles the path (undici's included);
// 5,000 leaves that out of the timed blocks. A hundred pairs of 50-call blocks: the median of 30
// pairs of 150 still moved raw against itself by ±5% from one process to the next.
const WARMUP = 5000;
const BLOCKS = 100;
const BLOCK_CALLS = 50;
const ID = "q2ebnwkkhdrj00cjrdyaqc3gq0";

/**
 * Times `get` in blocks alternating with blocks of the raw baseline in the same process, so the
 * ratio to raw compares calls made under the same conditions; `pairedRatio` is the median of the
 * per-pair ratios. The raw variant is paired with itself, a check that the pairing favours neither side.
 */
async function perCall(get, baseline) {
  // Who goes first alternates here too: a fixed order left the first one about 1% slower.
  for (let i = 0; i < WARMUP; i++) {
    for (const fn of i % 2 ? [baseline, get] : [get, baseline]) check("id", (await fn(ID)).id, ID);
  }
  const block = (fn) => () => repeat(BLOCK_CALLS, async () => check("id", (await fn(ID)).id, ID));
  // Half the pairs with the roles swapped: whichever function pairedBlocks got first measured about
  // 0.7% slower, raw against itself included (cause not found; swapping cancels it).
  const first = await pairedBlocks(BLOCKS / 2, block(get), block(baseline));
  const second = await pairedBlocks(BLOCKS / 2, block(baseline), block(get));
  const ratios = [...first.ratios, ...second.ratios.map((r) => 1 / r)];
  const cpuMs = median([first.a.cpuMs, second.b.cpuMs]);
  const wallMs = median([first.a.wallMs, second.b.wallMs]);
  return { cpuUs: (cpuMs * 1000) / BLOCK_CALLS, wallUs: (wallMs * 1000) / BLOCK_CALLS, pairedRatio: median(ratios) };
}

function rawGet({ origin, auth }) {
  const headers = apiHeaders(auth);
  return async (id) => {
    const response = await fetch(`${origin}/v1/predictions/${id}`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  };
}

export const ours = (context) => perCall(context.client().predictions.get, rawGet(context));
export const v1 = (context) => perCall(context.client().predictions.get, rawGet(context));
export const raw = (context) => perCall(rawGet(context), rawGet(context));
