// Runs before `next start` / `next dev`: migrations, settings, demo data on first run.
import { getDb } from "../lib/db/client";
import { closeDirect } from "../lib/db/direct";
import { databaseLabel, env } from "../lib/env";
import { failDeadJobs } from "../lib/services/jobs/runner";
import { prepareDatabase } from "../lib/services/prepare-database";

try {
  const out = await prepareDatabase({ seedIfEmpty: true, log: (l) => console.log(l) });
  if (out.appliedMigrations.length) console.log(`Applied migrations: ${out.appliedMigrations.join(", ")}`);
  // Queued jobs stay queued: the server's runner starts them. Running ones whose process is gone failed.
  const dead = await failDeadJobs();
  if (dead) console.log(`Marked ${dead} job(s) whose process had stopped as failed.`);
  if (out.seeded) console.log(`Loaded the demo shop: ${out.seeded.customers} customers, ${out.seeded.events} events in ${out.seeded.seconds} s.`);
  console.log(`Database: ${databaseLabel(env.DATABASE_URL)}`);
  await closeDirect();
  await getDb().$disconnect();
} catch (e) {
  console.error(`Could not prepare the database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
