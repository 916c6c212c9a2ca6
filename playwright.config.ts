import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3199);

// scripts/test-all.sh finds a Chromium (Playwright's own, else Debian's) and passes it here.
const executablePath = process.env.MARKETLENS_CHROMIUM || undefined;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  // First the first-run journey, which makes the users and saves each role's signed-in state; then, as the
  // admin, the specs that check the seeded figures exactly; then those that write to the database; then
  // the walks through every page by role.
  projects: [
    { name: "first-run", testMatch: /first-run\.spec\.ts$/ },
    { name: "seeded", testIgnore: /(first-run|import|clusters|recommendations|access|privacy)\.spec\.ts$/, dependencies: ["first-run"], use: { storageState: "e2e/.auth/admin.json" } },
    { name: "writes", testMatch: /(import|clusters|recommendations)\.spec\.ts$/, dependencies: ["seeded"], use: { storageState: "e2e/.auth/admin.json" } },
    { name: "access", testMatch: /(access|privacy)\.spec\.ts$/, dependencies: ["writes"] },
  ],
  webServer: {
    // A fresh database, seeded with a fixed end date so the figures on the pages are known.
    command: `bash scripts/e2e-server.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
