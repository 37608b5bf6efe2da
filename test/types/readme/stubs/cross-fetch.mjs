// Stands in for cross-fetch, which the README imports in its ESM variant.
export default globalThis.fetch;
