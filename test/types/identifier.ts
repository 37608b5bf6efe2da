// run() and stream() take `owner/name` or `owner/name:version` literals; like 1.4.0's declared
// type, a reference without a slash (or a plain `string`) does not compile. Compiled against this
// package and against replicate@1.4.0's index.d.ts (tsconfig.1.4.0.json), so both must agree.
import Replicate from "replicate";

declare const replicate: Replicate;
const input = { prompt: "a raccoon" };

// Accepted.
void replicate.run("black-forest-labs/flux-schnell", { input });
void replicate.run("stability-ai/sdxl:8beff3369e81422112d93b89ca01426147de542cd4684c244b673b105188fe5f", { input });
void replicate.stream("meta/llama-2-70b-chat", { input });
const owner = "meta";
void replicate.run(`${owner}/llama`, { input });

// Rejected.
// @ts-expect-error no owner
void replicate.run("flux-schnell", { input });
// @ts-expect-error empty
void replicate.run("", { input });
// @ts-expect-error a version without owner/name
void replicate.run("flux:8beff3369e81", { input });
// @ts-expect-error stream checks its reference the same way
void replicate.stream("llama-2-70b-chat", { input });
declare const untyped: string;
// @ts-expect-error a plain string is not known to be a reference
void replicate.run(untyped, { input });
// @ts-expect-error input is required
void replicate.run("owner/model", {});
