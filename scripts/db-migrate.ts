// npm run db:migrate -- <name>: create a migration from prisma/schema.prisma and apply it.
// npm run db:migrate (no name): apply committed migrations only, as the app does at start.
import path from "node:path";
import { env } from "../lib/env";
import { applyMigrations, createMigration } from "../lib/db/schema-engine";

async function main() {
  const name = process.argv[2];
  if (!name) {
    const applied = await applyMigrations(env.DATABASE_URL);
    console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
    return;
  }
  const out = await createMigration(env.DATABASE_URL, name);
  if (!out) console.log("The schema matches the migrations: nothing to create.");
  else console.log(`Created ${path.relative(process.cwd(), out.directory)}/migration.sql and applied ${out.applied.join(", ") || "nothing"}.`);
}

main().catch((e: unknown) => {
  console.error(`db:migrate failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
