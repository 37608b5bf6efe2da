import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // Every test reaches only 127.0.0.1 or an injected fetch; fail loudly otherwise.
    restoreMocks: true,
  },
});
