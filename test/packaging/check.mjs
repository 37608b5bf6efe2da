#!/usr/bin/env node
// Packaging checks on the tarball `npm publish` would upload:
//   1. it holds only what users need (dist, index.d.ts, README, LICENSE, package.json);
//   2. publint and @arethetypeswrong/cli (node10, node16 CJS and ESM, bundler) find no problem;
//   3. the main entry bundled for the browser and for Cloudflare Workers imports no `node:`
//      module and needs neither `Buffer` nor `process` (`process` only behind a typeof guard).
//
//   node test/packaging/check.mjs [path.tgz]     (packs the repo when no tarball is given)
// Needs the root devDependencies and test/runtimes' (for esbuild).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ts = createRequire(join(repo, "package.json"))("typescript");
const { build } = createRequire(join(repo, "test/runtimes/package.json"))("esbuild");
const ALLOWED = /^package\/(package\.json|README\.md|LICENSE|index\.d\.ts|dist\/.+)$/;
const REQUIRED = ["package.json", "LICENSE", "README.md", "index.d.ts", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"];

const work = await mkdtemp(join(tmpdir(), "replicate-packaging-"));
const failures = [];
try {
  const tarball = process.argv[2] ? resolve(process.argv[2]) : pack(work);

  step("tarball contents", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    const extra = files.filter((file) => !ALLOWED.test(file));
    const missing = REQUIRED.filter((file) => !files.includes(`package/${file}`));
    if (extra.length || missing.length) throw new Error(`unexpected: ${extra.join(", ") || "-"}; missing: ${missing.join(", ") || "-"}`);
    return `${files.length} files`;
  });
  step("publint --strict", () => tool("publint", ["run", tarball, "--strict"]));
  step("attw (node10, node16 CJS/ESM, bundler)", () => tool("attw", [tarball, "--format", "table-flipped"]));

  const modules = join(work, "node_modules", "replicate");
  await mkdir(modules, { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", modules, "--strip-components=1"]);
  for (const [name, conditions] of [
    ["browser", []],
    ["workerd", ["workerd", "worker", "browser"]],
  ]) {
    const result = await build({
      stdin: { contents: `export * from "replicate"; export { default } from "replicate";`, resolveDir: work },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      conditions,
      // Kept as imports (not build errors) so that the check below can name them.
      external: ["node:*", ...builtinModules],
      logLevel: "silent",
    }).catch((error) => error);
    await stepAsync(`${name} bundle: no node: imports, no Buffer, process only behind typeof`, async () => {
      if (result instanceof Error) throw result;
      const nodeImports = Object.values(result.metafile.inputs)
        .flatMap((input) => input.imports)
        .filter((entry) => entry.external)
        .map((entry) => `${entry.kind} ${entry.path}`);
      const globals = platformGlobals(result.outputFiles[0].text);
      const problems = [...nodeImports.map((i) => `imports ${i}`), ...globals];
      if (problems.length) throw new Error(problems.join("\n  "));
      return `${(result.outputFiles[0].contents.length / 1024).toFixed(0)} kB`;
    });
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(`packaging: ${failures.length === 0 ? "all checks passed" : `${failures.length} failed`}`);
process.exitCode = failures.length === 0 ? 0 : 1;

function pack(dir) {
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repo, encoding: "utf8" });
  return join(dir, out.trim().split("\n").at(-1));
}

function tool(name, args) {
  execFileSync(join(repo, "node_modules", ".bin", name), args, { cwd: repo, stdio: "inherit" });
}

function step(name, body) {
  try {
    const note = body();
    console.log(`ok   ${name}${note ? ` (${note})` : ""}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n  ${error.message}`);
  }
}

async function stepAsync(name, body) {
  try {
    const note = await body();
    console.log(`ok   ${name}${note ? ` (${note})` : ""}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n  ${error.message}`);
  }
}

/**
 * References to `Buffer` or `process` in bundled code, read from its syntax tree (so strings and
 * property names such as `foo.process` don't count). `process` may appear only as `typeof process`
 * or inside the branch that such a check guards (`typeof process !== "undefined" ? process.env : …`).
 */
function platformGlobals(code) {
  const file = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && (node.text === "Buffer" || node.text === "process") && isReference(node)) {
      if (node.text === "Buffer" || !isGuarded(node)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push(`uses ${node.text} at bundle line ${line + 1}: ${code.split("\n")[line].trim().slice(0, 120)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function isReference(node) {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node) return false;
  if ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  return true;
}

function isGuarded(node) {
  if (ts.isTypeOfExpression(node.parent)) return true;
  const checksProcess = (condition) => /typeof process\b/.test(condition.getText());
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && child === parent.whenTrue && checksProcess(parent.condition)) return true;
    if (ts.isIfStatement(parent) && child === parent.thenStatement && checksProcess(parent.expression)) return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      child === parent.right &&
      checksProcess(parent.left)
    ) {
      return true;
    }
  }
  return false;
}
