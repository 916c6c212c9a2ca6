import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    environment: "node",
    include: ["{lib,app,components,scripts}/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
