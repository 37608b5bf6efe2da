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
    "What the profiles show: the package's own work is small. With a fetch that answers at once from memory, " +
    "predictions.get cost 73 µs of CPU against 51 µs for fetch + JSON.parse by hand (22 µs of the package's own " +
    "work, about 2% of a keep-alive GET through Node 20's fetch here, about 1.1 ms of CPU); issue 7's bundle work " +
    "since added about 2 µs (buildUrl and the token-origin check now parse baseUrl per call). A first attempt " +
    "without a caller's signal gets no AbortController (commit 9fb11e9): undici links every signal it is given " +
    "through a WeakRef and a FinalizationRegistry. The rest of the measured gap is not per-call work: under " +
    "callgrind the process's instruction totals are dominated by V8's optimizing compiler (TurboFan graph " +
    "reduction and register allocation) and scavenges, which vary between identical runs by more than a whole " +
    "call costs, and process.cpuUsage() counts those compiler threads too; a client with more JavaScript on its " +
    "path gives them more to compile during the timed blocks. Single repetitions range from about 0.8× to 1.45× " +
    "here: on this shared 2-core machine the measurement cannot resolve a 5% limit either way. With 300 warm-up " +
    "calls the timed blocks still paid for that compilation (about 1.1 ms of CPU a call for every variant, 1.06× " +
    "to 1.13× over raw); the workload now warms up with 2,000 calls (about 0.6 ms a call), and two runs since gave 1.01× and 1.21×: " +
    "still this machine's noise. Unexplained and worth a profile at steady state: whether the remaining gap is " +
    "per-call work after all (the in-memory measurement above may miss what undici does with a URL object, the " +
    "header record or the signal-less init).",
  pagination:
    "Same path as `request` (requestJSON per page, following `next` as an absolute URL); see that note. A page " +
    "is about 100 kB of JSON, so JSON.parse dominates both variants and the ratio sits below request's.",
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
