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
    "Timed against raw in one process (median of paired 50-call blocks), the package measured 1.05x to 1.06x raw " +
    "until a finished deadline's timer was left to linger (src/core/sleep.ts), then about 1.04x; 1.4.0 measures 1.03x " +
    "to 1.05x the same way. Node 20 drops a duration's timer list when its last timer is cleared and rebuilds it for " +
    "the next request: raw fetch plus a setTimeout/clearTimeout per call measured 1.02x to 1.03x raw, and 1.00x while " +
    "an idle timer of the same duration stayed alive. What is left is spread over the request path: with no timeout " +
    "the package measures 1.03x, and with header encoding and URL building replaced by literals 1.02x; no single part " +
    "measured above half a percent. Counted (`npm run bench:instructions`, valgrind, repeatable to 0.1%), the " +
    "package's own work is about 11,500 instructions a call over raw fetch + JSON.parse (14,200 before the lingering " +
    "timer), 1.4.0's 14,400, against about 700,000 for a whole call over loopback. Tried and not kept: one shared timer for every deadline in flight " +
    "(the same gain as the lingering timer, for 164 B of the run() bundle against 42 B); one race per attempt instead " +
    "of two (slower); a memoized Authorization value, index reads instead of destructuring, a non-async readJSON and " +
    "endpoint (each within half a percent). Noise: one fresh process's figure strays by up to ±10% from the next " +
    "one's, hence the pairing; raw paired with itself reads 0.99x to 1.02x per process.",
  pagination:
    "Same request path as `request`, but each `next` link is an absolute URL, so it takes buildUrl's full parse " +
    "(about 10 µs) rather than the joined fast path; that and the rest of the per-call work are under 3% of a page, " +
    "which is about 100 kB of JSON whose parse dominates every variant. Paired page by page against raw in one " +
    "process, the package measured 1.03x (raw against itself 1.00x); paired by whole passes, raw measured 1.07x to " +
    "1.21x against itself, as a pass holds a major GC or two. Checked and ruled out: paginate()'s generator holding " +
    "the previous page across the next request. With a version that lets the page go first, GC time over 2,000 " +
    "pages was the same (--trace-gc: 41 scavenges and 12 mark-compacts either way, 144 against 149 ms in all, raw 168 ms).",
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
