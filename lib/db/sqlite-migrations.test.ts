// SQLite's committed migrations build exactly prisma/schema.prisma (PostgreSQL's: postgres-migrations.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration } from "./schema-engine";

const dir = mkdtempSync(path.join(tmpdir(), "marketlens-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SQLite migrations", () => {
  it("apply to an empty file and leave nothing to create", async () => {
    const url = `file:${path.join(dir, "fresh.db")}`;
    expect((await applyMigrations(url)).length).toBeGreaterThan(10);
    // Drift: a schema change without `npm run db:migrate -- <name>` would create a migration here.
    expect(await createMigration(url, "drift_check")).toBeNull();
  });
});
