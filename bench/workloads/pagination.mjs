// 200 pages of 100 predictions, following `next`: CPU per page.
import { PAGE_SIZE, PAGES } from "../fixtures.mjs";
import { apiHeaders, check, median, pairedBlocks } from "../measure.mjs";

// Two passes are only 400 requests, and V8 keeps compiling a request path for about 3,000 calls
// (see request.mjs): without the small GETs first, that compilation lands in the timed passes
// (a page measured about 2.5 ms instead of about 1.8 ms, in every variant).
const WARMUP_GETS = 3000;
const WARMUP_PASSES = 2;
const PASSES = 5;
const ID = "q2ebnwkkhdrj00cjrdyaqc3gq0";

/**
 * Walks the variant's pages and raw's side by side, a page of each in turn, timing every page;
 * `pairedRatio` is the median of the per-page ratios (see request.mjs). Pairs of whole passes were
 * too few: a pass holds a major GC or two, and raw measured 1.07-1.21x itself that way.
 */
async function perPage(variant, baseline) {
  for (let i = 0; i < WARMUP_GETS; i++) {
    for (const { get } of i % 2 ? [baseline, variant] : [variant, baseline]) check("id", (await get(ID)).id, ID);
  }
  const passes = [];
  for (let pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
    const [a, b] = [variant.pages(), baseline.pages()];
    const step = (cursor) => async () => check("page", await cursor.next(), PAGE_SIZE);
    // Every other pass swaps the roles (see request.mjs): pairedBlocks' first function measured slower.
    const swapped = pass % 2 === 1;
    const timed = swapped ? await pairedBlocks(PAGES, step(b), step(a)) : await pairedBlocks(PAGES, step(a), step(b));
    for (const cursor of [a, b]) check("pages after the last", await cursor.next(), undefined);
    if (pass >= WARMUP_PASSES) {
      passes.push({ variant: swapped ? timed.b : timed.a, ratios: swapped ? timed.ratios.map((r) => 1 / r) : timed.ratios });
    }
  }
  return {
    cpuUs: median(passes.map((p) => p.variant.cpuMs)) * 1000,
    wallUs: median(passes.map((p) => p.variant.wallMs)) * 1000,
    pairedRatio: median(passes.flatMap((p) => p.ratios)),
  };
}

/** A cursor over this package's (or 1.4.0's) pages: `next()` resolves to a page's length, undefined after the last. */
function client(replicate) {
  return {
    get: replicate.predictions.get,
    pages() {
      const iterator = replicate.paginate(replicate.predictions.list)[Symbol.asyncIterator]();
      return { next: async () => (await iterator.next()).value?.length };
    },
  };
}

function rawClient({ origin, auth }) {
  const headers = apiHeaders(auth);
  return {
    get: async (id) => JSON.parse(await (await fetch(`${origin}/v1/predictions/${id}`, { headers })).text()),
    pages() {
      let url = `${origin}/v1/predictions`;
      return {
        async next() {
          if (!url) return undefined;
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const page = JSON.parse(await response.text());
          url = page.next;
          return page.results.length;
        },
      };
    },
  };
}

export const ours = (context) => perPage(client(context.client()), rawClient(context));
export const v1 = (context) => perPage(client(context.client()), rawClient(context));
export const raw = (context) => perPage(rawClient(context), rawClient(context));
