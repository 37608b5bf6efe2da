import { readFile, writeFile } from "node:fs/promises";
import { build, defineConfig, type Options } from "tsup";

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
    // The declarations are built here rather than by `dts: true`, whose worker runs unawaited
    // beside onSuccess: the CommonJS ones need rewriting once they exist (see below).
    dts: false,
    onSuccess: async () => {
      await build({ ...shared, config: false, silent: true, entry: { index: "src/index.ts" }, dts: { only: true } });
      const file = "dist/index.d.cts";
      await writeFile(file, exportEquals(await readFile(file, "utf8")));
    },
  },
  {
    ...shared,
    entry: { testing: "src/testing/index.ts" },
  },
]);

/**
 * Turns the generated `export { ..., Replicate as default, ... }` into `export = Replicate` with a
 * namespace merged into the class, so the CommonJS types say what the footer above does at run
 * time: the module is the class, and the named exports and `default` are its properties. TypeScript
 * then accepts `import Replicate = require("replicate")`, `new (require("replicate"))()` in checked
 * JS, and default and named imports with or without esModuleInterop.
 */
function exportEquals(declarations: string): string {
  const closing = /\nexport \{([^}]*)\};\s*$/.exec(declarations);
  const names = closing?.[1]?.split(",").map((name) => name.trim()) ?? [];
  const others = names.filter((name) => name !== "Replicate as default");
  if (!closing || others.length !== names.length - 1 || !/^declare class Replicate\b/m.test(declarations)) {
    throw new Error("dist/index.d.cts: expected a closing `export { ..., Replicate as default }` and `declare class Replicate`");
  }
  return `${declarations.slice(0, closing.index)}
declare namespace Replicate {
  export { ${[...others, "Replicate as default"].join(", ")} };
}
export = Replicate;
`;
}
