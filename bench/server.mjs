// A stand-in for the Replicate API on 127.0.0.1, run as its own process so its CPU time is never
// counted against the client being measured. Prints `{"origin": ...}` once listening; exits when
// its parent closes stdin. Every body is built once at start-up, so serving costs one write.
import { createServer } from "node:http";
import { FILE_BYTES, PAGE_SIZE, PAGES, POLLS, prediction, sseBody } from "./fixtures.mjs";

const server = createServer({ keepAliveTimeout: 60_000 });
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const routes = buildRoutes(origin);
  server.on("request", (req, res) => serve(routes, origin, req, res));
  process.stdout.write(`${JSON.stringify({ origin })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));

function buildRoutes(origin) {
  const json = (value) => Buffer.from(JSON.stringify(value));
  const pages = [];
  for (let p = 0; p < PAGES; p++) {
    const results = [];
    for (let i = 0; i < PAGE_SIZE; i++) {
      results.push(prediction(origin, `page${p}-item${i}`, { status: "succeeded", output: [`https://example.test/out/${p}/${i}.png`] }));
    }
    const next = p + 1 < PAGES ? `${origin}/v1/predictions?cursor=${p + 1}` : null;
    const previous = p > 0 ? `${origin}/v1/predictions?cursor=${p - 1}` : null;
    pages.push(json({ next, previous, results }));
  }
  const file = Buffer.alloc(FILE_BYTES);
  for (let i = 0; i < file.length; i += 4096) file[i] = i & 0xff;
  return {
    get: json(prediction(origin, "q2ebnwkkhdrj00cjrdyaqc3gq0")),
    pages,
    sse: Buffer.from(sseBody()),
    file,
  };
}

let created = 0;
const polls = new Map();

function serve(routes, origin, req, res) {
  const url = new URL(req.url, origin);
  const path = url.pathname;
  if (req.method === "GET" && path === "/v1/predictions") {
    return send(res, 200, routes.pages[Number(url.searchParams.get("cursor") ?? 0)]);
  }
  if (req.method === "GET" && path.startsWith("/v1/predictions/poll-")) {
    const id = path.slice("/v1/predictions/".length);
    const count = (polls.get(id) ?? 0) + 1;
    polls.set(id, count);
    const done = count >= POLLS;
    if (done) polls.delete(id);
    const body = prediction(origin, id, done ? { status: "succeeded", output: "a photo of an astronaut", completed_at: "2025-01-01T00:00:03.000Z" } : {});
    return send(res, 200, JSON.stringify(body));
  }
  if (req.method === "GET" && path.startsWith("/v1/predictions/")) return send(res, 200, routes.get);
  if (req.method === "GET" && path.startsWith("/stream/")) {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store" });
    return res.end(routes.sse);
  }
  if (req.method === "GET" && path === "/files/output.bin") {
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": routes.file.length });
    return res.end(routes.file);
  }
  if (req.method === "POST" && (path === "/v1/predictions" || /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/.test(path))) {
    // Drain the body and report its size, so a workload can check its file really went out.
    let received = 0;
    req.on("data", (chunk) => (received += chunk.length));
    req.on("end", () => {
      const id = `poll-${++created}`;
      const fields = path.endsWith("/bench/file/predictions")
        ? { status: "succeeded", output: `${origin.replace("http:", "https:")}/files/output.bin` }
        : { status: "starting" };
      send(res, 201, JSON.stringify({ ...prediction(origin, id, fields), received_bytes: received }));
    });
    return;
  }
  send(res, 404, JSON.stringify({ detail: `No route for ${req.method} ${path}` }));
}

function send(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
