import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The "Testing your app" example lives in README.md .
// test/testing/readme/ holds the same code with the package imports pointed at src/, and runs it.
function readmeExample(): string[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Testing your app"));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].slice(0, 2).map((match) => match[1] ?? "");
}

function localImports(code: string): string {
  return code
    .replace(/from "replicate\/testing"/g, 'from "../../../src/testing/index"')
    .replace(/from "replicate"/g, 'from "../../../src/index"');
}

describe("the README's testing example", () => {
  it("is the code that test/testing/readme/ runs", () => {
    expect(existsSync("test/testing/readme/avatar.test.ts")).toBe(true);
    const [avatar, test] = readmeExample();
    expect(localImports(avatar ?? "")).toBe(readFileSync("test/testing/readme/avatar.ts", "utf8"));
    expect(localImports(test ?? "")).toBe(readFileSync("test/testing/readme/avatar.test.ts", "utf8"));
  });
});
