// The build's declarations (dist/, emitted from src/ by tsup), for resolvers that read the root
// `types` field and not `exports`: those (node10) load the CommonJS build, so this re-exports its
// declarations, where the module is the class with the named exports as properties.
import Replicate = require("./dist/index.cjs");
export = Replicate;
