// Each customer's purchase history in one aggregate, the input of RFM and customer features. Read on the
// direct connection into typed arrays: 100,000 customers come back as a few columns of numbers, not
// 100,000 objects.
import type { History } from "../ml/customer-features";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";

/** The history lib/ml's customer features take, with the database id of each customer. */
export interface PurchaseHistory extends History {
  /** Database ids of the customers with at least one purchase before `asOf` (the day after the latest purchase when not given). */
  customerId: Int32Array;
}

const DAY = 86_400_000;

/** The latest purchase time, or null when there is none. */
export function latestPurchaseAt(): number | null {
  const row = prepared(bulkConnection(), `SELECT max("occurredAt") AS at FROM "Event" WHERE "type"='purchase'`).get() as { at: string | null };
  return row.at ? Date.parse(row.at) : null;
}

export function loadPurchaseHistory(asOf?: number): PurchaseHistory {
  const end = asOf ?? (Math.floor((latestPurchaseAt() ?? Date.now()) / DAY) + 1) * DAY;
  const sql = `SELECT "customerId" AS c, min("occurredAt") AS f, max("occurredAt") AS l,
      count(DISTINCT coalesce("orderId", "occurredAt")) AS o, sum("revenue") AS r
    FROM "Event" WHERE "type"='purchase' AND "customerId" IS NOT NULL AND "occurredAt" < ?
    GROUP BY "customerId" ORDER BY "customerId"`;
  const rows = prepared(bulkConnection(), sql).raw().all(storedDate(new Date(end))) as [number, string, string, number, number][];
  const n = rows.length;
  const h: PurchaseHistory = { customerId: new Int32Array(n), firstAt: new Float64Array(n), lastAt: new Float64Array(n), orders: new Float64Array(n), revenue: new Float64Array(n), asOf: end };
  rows.forEach(([c, f, l, o, r], i) => {
    h.customerId[i] = c;
    h.firstAt[i] = Date.parse(f);
    h.lastAt[i] = Date.parse(l);
    h.orders[i] = o;
    h.revenue[i] = r;
  });
  return h;
}

/**
 * Changes whenever events or customers are added or the tables are emptied and filled again: the key for
 * caching what is computed from the whole purchase history. Only id ends (instant on the primary keys);
 * a count would read a whole index.
 */
export function purchaseDataStamp(): string {
  const r = prepared(
    bulkConnection(),
    // An import's last steps (customer updates, the purchase summary) land after its last new id, so its
    // end time counts too.
    `SELECT (SELECT min("id") FROM "Event") AS a, (SELECT max("id") FROM "Event") AS b, (SELECT max("id") FROM "Customer") AS c, (SELECT max("jobId") FROM "Import") AS j, (SELECT max("finishedAt") FROM "Job" WHERE "kind" = 'import') AS f`,
  ).get() as Record<"a" | "b" | "c" | "j" | "f", number | string | null>;
  return `${r.a ?? 0}:${r.b ?? 0}:${r.c ?? 0}:${r.j ?? 0}:${r.f ?? ""}`;
}
