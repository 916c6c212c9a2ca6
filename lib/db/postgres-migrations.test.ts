// PostgreSQL's committed migrations build exactly the schema derived from prisma/schema.prisma. Needs a
// PostgreSQL server: set TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres); the test
// makes and drops its own database there.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { adminQuery, withDatabase } from "./postgres-admin";
import { applyMigrations, createMigration } from "./schema-engine";

const server = process.env.TEST_POSTGRES_URL;
if (!server) console.log("postgres-migrations.test.ts: skipped, TEST_POSTGRES_URL is not set (no PostgreSQL server to migrate)");
const name = `marketlens_migrations_${randomUUID().replace(/-/g, "")}`;

const admin = (sql: string) => adminQuery(server!, sql);

describe.skipIf(!server)("PostgreSQL migrations", () => {
  afterAll(async () => {
    if (server) await admin(`DROP DATABASE IF EXISTS "${name}"`);
  });

  it("apply to an empty database, leave nothing to create, and find nothing to do the second time", async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const url = withDatabase(server!, name);
    const applied = await applyMigrations(url);
    expect(applied.length).toBeGreaterThan(0);
    // Drift: a schema change without `npm run db:migrate -- <name>` on PostgreSQL would create a migration here.
    expect(await createMigration(url, "drift_check")).toBeNull();
    expect(await applyMigrations(url)).toEqual([]);
  });
});
