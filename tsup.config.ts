import { defineConfig, type Options } from "tsup";

const shared: Options = {
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: false,
  target: "es2022",
  platform: "neutral",
  splitting: false,
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts" },
    clean: true,
    // `require("replicate")` must return the class itself, as 1.4.0's `module.exports = Replicate` did,
    // while still carrying the named exports and `.default`.
    footer: ({ format }) =>
      format === "cjs"
        ? { js: "module.exports = Object.assign(module.exports.default, module.exports, { default: module.exports.default });" }
        : undefined,
  },
  {
    ...shared,
    entry: { testing: "src/testing/index.ts" },
  },
]);
