// Every test file gets its own throw-away SQLite file, so tests never touch data/marketlens.db.
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATABASE_URL = `file:${path.join(tmpdir(), `marketlens-test-${randomUUID()}.db`)}`;
// Background jobs compute in the test's own process, so a test can await them (one test runs them in a child).
process.env.MARKETLENS_JOBS ??= "inline";
