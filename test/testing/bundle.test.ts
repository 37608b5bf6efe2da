import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: "esm", platform: "neutral", logLevel: "silent" });
  return result.outputFiles[0]?.text ?? "";
}

describe("replicate/testing in bundles", () => {
  it("has no static node: import, so fetch mode bundles for browsers and workerd", async () => {
    const code = await bundle("src/testing/index.ts");
    expect(code).toContain("createFakeReplicate");
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).not.toMatch(/import\(\s*["'](node:)?http["']\s*\)/);
  });

  it("is not part of the main entry", async () => {
    const code = await bundle("src/index.ts");
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toContain("createFakeReplicate");
    expect(code).not.toContain("replicate.delivery");
  });
});
