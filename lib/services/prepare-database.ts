// What every start does before serving: apply committed migrations, set SQLite's persistent settings,
// and load the demo shop when the database is empty (unless MARKETLENS_SEED_DEMO=0).
import { configuredProvider, env } from "../env";
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
  if (configuredProvider() === "sqlite") {
    configureDatabase();
    // An import that died in bulk-load mode leaves its table without secondary indexes: put them back.
    const restored = restoreIndexes(bulkConnection());
    if (restored.length) opts.log?.(`Rebuilt ${restored.length} indexes left out by an interrupted import.`);
  }
  if (await purchaseStatsMissing()) opts.log?.(`Summarised purchases of ${await refreshPurchaseStats()} customers for rule segments.`);
  if (isPiiEncryptionOn()) {
    const sealed = await sealExistingPii();
    if (sealed.customers || sealed.refusedRows) opts.log?.(`Encrypted the email and name of ${sealed.customers} customers and ${sealed.refusedRows} refused import rows (MARKETLENS_ENCRYPT_PII=1).`);
  }
  let seeded: SeedSummary | null = null;
  if (opts.seedIfEmpty && env.MARKETLENS_SEED_DEMO === "1" && (await isDatabaseEmpty())) {
    opts.log?.("The database is empty: loading the demo shop (about 10 s)...");
    seeded = await seedDemo({ ...DEFAULT_DEMO_OPTIONS, endDate: Date.now() });
  }
  return { appliedMigrations, seeded };
}
