// Each customer's purchase history in one aggregate, the input of RFM and customer features, read into
// typed arrays: 100,000 customers come back as a few columns of numbers.
import { DAY_MS } from "../days";
import type { History } from "../ml/customer-features";
import { getDb } from "./client";
import { directDb } from "./direct";
import { orderKeySql } from "./order-key";
import { epochMs, num } from "./sql";

/** The history lib/ml's customer features take, with the database id of each customer. */
export interface PurchaseHistory extends History {
  /** Database ids of the customers with at least one purchase before `asOf` (the day after the latest purchase when not given). */
  customerId: Int32Array;
}


/** The latest purchase time, or null when there is none. */
export async function latestPurchaseAt(): Promise<number | null> {
  const r = await getDb().event.aggregate({ where: { type: "purchase" }, _max: { occurredAt: true } });
  return r._max.occurredAt?.getTime() ?? null;
}

const HISTORY_SQL = `SELECT "customerId", min("occurredAt"), max("occurredAt"), count(DISTINCT ${orderKeySql()}), sum("revenue")
  FROM "Event" WHERE "type" = 'purchase' AND "customerId" IS NOT NULL AND "occurredAt" < ?
  GROUP BY "customerId" ORDER BY "customerId"`;

/**
 * One of the reads on the direct connection (direct.ts; recs-data.ts loadRecsDataset is another), because it is
 * measured to matter: at 100,000 customers and 2,000,000 events (seeded, 2 shared cores) this query took
 * 0.53–0.75 s as arrays from better-sqlite3 and 2.3–2.6 s through Prisma's $queryRaw, which builds an
 * object per row and converts every value. RFM, clustering and training all start here.
 */
export async function loadPurchaseHistory(asOf?: number): Promise<PurchaseHistory> {
  const end = asOf ?? (Math.floor(((await latestPurchaseAt()) ?? Date.now()) / DAY_MS) + 1) * DAY_MS;
  const rows = await directDb().rows<[number, string, string, number, number]>(HISTORY_SQL, [new Date(end)]);
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
 * Changes whenever events or customers are added, a customer is erased, or the tables are emptied and
 * filled again: the key for caching what is computed from the whole purchase history (data-cache.ts). Only
 * id ends (instant on the primary keys) and the small suppression list; a count of events would read a
 * whole index.
 */
export async function purchaseDataStamp(): Promise<string> {
  // An import's last steps (customer updates, the purchase summary) land after its last new id, so its
  // end time counts too.
  const [r] = await getDb().$queryRaw<[Record<"a" | "b" | "c" | "j" | "f" | "e", unknown>]>`SELECT (SELECT min("id") FROM "Event") AS a, (SELECT max("id") FROM "Event") AS b,
    (SELECT max("id") FROM "Customer") AS c, (SELECT max("jobId") FROM "Import") AS j, (SELECT max("finishedAt") FROM "Job" WHERE "kind" = 'import') AS f,
    (SELECT count(*) FROM "SuppressedCustomer") AS e`;
  return `${num(r.a)}:${num(r.b)}:${num(r.c)}:${num(r.j)}:${epochMs(r.f) ?? ""}:${num(r.e)}`;
}
