// Bulk-load mode for big imports into small event tables. Event and CampaignEvent carry four secondary
// indexes each, whose inserts arrive in random order; building them once at the end (a sort) is far cheaper
// than updating them row by row: Online Retail (541,909 lines) imports in about a third of the time.
// Only the unique dedupe index stays, so re-imports still skip stored rows.
//
// If the process dies mid-import the rows are consistent but the indexes are missing; restoreIndexes runs
// on every start (prepareDatabase) and before every import, so the next start or import puts them back.
import type Database from "better-sqlite3";
import { prepared } from "./bulk-insert";

export type BulkTable = "Event" | "CampaignEvent";

/**
 * The secondary indexes exactly as the migrations create them (a test checks they still match).
 * `inTimeOrder`: led by time, or by a handful of event types and then time, so a file in time order adds
 * to their ends; kept while such a file loads (cheaper than rebuilding them at the end).
 */
export const SECONDARY_INDEXES: Record<BulkTable, readonly { name: string; sql: string; inTimeOrder?: boolean }[]> = {
  Event: [
    { name: "Event_customerId_occurredAt_idx", sql: 'CREATE INDEX "Event_customerId_occurredAt_idx" ON "Event"("customerId", "occurredAt")' },
    { name: "Event_productId_occurredAt_idx", sql: 'CREATE INDEX "Event_productId_occurredAt_idx" ON "Event"("productId", "occurredAt")' },
    { name: "Event_occurredAt_idx", sql: 'CREATE INDEX "Event_occurredAt_idx" ON "Event"("occurredAt")', inTimeOrder: true },
    { name: "Event_type_occurredAt_revenue_orderId_customerId_idx", sql: 'CREATE INDEX "Event_type_occurredAt_revenue_orderId_customerId_idx" ON "Event"("type", "occurredAt", "revenue", "orderId", "customerId")', inTimeOrder: true },
  ],
  CampaignEvent: [
    { name: "CampaignEvent_campaignId_occurredAt_idx", sql: 'CREATE INDEX "CampaignEvent_campaignId_occurredAt_idx" ON "CampaignEvent"("campaignId", "occurredAt")' },
    { name: "CampaignEvent_campaignId_type_occurredAt_cost_revenue_customerId_idx", sql: 'CREATE INDEX "CampaignEvent_campaignId_type_occurredAt_cost_revenue_customerId_idx" ON "CampaignEvent"("campaignId", "type", "occurredAt", "cost", "revenue", "customerId")' },
    { name: "CampaignEvent_type_occurredAt_idx", sql: 'CREATE INDEX "CampaignEvent_type_occurredAt_idx" ON "CampaignEvent"("type", "occurredAt")', inTimeOrder: true },
    { name: "CampaignEvent_customerId_campaignId_type_occurredAt_cost_revenue_idx", sql: 'CREATE INDEX "CampaignEvent_customerId_campaignId_type_occurredAt_cost_revenue_idx" ON "CampaignEvent"("customerId", "campaignId", "type", "occurredAt", "cost", "revenue")' },
  ],
};

/** Tables with fewer rows than this are loaded in bulk mode: rebuilding their indexes at the end is cheap. */
export const BULK_MODE_BELOW_ROWS = 100_000;

export function hasFewRows(db: Database.Database, table: BulkTable): boolean {
  const row = prepared(db, `SELECT count(*) AS n FROM (SELECT 1 FROM "${table}" LIMIT ${BULK_MODE_BELOW_ROWS})`).get() as { n: number };
  return row.n < BULK_MODE_BELOW_ROWS;
}

export function dropSecondaryIndexes(db: Database.Database, table: BulkTable): void {
  for (const { name } of SECONDARY_INDEXES[table]) db.exec(`DROP INDEX IF EXISTS "${name}"`);
}

/** Rows later than this share of a batch, and the file is not in time order. */
const LATE_SHARE = 0.02;

/**
 * During a bulk load, keeps the indexes a file in time order only appends to (`inTimeOrder`) up to date as
 * the rows go in, which costs less than building them at the end; put back as soon as the first batch shows
 * the file in time order, dropped again (for the end to build) as soon as a batch is not. Online Retail: 0.9 s
 * less at the end; the same file shuffled would have taken three times as long with them kept.
 */
export class TimeOrderedIndexes {
  private latest = "";
  private live = false;
  private decided = false;

  constructor(
    private readonly db: Database.Database,
    private readonly table: BulkTable,
  ) {}

  /** Looks at the stored times of the next rows to write (ISO text, so text order is time order). */
  observe(times: readonly (string | undefined)[]): void {
    if (this.decided || times.length === 0) return;
    let late = 0;
    for (const at of times) {
      if (at === undefined) continue;
      if (at < this.latest) late++;
      else this.latest = at;
    }
    const inOrder = late <= times.length * LATE_SHARE;
    const indexes = SECONDARY_INDEXES[this.table].filter((i) => i.inTimeOrder);
    if (inOrder && !this.live) {
      const present = new Set((prepared(this.db, `SELECT name FROM sqlite_master WHERE type='index'`).all() as { name: string }[]).map((r) => r.name));
      for (const i of indexes) if (!present.has(i.name)) this.db.exec(i.sql);
      this.live = true;
    } else if (!inOrder) {
      if (this.live) for (const i of indexes) this.db.exec(`DROP INDEX IF EXISTS "${i.name}"`);
      this.live = false;
      this.decided = true;
    }
  }
}

/**
 * Creates whichever secondary indexes are missing; returns their names. SQLite sorts an index's keys in
 * runs the size of the page cache and merges them: with a 2 MB cache and a helper thread, Online Retail's
 * four indexes took 1.8 s instead of 2.4 s with the connection's 32 MB (one big in-memory sort, which
 * misses the CPU caches far more).
 */
export function restoreIndexes(db: Database.Database): string[] {
  const present = new Set((prepared(db, `SELECT name FROM sqlite_master WHERE type='index'`).all() as { name: string }[]).map((r) => r.name));
  const missing = Object.values(SECONDARY_INDEXES).flat().filter((i) => !present.has(i.name));
  if (missing.length === 0) return [];
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  db.pragma("cache_size = -2000");
  db.pragma("threads = 2");
  try {
    for (const i of missing) db.exec(i.sql);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma("threads = 0");
  }
  return missing.map((i) => i.name);
}
