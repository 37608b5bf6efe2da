// Bundle size of a tiny app that calls run(), as a user's bundler builds it: minified, then
// gzipped. "replicate" resolves to this package through a node_modules link (so its package.json
// `exports` and `sideEffects` apply) or to replicate@1.4.0 installed in bench/node_modules.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, version as esbuildVersion } from "esbuild";

export { esbuildVersion };

const APP = `import Replicate from "replicate";
const replicate = new Replicate();
export async function main(prompt) {
  return replicate.run("owner/model", { input: { prompt } });
}
`;

export const TARGETS = {
  browser: { platform: "browser" },
  // What Cloudflare's tooling asks of packages; "neutral" has no main fields, and 1.4.0 has only "main".
  workerd: { platform: "neutral", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"] },
};

/** `{ [target]: { ours: {minified, gzipped} | {error}, v1: ... } }`, sizes in bytes. */
export async function bundleSizes(packageDir, benchDir) {
  const linkDir = mkdtempSync(join(tmpdir(), "replicate-bench-"));
  try {
    mkdirSync(join(linkDir, "node_modules"));
    symlinkSync(packageDir, join(linkDir, "node_modules", "replicate"), "dir");
    const resolveDirs = { ours: linkDir, v1: benchDir };
    const sizes = {};
    for (const [target, options] of Object.entries(TARGETS)) {
      sizes[target] = {};
      for (const [variant, resolveDir] of Object.entries(resolveDirs)) {
        sizes[target][variant] = await bundleOne(resolveDir, options);
      }
    }
    return sizes;
  } finally {
    rmSync(linkDir, { recursive: true, force: true });
  }
}

/**
 * What each source file costs the browser bundle, largest gzipped cost first: `[file, minified
 * bytes, gzipped bytes]`, the gzipped figure being the whole bundle's gzip size minus that of the
 * bundle with the file's bytes cut out (gzip removes repetition, so a file's own gzip size would
 * say little). Bundled from src/ rather than dist/, so the metafile can say where the bytes come from.
 */
export async function sourceBreakdown(repoRoot) {
  try {
    const result = await build({
      stdin: { contents: APP.replace('"replicate"', JSON.stringify(join(repoRoot, "src", "index.ts"))), resolveDir: repoRoot, sourcefile: "app.js" },
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
      ...TARGETS.browser,
    });
    const code = Buffer.from(result.outputFiles[0].contents).toString("utf8");
    const gzipped = (text) => gzipSync(text, { level: 9 }).length;
    const whole = gzipped(code);
    const [output] = Object.values(result.metafile.outputs);
    // esbuild writes the modules in the metafile's order, so each one's bytes follow the previous ones'.
    let offset = 0;
    const rows = [];
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const without = code.slice(0, offset) + code.slice(offset + bytesInOutput);
      offset += bytesInOutput;
      if (/src\//.test(file)) rows.push([file.replace(/^.*?src\//, "src/"), bytesInOutput, whole - gzipped(without)]);
    }
    return rows.sort((a, b) => b[2] - a[2]);
  } catch {
    return [];
  }
}

async function bundleOne(resolveDir, options) {
  try {
    const result = await build({
      stdin: { contents: APP, resolveDir, sourcefile: "app.js" },
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      write: false,
      logLevel: "silent",
      ...options,
    });
    const code = result.outputFiles[0].contents;
    return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  } catch (error) {
    return { error: error.errors?.map((e) => e.text).join("; ") ?? String(error) };
  }
}
