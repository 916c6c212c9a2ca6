// Every test file gets its own throw-away folder and database, so tests never touch data/marketlens.db: a
// SQLite file in that folder, or on a PostgreSQL run (vitest.postgres.config.ts) a copy of the migrated
// template. The folder is also the data folder (uploads, refused-rows files), removed when the file's tests end.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject, vi } from "vitest";
import { adminQuery, withDatabase } from "./lib/db/postgres-admin";

const name = `marketlens_test_${randomUUID().replace(/-/g, "")}`;
const folder = mkdtempSync(path.join(tmpdir(), "marketlens-test-"));
process.env.MARKETLENS_DATA_DIR = folder;
if (process.env.MARKETLENS_TEST_PROVIDER === "postgresql") {
  const server = process.env.TEST_POSTGRES_URL!;
  await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
  process.env.DATABASE_URL = withDatabase(server, name);
} else {
  process.env.DATABASE_URL = `file:${path.join(folder, `${name}.db`)}`;
}
afterAll(async () => {
  const { disconnectDb } = await import("./lib/db/client");
  const { closeDirect } = await import("./lib/db/direct");
  await Promise.all([disconnectDb(), closeDirect()]);
  if (process.env.MARKETLENS_TEST_PROVIDER === "postgresql") await adminQuery(process.env.TEST_POSTGRES_URL!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(folder, { recursive: true, force: true });
});
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
