// SQLite's committed migrations build exactly prisma/schema.prisma (PostgreSQL's: postgres-migrations.test.ts).
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration } from "./schema-engine";
import { testFolder } from "../test-folder";

const dir = testFolder("migrations");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SQLite migrations", () => {
  it("apply to an empty file and leave nothing to create", async () => {
    const url = `file:${path.join(dir, "fresh.db")}`;
    expect((await applyMigrations(url)).length).toBeGreaterThan(10);
    // Drift: a schema change without `npm run db:migrate -- <name>` would create a migration here.
    expect(await createMigration(url, "drift_check")).toBeNull();
  });
});
