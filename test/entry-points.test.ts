/**
 * The built package as users load it: `require("replicate")` and `import Replicate from "replicate"`.
 * `npm test` builds first; run alone, this file rebuilds when dist is missing or older than src.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version";
import { json, recordingFetch } from "./helpers/recording-fetch";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputs = ["dist/index.cjs", "dist/index.js"].map((file) => `${root}${file}`);
const require = createRequire(import.meta.url);
// Loaded by URL so type-checking never depends on whether dist has been built.
const importESM = (): Promise<Record<string, unknown> & { default: ReplicateClass }> =>
  import(/* @vite-ignore */ new URL("../dist/index.js", import.meta.url).href);

// What a 1.4.0 user reaches for on the module, plus this package's error family.
const NAMED = [
  "ApiError",
  "validateWebhook",
  "parseProgressFromLogs",
  "ServerSentEvent",
  "NotFoundError",
  "RateLimitError",
  "PredictionError",
  "AbortError",
];

function newestInput(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestInput(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!outputs.every(existsSync)) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = Math.max(newestInput(`${root}src`), ...["tsup.config.ts", "package.json"].map((f) => statSync(`${root}${f}`).mtimeMs));
  return inputs > built;
}

beforeAll(() => {
  if (isStale()) execFileSync("npx", ["tsup", "--silent"], { cwd: root, stdio: "inherit" });
}, 120_000);

type Client = { accounts: { current(): Promise<unknown> }; userAgent: string };
type ReplicateClass = new (options?: object) => Client;

async function requestThrough(Replicate: ReplicateClass) {
  const api = recordingFetch(() => json({ username: "ada" }));
  const replicate = new Replicate({ auth: "r8_entry", fetch: api.fetch });
  await expect(replicate.accounts.current()).resolves.toEqual({ username: "ada" });
  expect(api.calls).toHaveLength(1);
  expect(api.calls[0]!.url.href).toBe("https://api.replicate.com/v1/account");
  expect(api.calls[0]!.headers.get("Authorization")).toBe("Bearer r8_entry");
  expect(api.calls[0]!.headers.get("User-Agent")).toBe(`replicate-javascript/${VERSION}`);
}

describe("CommonJS: require('replicate')", () => {
  it("is the class itself, with .default pointing at it", () => {
    const Replicate = require("../dist/index.cjs");
    expect(typeof Replicate).toBe("function");
    expect(Replicate.default).toBe(Replicate);
    expect(new Replicate({ auth: "t" })).toBeInstanceOf(Replicate);
  });

  it("carries the named exports as properties", () => {
    const Replicate = require("../dist/index.cjs");
    for (const name of NAMED) expect(Replicate[name], name).toBeTypeOf("function");
    expect(new Replicate.NotFoundError("m", new Request("https://x"), new Response())).toBeInstanceOf(Replicate.ApiError);
  });

  it("builds a client that makes a request through an injected fetch", async () => {
    await requestThrough(require("../dist/index.cjs"));
  });
});

describe("ESM: import Replicate from 'replicate'", () => {
  it("has the class as its default export and the same named exports as the CommonJS module", async () => {
    const esm = await importESM();
    const cjs = require("../dist/index.cjs");
    expect(typeof esm.default).toBe("function");
    expect(esm.default.name).toBe("Replicate");
    for (const name of NAMED) expect(esm[name], name).toBeTypeOf("function");
    const esmNames = Object.keys(esm).filter((name) => name !== "default").sort();
    expect(esmNames.filter((name) => !(name in cjs))).toEqual([]);
  });

  it("builds a client that makes a request through an injected fetch", async () => {
    const { default: Replicate } = await importESM();
    await requestThrough(Replicate);
  });
});
