// Generated declarations live in dist/ (emitted by tsup from src/); this file only points at them
// for tools that read the root `types` entry.
export * from "./dist/index.js";
export { default } from "./dist/index.js";
