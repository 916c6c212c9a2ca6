// Runs before `next start` / `next dev`: migrations, settings, demo data on first run.
import { closeBulkConnections } from "../lib/db/bulk-insert";
import { getDb } from "../lib/db/client";
import { failOrphanedModelRuns } from "../lib/db/model-runs";
import { env, sqliteFilePath } from "../lib/env";
import { prepareDatabase } from "../lib/services/prepare-database";

try {
  const out = await prepareDatabase({ seedIfEmpty: true, log: (l) => console.log(l) });
  if (out.appliedMigrations.length) console.log(`Applied migrations: ${out.appliedMigrations.join(", ")}`);
  const orphans = await failOrphanedModelRuns();
  if (orphans) console.log(`Marked ${orphans} computation(s) left unfinished by the last server as failed.`);
  if (out.seeded) console.log(`Loaded the demo shop: ${out.seeded.customers} customers, ${out.seeded.events} events in ${out.seeded.seconds} s.`);
  console.log(`Database: ${sqliteFilePath(env.DATABASE_URL)}`);
  closeBulkConnections();
  await getDb().$disconnect();
} catch (e) {
  console.error(`Could not prepare the database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
