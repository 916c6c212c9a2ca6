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
  // Specs that write to the database run after the ones that check the seeded figures exactly.
  projects: [
    { name: "seeded", testIgnore: /(import|clusters|recommendations)\.spec\.ts$/ },
    { name: "writes", testMatch: /(import|clusters|recommendations)\.spec\.ts$/, dependencies: ["seeded"] },
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
