// The API the runtime smoke scenario talks to: only the routes the scenario uses, on 127.0.0.1,
// with CORS (and OPTIONS preflight) so a page on http://localhost can call it from Chromium.
// The package's own fake (`replicate/testing`) has no CORS, and this server also asserts what
// each runtime put on the wire (auth header, Prefer header, multipart upload), which the fake
// does not: those assertions come back to the scenario inside the prediction outputs.
import { createServer } from "node:http";

export const TOKEN = "r8_runtime_matrix";
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const DELIVERY = "/delivery/pbxt/out-0.png";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, PATCH, OPTIONS",
  "access-control-max-age": "600",
};

/** Starts the server on 127.0.0.1 (a free port) and resolves with its origin and a `close()`. */
export async function startApiServer() {
  const predictions = new Map();
  const uploads = new Map();
  let nextId = 0;
  let origin = "";

  const server = createServer(async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      send(res, 500, { detail: `runtime matrix server: ${error?.stack ?? error}` });
    }
  });

  async function route(req, res) {
    const url = new URL(req.url, origin);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...CORS,
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      });
      return res.end();
    }
    if (url.pathname === DELIVERY) {
      // Output files live on another host in production and get no token.
      if (req.headers.authorization) return send(res, 400, { detail: "delivery got an Authorization header" });
      res.writeHead(200, { ...CORS, "content-type": "image/png", "content-length": PNG.length });
      return res.end(PNG);
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(res, 401, { detail: `bad Authorization header: ${req.headers.authorization}`, status: 401 });
    }

    const path = url.pathname;
    let match;
    if (req.method === "POST" && (match = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path))) {
      return create(req, res, `${match[1]}/${match[2]}`, await readJSON(req));
    }
    if (req.method === "POST" && path === "/v1/predictions") {
      const body = await readJSON(req);
      return create(req, res, `version:${body.version}`, body);
    }
    if (req.method === "GET" && (match = /^\/v1\/predictions\/([^/]+)$/.exec(path))) {
      const prediction = predictions.get(match[1]);
      if (!prediction) return send(res, 404, { detail: "Not found.", status: 404 });
      advance(prediction);
      return send(res, 200, prediction);
    }
    if (req.method === "GET" && path === "/v1/predictions") {
      const second = url.searchParams.get("cursor") === "2";
      return send(res, 200, {
        previous: second ? `${origin}/v1/predictions` : null,
        next: second ? null : `${origin}/v1/predictions?cursor=2`,
        results: second ? [{ id: "page2-a" }] : [{ id: "page1-a" }, { id: "page1-b" }],
      });
    }
    if (req.method === "POST" && path === "/v1/files") return upload(req, res);
    if (req.method === "GET" && (match = /^\/v1\/stream\/([^/]+)$/.exec(path))) return stream(res);
    return send(res, 404, { detail: `no route for ${req.method} ${path}`, status: 404 });
  }

  function create(req, res, model, body) {
    const id = `p${++nextId}`;
    const prefer = req.headers.prefer ?? null;
    const prediction = {
      id,
      model,
      version: body.version ?? "hidden",
      input: body.input,
      status: "starting",
      output: null,
      error: null,
      logs: "",
      created_at: new Date(0).toISOString(),
      urls: {
        get: `${origin}/v1/predictions/${id}`,
        cancel: `${origin}/v1/predictions/${id}/cancel`,
        stream: `${origin}/v1/stream/${id}`,
      },
      polls: 0,
    };
    prediction.final = finalOutput(model, body, prefer);
    predictions.set(id, prediction);
    // `Prefer: wait` answers with the finished prediction; without it the client must poll.
    if (prefer) finish(prediction);
    return send(res, 201, prediction);
  }

  function finalOutput(model, body, prefer) {
    switch (model) {
      case "acme/hello":
        return { greeting: `hello ${body.input?.name}`, prefer };
      case "version:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa":
        return { file: `data:text/plain;base64,${btoa(`hello ${body.input?.name}`)}`, prefer };
      case "acme/painter":
        return [`https://replicate.delivery/pbxt/out-0.png`];
      case "acme/inline": {
        const expected = `data:image/png;base64,${Buffer.from(PNG).toString("base64")}`;
        return { received: body.input?.image === expected ? "the data URI of the bytes" : `${String(body.input?.image).slice(0, 60)}` };
      }
      case "acme/upscaler": {
        const file = [...uploads.values()].find((entry) => entry.url === body.input?.image);
        return file ? { received: file.summary } : { received: `not an uploaded file URL: ${String(body.input?.image).slice(0, 60)}` };
      }
      default:
        return { unexpected: model };
    }
  }

  function advance(prediction) {
    prediction.polls += 1;
    if (prediction.status === "starting") prediction.status = "processing";
    else if (prediction.status === "processing") finish(prediction);
  }

  function finish(prediction) {
    prediction.status = "succeeded";
    prediction.output = prediction.final;
  }

  async function upload(req, res) {
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data")) return send(res, 400, { detail: `not multipart: ${type}` });
    const form = await new Response(await readBody(req), { headers: { "content-type": type } }).formData();
    const content = form.get("content");
    const metadata = form.get("metadata");
    if (typeof content === "string" || !content) return send(res, 400, { detail: "no content file part" });
    const bytes = new Uint8Array(await content.arrayBuffer());
    const same = bytes.length === PNG.length && bytes.every((b, i) => b === PNG[i]);
    const meta = typeof metadata === "string" ? metadata : await metadata?.text();
    const id = `f${++nextId}`;
    const url = `https://api.replicate.com/v1/files/${id}`;
    uploads.set(id, { url, summary: `${content.name}|${content.type}|${bytes.length}|${same ? "bytes match" : "bytes differ"}|${meta}` });
    return send(res, 201, { id, content_type: content.type, size: bytes.length, metadata: JSON.parse(meta ?? "{}"), urls: { get: url } });
  }

  function stream(res) {
    res.writeHead(200, { ...CORS, "content-type": "text/event-stream", "cache-control": "no-store" });
    // Split mid-event so the client has to reassemble across chunks.
    res.write("event: output\nid: 1\ndata: Hello\n\nevent: out");
    setTimeout(() => res.end("put\nid: 2\ndata: , world\n\nevent: done\ndata: {}\n\n"), 20);
  }

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    port: server.address().port,
    close: () => new Promise((resolve) => server.close(resolve).closeAllConnections?.()),
  };
}

function send(res, status, body) {
  const { final: _final, polls: _polls, ...visible } = body;
  res.writeHead(status, { ...CORS, "content-type": "application/json" });
  res.end(JSON.stringify(visible));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readJSON(req) {
  const text = (await readBody(req)).toString("utf8");
  return text ? JSON.parse(text) : {};
}
