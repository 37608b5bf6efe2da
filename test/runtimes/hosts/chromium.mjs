// Opens the scenario page (served from http://localhost, a secure context, so WebCrypto exists)
// in Debian's headless Chromium through playwright-core and prints the scenario's result.
// usage: node chromium.mjs <page url>
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [pageUrl] = process.argv.slice(2);
const profile = await mkdtemp(join(tmpdir(), "replicate-chromium-"));
// A fresh profile per run; Playwright takes it as launchPersistentContext's first argument.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // This machine's network is closed: without these flags Chromium keeps dialling out.
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  // "Failed to load resource" is the browser logging the scenario's deliberate 404.
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(pageUrl);
  let result;
  try {
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
    result = await page.evaluate(() => window.__result);
  } catch (error) {
    result = { ok: false, checks: [{ name: "page", ok: false, detail: `no result: ${error.message}` }] };
  }
  if (problems.length > 0) result.checks.push({ name: "no page errors", ok: false, detail: problems.join("; ") });
  result.ok &&= problems.length === 0;
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
