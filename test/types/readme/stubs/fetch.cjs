// Stands in for the fetch package the README's `require("fetch")` names.
module.exports = globalThis.fetch;
