// 200 pages of 100 predictions, following `next`: CPU per page.
import { PAGE_SIZE, PAGES } from "../fixtures.mjs";
import { apiHeaders, check, medianOfBlocks } from "../measure.mjs";

const WARMUP_PASSES = 2;
const PASSES = 5;

async function perPage(listAll) {
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

export const ours = ({ client }) => perPage(viaPaginate(client()));
export const v1 = ({ client }) => perPage(viaPaginate(client()));

export function raw({ origin, auth }) {
  const headers = apiHeaders(auth);
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
  });
}
