// The smoke scenario every runtime runs, unchanged, against test/runtimes/server.mjs.
// Plain ESM with no platform APIs beyond fetch, Blob, ReadableStream, Request and TextDecoder:
// anything else it needs (the package's exports, the server's origin, WebCrypto on Node 18) comes
// in through `runScenario`'s argument, so a runtime that lacks something fails here, visibly.

const TOKEN = "r8_runtime_matrix";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
const WEBHOOK = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: `{"test": 2432232314}`,
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

/**
 * @param {object} env
 * @param {any} env.Replicate the package's default export (or `require("replicate")`)
 * @param {any} env.exports the module namespace or `require("replicate")`, for named exports
 * @param {string} env.origin the server's origin, e.g. http://127.0.0.1:1234
 * @param {any} [env.crypto] WebCrypto, where the runtime has no global one (Node 18)
 * @returns {Promise<{ok: boolean, checks: {name: string, ok: boolean, detail?: string}[]}>}
 */
export async function runScenario({ Replicate, exports, origin, crypto }) {
  const checks = [];
  const check = async (name, body) => {
    try {
      const detail = await body();
      checks.push({ name, ok: true, ...(detail ? { detail: String(detail) } : {}) });
    } catch (error) {
      checks.push({ name, ok: false, detail: describe(error) });
    }
  };
  const baseUrl = `${origin}/v1`;
  // The platform's own fetch, unwrapped: a client that calls it as a method (`this` = client)
  // fails with "Illegal invocation" in Workers and browsers, which is the seam this pins.
  const replicate = new Replicate({ auth: TOKEN, baseUrl, fetch: globalThis.fetch });

  await check("exports", () => {
    equal(typeof Replicate, "function", "default export is a class");
    // `require("replicate")` is the class itself, so `.default` must lead back to it (as in 1.4.0).
    equal(exports.default, Replicate, "default export (or .default) is the class");
    equal(typeof exports.ApiError, "function", "ApiError export");
    equal(typeof exports.validateWebhook, "function", "validateWebhook export");
    equal(typeof exports.parseProgressFromLogs, "function", "parseProgressFromLogs export");
  });

  await check("run (poll)", async () => {
    const seen = [];
    const output = await replicate.run("acme/hello", { input: { name: "poll" }, wait: { mode: "poll", interval: 5 } }, (p) =>
      seen.push(p.status),
    );
    equal(output?.greeting, "hello poll", "output");
    equal(output?.prefer, null, "no Prefer header in poll mode");
    equal(seen.at(-1), "succeeded", "progress saw the final prediction");
    ok(seen.includes("processing"), `progress saw polled updates (${seen})`);
  });

  await check("run (block) + FileOutput from a data: URL", async () => {
    const output = await replicate.run(`acme/hello:${VERSION}`, { input: { name: "block" } });
    equal(output?.prefer, "wait", "block mode sends Prefer: wait");
    const file = output.file;
    ok(file instanceof ReadableStream, "a FileOutput is a ReadableStream");
    ok(String(file).startsWith("data:text/plain;base64,"), "toString() is the URL");
    const blob = await file.blob();
    equal(await blob.text(), "hello block", "blob() text");
    // Bun's Response adds ";charset=utf-8" to a text/plain Content-Type; the MIME type is what counts.
    equal(blob.type.split(";")[0], "text/plain", "blob() type");
  });

  await check("FileOutput download (https output routed to the local server)", async () => {
    // Output files are https URLs on another host; a user-level fetch wrapper sends them here.
    const routed = new Replicate({
      auth: TOKEN,
      baseUrl,
      fetch: (url, init) =>
        globalThis.fetch(String(url).replace("https://replicate.delivery/", `${origin}/delivery/`), init),
    });
    const [file] = await routed.run("acme/painter", { input: {} });
    equal(file.url().href, "https://replicate.delivery/pbxt/out-0.png", "url()");
    equal(JSON.stringify([file]), `["https://replicate.delivery/pbxt/out-0.png"]`, "JSON is the URL");
    const bytes = await readAll(file);
    equal(bytes.join(","), PNG.join(","), "streamed bytes");
  });

  await check("file input uploaded as multipart", async () => {
    const image = new Blob([PNG], { type: "image/png" });
    const output = await replicate.run("acme/upscaler", { input: { image }, wait: { mode: "poll", interval: 5 } });
    ok(/^blob_\d+\|image\/png\|16\|bytes match\|\{\}$/.test(output?.received), `server received ${output?.received}`);
  });

  await check("file input sent as a data URI", async () => {
    const inline = new Replicate({ auth: TOKEN, baseUrl, fetch: globalThis.fetch, fileEncodingStrategy: "data-uri" });
    const image = new Blob([PNG], { type: "image/png" });
    const output = await inline.run("acme/inline", { input: { image } });
    equal(output?.received, "the data URI of the bytes", "server received");
  });

  await check("stream", async () => {
    const events = [];
    for await (const event of replicate.stream("acme/chat", { input: { prompt: "hi" } })) {
      events.push(`${event.event}:${event}`);
    }
    equal(events.join("|"), "output:Hello|output:, world|done:", "events");
  });

  await check("paginate over 2 pages", async () => {
    const pages = [];
    for await (const page of replicate.paginate(replicate.predictions.list)) pages.push(page.map((p) => p.id).join("+"));
    equal(pages.join(" / "), "page1-a+page1-b / page2-a", "pages");
  });

  await check("ApiError on 404", async () => {
    let caught;
    try {
      await replicate.predictions.get("missing");
    } catch (error) {
      caught = error;
    }
    ok(caught instanceof exports.ApiError, `instanceof ApiError (got ${describe(caught)})`);
    ok(caught instanceof Error, "instanceof Error");
    equal(caught.response?.status, 404, "response.status");
    ok(caught.message.includes("404"), "message names the status");
  });

  await check("validateWebhook (known vector)", async () => {
    const { secret, id, timestamp, body, signature } = WEBHOOK;
    const options = crypto ? { crypto } : undefined;
    equal(await exports.validateWebhook({ id, timestamp, body, signature, secret }, options), true, "fields form");
    const request = new Request("http://127.0.0.1/webhook", {
      method: "POST",
      headers: { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature },
      body,
    });
    equal(await exports.validateWebhook(request, secret, options), true, "Request form");
    const forged = { id, timestamp, body: body.replace("2", "3"), signature, secret };
    equal(await exports.validateWebhook(forged, options), false, "a changed body fails");
  });

  return { ok: checks.length > 0 && checks.every((c) => c.ok), checks };
}

async function readAll(stream) {
  const reader = stream.getReader();
  const parts = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(...value);
  }
  return parts;
}

function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function show(value) {
  return typeof value === "function" ? `function ${value.name || "(anonymous)"}` : JSON.stringify(value) ?? String(value);
}

function ok(value, what) {
  if (!value) throw new Error(what);
}

function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.cause ? ` (cause: ${describe(error.cause)})` : ""}`;
  return String(error);
}
