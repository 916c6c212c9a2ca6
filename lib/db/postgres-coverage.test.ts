// Every test file that touches the database also runs on PostgreSQL (vitest.postgres.config.ts), unless it
// tests something only SQLite has and says so: a new database test cannot silently stay SQLite-only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_TEST_FILES, SQLITE_ONLY_TEST_FILES } from "../../vitest.postgres.config";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** What a test that uses the database calls: the start, a client, the direct connection, an import or a caller. */
const TOUCHES_DATABASE = /prepareDatabase|getDb|createDb|directDb|bulkConnection|seedDemo|importFile|actAs/;

const SELF = "lib/db/postgres-coverage.test.ts";

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe("the PostgreSQL test run", () => {
  it("includes every test file that touches the database, except the SQLite-only ones", () => {
    const touching = ["lib", "app", "components", "scripts"].flatMap(testFiles).filter((f) => f !== SELF && TOUCHES_DATABASE.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(touching.length).toBeGreaterThan(30);
    const missing = touching.filter((f) => !POSTGRES_TEST_FILES.includes(f) && !(f in SQLITE_ONLY_TEST_FILES)).sort();
    expect(missing).toEqual([]);
    const gone = POSTGRES_TEST_FILES.filter((f) => !touching.includes(f));
    expect(gone).toEqual([]);
  });
});
