// Every test file gets its own throw-away SQLite file, so tests never touch data/marketlens.db.
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";

process.env.DATABASE_URL = `file:${path.join(tmpdir(), `marketlens-test-${randomUUID()}.db`)}`;
// Background jobs compute in the test's own process, so a test can await them (one test runs them in a child).
process.env.MARKETLENS_JOBS ??= "inline";
// A fixed secret, so tests never write one into the temp folder.
process.env.MARKETLENS_SECRET ??= "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

// Server actions read who is calling from next/headers, which only exists inside a request: tests choose
// the caller with lib/auth/test-support.ts's actAs().
vi.mock("next/headers", async () => {
  const { testHeaders } = await import("./lib/auth/test-support");
  return { headers: async () => testHeaders() };
});
