// What the profiles showed for each target, keyed by target id. report.mjs prints a target's note
// only when that target misses in the run being written up, after the measured ratio; so a note
// describes the analysis behind the code as it stands, and what to look at first if it misses again.

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

export const MISS_NOTES = {
  "sse-rate":
    "The parser splits each 1,024-character slice with one regex and hands events to streamModel " +
    "(src/stream-prediction.ts), which reads, decodes, parses and yields in one async generator: one async hop per event. " +
    "An earlier layout with a second generator (readEventStream) between body and stream() measured 0.70× of the " +
    "splitter; folding it measured 0.84× to 1.27× side by side. Cold single-stream runs measure JIT warm-up more " +
    "than the parser (about 0.45×), which is why the timed stream follows a warm-up one.",
  "sse-memory":
    "Parsed a whole read at a time (reads here are 30 to 130 kB, up to 3,000 events), events waited long enough " +
    "for V8 to promote them to the old generation (heapTotal 24 MB against the splitter's 10.7 MB). " +
    "stream() parses 1,024-character slices and yields each slice's events before parsing the next, which measured " +
    "2 to 4 MiB above the splitter. A miss here most likely means much larger reads or a consumer that holds events.",
  request:
    "Counted (`npm run bench:instructions`, valgrind, repeatable to 0.1%): with a fetch that answers from memory, " +
    "the package's own work is about 14,200 instructions a call over raw fetch + JSON.parse, 1.4.0's 14,400, against " +
    "about 740,000 for a whole call over loopback (1.9%). It was 17,700 until the regex replace of the leading slash, " +
    "startsWith (char by char on Node 20), the empty caller-headers loop and the map/join of the path went; before " +
    "that, endpoints split their templates once and a plain path is joined to the memoized baseUrl instead of " +
    "parsed (new URL() costs 5 to 10 µs in a real request flow). Timed, the cuts are not visible: the per-call CPU " +
    "over loopback moves with where the work lands in memory and with GC, not with a few thousand instructions. " +
    "In one process with blocks interleaved (lower decile of 300 blocks of 50 calls), the package measures 1.04x to " +
    "1.09x raw before and after the last cut of 3,300 instructions; a hand-written client with the same timer and " +
    "promise races 1.01x to 1.04x; and the package with that hand-written send() in place of its own (no header " +
    "encoding, no token check, no retry bookkeeping) the same as the package, so the gap is not in send(). " +
    "Tried and not kept: one shared timer for every deadline in flight (unref'd, so it can stay set between calls) " +
    "removed 2,800 instructions and measured 0 to 3% faster, within the noise, for 160 B of the run() bundle, which " +
    "has a few bytes to spare. Noise: each fresh process settles in a fast or a slow state, about 375 or 500 µs a " +
    "call for raw fetch, whatever the variant; pinning client and server to their own cores, turning off ASLR, " +
    "fixing V8's seeds and --single-threaded all left it so. A repetition's ratio therefore ranges from about 0.75x " +
    "to 1.35x, and each repetition runs every variant twice.",
  pagination:
    "Same request path as `request`, but each `next` link is an absolute URL, so it takes buildUrl's full parse " +
    "(about 10 µs) rather than the joined fast path; that and the rest of the per-call work are under 2% of a page, " +
    "which is about 100 kB of JSON whose parse dominates every variant. Checked and ruled out: paginate()'s generator " +
    "holding the previous page across the next request. With a version that lets the page go first, GC time over " +
    "2,000 pages was the same (--trace-gc: 41 scavenges and 12 mark-compacts either way, 144 against 149 ms in all, " +
    "raw 168 ms). In one process with passes interleaved the package measured 0.97x to 1.12x raw in back-to-back runs, " +
    "and full runs have measured 0.94x to 1.12x: single repetitions span about ±20% here (fresh processes settle " +
    "in a fast or a slow state, as for request), hence two fresh processes per repetition.",
  blob:
    "blob() collects the body's chunks and builds one Blob (commit 63406a9). Node 20's Response.blob(), the raw " +
    "baseline, joins the chunks and then copies the result into the Blob, so it measures about a third slower. " +
    "A miss would mean the download path itself (send() without `consume`) gained work.",
  datauri:
    "Inputs of 64 kB and more are encoded through Buffer where the runtime has one (commit 34e03bd): the " +
    "portable loop took about 30 ms for 8 MiB on Node 20 (half of it turning its output into a string) against " +
    "2 ms for Buffer, and measured 1.3 to 1.5×. JSON.stringify of the 11 MB string, about 40 ms, is the same in " +
    "both variants. A miss now would mean the create path gained work around the encoding (findLeaves, mapLeaves, toJSON).",
  "cold-esm":
    "At import this package loads no Node internals (process.moduleLoadList is unchanged by require); defining " +
    "FileOutput's ReadableStream subclass on first use (commit 63406a9) removed the web-streams load, about 5 ms. " +
    "What is left is compiling and running the 60 kB bundle and esbuild's CJS export getters (about 2 ms in a " +
    "20 µs-interval profile); 1.4.0 loads Node's web streams at import (`typeof TextDecoderStream`).",
  "cold-cjs": "See the ESM note: the same analysis applies; require() of an empty file alone costs about 2 ms of the total.",
  "bundle-browser": bundleNote,
  "bundle-workerd": "The same code as the browser bundle (this package has no workerd-specific entry): see the browser note.",
};

function bundleNote(context) {
  const top = (context.breakdown ?? [])
    .slice(0, 10)
    .map(([file, minified, gzipped]) => `${file} ${gzipped} B (${kB(minified)} minified)`)
    .join(", ");
  return (
    `Largest gzipped costs in the browser bundle (the whole bundle's gzip size minus that of the bundle without the file): ${top || "(breakdown unavailable)"}. ` +
    "Gzip removes repetition, so what costs is unique code and unique strings; a file's own minified size says little. " +
    "Issue 7's shrink (commits 41c3591 to the merge of shrink-res2) took the bundle from 27.7 kB minified / 10.1 kB gzipped to " +
    "under 1.4.0's 20.8 kB minified: routes built from one table (src/resources/endpoint.ts), one check() for argument errors, " +
    "the event-stream reader folded into stream() (also one async hop less per event), btoa instead of a hand-written base64 " +
    "encoder, data: outputs decoded by the platform's fetch instead of a data-URL parser, errors named by class fields, the " +
    "request core's caches and fast paths dropped where they saved about a microsecond. What is left is code 1.4.0 does not " +
    "have: per-attempt timeouts, retries that tell a sent request from an unsent one, typed errors, token redaction and argument checks."
  );
}
