// What every start does before serving: apply committed migrations, set SQLite's persistent settings,
// and load the demo shop when the database is empty (unless MARKETLENS_SEED_DEMO=0).
import { configuredProvider, env } from "../env";
import { UserError } from "../errors";
import { isPiiEncryptionOn } from "../auth/pii-crypto";
import { sealExistingPii } from "../db/pii-sealing";
import { DEFAULT_DEMO_OPTIONS } from "../demo";
import { bulkConnection } from "../db/bulk-insert";
import { restoreIndexes } from "../db/bulk-load";
import { purchaseStatsMissing, refreshPurchaseStats } from "../db/purchase-stats";
import { configureDatabase, isDatabaseEmpty } from "../db/maintenance";
import { applyMigrations } from "../db/schema-engine";
import { seedDemo, type SeedSummary } from "./seed-demo";

export interface PrepareResult {
  appliedMigrations: string[];
  seeded: SeedSummary | null;
}

export async function prepareDatabase(opts: { seedIfEmpty: boolean; log?: (line: string) => void }): Promise<PrepareResult> {
  const appliedMigrations = await applyMigrations(env.DATABASE_URL);
  // PostgreSQL's schema and migrations exist (prisma/postgresql); the bulk writes, the dialect pieces and the
  // job workers are still SQLite's, so the app refuses to run there rather than fail half-way through.
  if (configuredProvider() === "postgresql") {
    throw new UserError(`The PostgreSQL database is migrated${appliedMigrations.length ? ` (${appliedMigrations.join(", ")})` : ""}, but the app and the CLI still run on SQLite only: set DATABASE_URL to a file: URL. PostgreSQL support is being built (see the README's "Choosing a database").`);
  }
  await configureDatabase();
  // An import that died in bulk-load mode leaves its table without secondary indexes: put them back.
  const restored = restoreIndexes(bulkConnection());
  if (restored.length) opts.log?.(`Rebuilt ${restored.length} indexes left out by an interrupted import.`);
  if (purchaseStatsMissing()) opts.log?.(`Summarised purchases of ${refreshPurchaseStats()} customers for rule segments.`);
  if (isPiiEncryptionOn()) {
    const sealed = sealExistingPii();
    if (sealed.customers || sealed.refusedRows) opts.log?.(`Encrypted the email and name of ${sealed.customers} customers and ${sealed.refusedRows} refused import rows (MARKETLENS_ENCRYPT_PII=1).`);
  }
  let seeded: SeedSummary | null = null;
  if (opts.seedIfEmpty && env.MARKETLENS_SEED_DEMO === "1" && (await isDatabaseEmpty())) {
    opts.log?.("The database is empty: loading the demo shop (about 10 s)...");
    seeded = await seedDemo({ ...DEFAULT_DEMO_OPTIONS, endDate: Date.now() });
  }
  return { appliedMigrations, seeded };
}
