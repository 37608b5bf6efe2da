import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Starts server.mjs in its own process and resolves with its origin; it exits when its stdin closes. */
export function startServer() {
  const script = join(dirname(fileURLToPath(import.meta.url)), "server.mjs");
  const child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "inherit"] });
  const stop = () => child.stdin.end();
  process.once("exit", () => child.kill());
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve({ origin: JSON.parse(out).origin, stop });
    });
  });
}
