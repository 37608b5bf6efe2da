// 200 pages of 100 predictions, following `next`: CPU per page.
import { PAGE_SIZE, PAGES } from "../fixtures.mjs";
import { apiHeaders, check, medianOfBlocks } from "../measure.mjs";

// Two passes are only 400 requests, and V8 keeps compiling a request path for about 3,000 calls
// (see request.mjs): without the small GETs first, that compilation lands in the timed passes
// (a page measured about 2.5 ms instead of about 1.8 ms, in every variant).
const WARMUP_GETS = 3000;
const WARMUP_PASSES = 2;
const PASSES = 5;
const ID = "q2ebnwkkhdrj00cjrdyaqc3gq0";

async function perPage(listAll, get) {
  for (let i = 0; i < WARMUP_GETS; i++) check("id", (await get(ID)).id, ID);
  for (let i = 0; i < WARMUP_PASSES; i++) check("results", await listAll(), PAGES * PAGE_SIZE);
  const { cpuMs, wallMs } = await medianOfBlocks(PASSES, async () => check("results", await listAll(), PAGES * PAGE_SIZE));
  return { cpuUs: (cpuMs * 1000) / PAGES, wallUs: (wallMs * 1000) / PAGES };
}

function viaPaginate(replicate) {
  return async () => {
    let count = 0;
    for await (const page of replicate.paginate(replicate.predictions.list)) count += page.length;
    return count;
  };
}

export const ours = ({ client }) => perPage(viaPaginate(client()), client().predictions.get);
export const v1 = ({ client }) => perPage(viaPaginate(client()), client().predictions.get);

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
  const get = async (id) => JSON.parse(await (await fetch(`${origin}/v1/predictions/${id}`, { headers })).text());
  return perPage(async () => {
    let count = 0;
    let url = `${origin}/v1/predictions`;
    while (url) {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = JSON.parse(await response.text());
      count += page.results.length;
      url = page.next;
    }
    return count;
  }, get);
}
