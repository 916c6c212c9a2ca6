import { bulkConnection } from "./bulk-insert";
import { getDb } from "./client";
import { campaignDataStamp } from "./campaign-audience";
import { whileUnchanged } from "./data-cache";
import { purchaseDataStamp } from "./purchase-history";

export interface TableCounts {
  customers: number;
  products: number;
  events: number;
  campaigns: number;
  campaignEvents: number;
  dailyStats: number;
  importJobs: number;
  segments: number;
}

/** Rows per table; the big tables' counts are kept until they change (each reads a whole index). */
export async function countTables(): Promise<TableCounts> {
  const db = getDb();
  const [customers, products, events, campaigns, campaignEvents, dailyStats, importJobs, segments] = await Promise.all([
    whileUnchanged("count customers", [purchaseDataStamp], () => db.customer.count()),
    db.product.count(),
    whileUnchanged("count events", [purchaseDataStamp], () => db.event.count()),
    db.campaign.count(),
    whileUnchanged("count campaign events", [campaignDataStamp], () => db.campaignEvent.count()),
    db.campaignDailyStat.count(),
    db.import.count(),
    db.segment.count(),
  ]);
  return { customers, products, events, campaigns, campaignEvents, dailyStats, importJobs, segments };
}

/** True when no customer, product or campaign exists: the state in which the demo shop is loaded. */
export async function isDatabaseEmpty(): Promise<boolean> {
  const db = getDb();
  const [c, p, k] = await Promise.all([
    db.customer.findFirst({ select: { id: true } }),
    db.product.findFirst({ select: { id: true } }),
    db.campaign.findFirst({ select: { id: true } }),
  ]);
  return !c && !p && !k;
}

/** Deletes all marketing data (children first), keeping the schema and migration history. */
export async function deleteAllData(): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.segmentMember.deleteMany(),
    db.segment.deleteMany(),
    db.campaignEvent.deleteMany(),
    db.campaignDailyStat.deleteMany(),
    db.campaign.deleteMany(),
    db.event.deleteMany(),
    db.customerPurchaseStats.deleteMany(),
    db.customer.deleteMany(),
    db.product.deleteMany(),
    db.importRowError.deleteMany(),
    db.import.deleteMany(),
    db.job.deleteMany(),
  ]);
}

/**
 * SQLite settings that persist in the file: write-ahead logging lets pages read while an import or the
 * seed writes. Harmless to run at every start; PostgreSQL has nothing to set.
 */
export function configureDatabase(): void {
  // The direct connection sets these pragmas as it opens (journal_mode is stored in the file), without
  // starting Prisma.
  bulkConnection();
}
