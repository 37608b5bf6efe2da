import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { VERSION } from "../src/version";

it("keeps VERSION (sent in the User-Agent) equal to package.json's version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
