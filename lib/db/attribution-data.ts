// The inputs of multi-touch attribution as typed columns: every campaign touch of a known customer and
// every purchase of a known customer, each sorted by customer then time.
import type { Purchases, Touches } from "../analytics/attribution";
import { directDb } from "./direct";
import { orderKeySql } from "./order-key";

const touchesSql = (withImpressions: boolean) => `SELECT "customerId", "occurredAt", "campaignId", "type" FROM "CampaignEvent"
  WHERE "customerId" IS NOT NULL AND "type" IN (${withImpressions ? "'click', 'impression'" : "'click'"}) ORDER BY "customerId", "occurredAt"`;

// One purchase per order, not per order line: an order of three lines is one conversion to credit (the
// funnel counts orders the same way). Lines without an order id are orders of their own time.
const purchasesSql = (one: boolean) => `SELECT "customerId", MIN("occurredAt") AS at, SUM("revenue") FROM "Event"
  WHERE "type" = 'purchase' AND ${one ? `"customerId" = ?` : `"customerId" IS NOT NULL`} GROUP BY "customerId", ${orderKeySql()} ORDER BY "customerId", at`;
const ordersCountSql = (one: boolean) => `SELECT COUNT(*) FROM (SELECT 1 FROM "Event" WHERE "type" = 'purchase' AND ${one ? `"customerId" = ?` : `"customerId" IS NOT NULL`} GROUP BY "customerId", ${orderKeySql()}) AS orders`;

/**
 * On the raw driver, as loadPurchaseHistory, for the same measured reason: these are the two largest
 * reads of the app (every click and impression, every purchase), and objects per row through Prisma cost
 * several times the query itself. Rows are iterated, not collected, so only the typed columns stay.
 * Customer ids are the database ids (attribution only compares them); campaigns are mapped to dense
 * indices by `campaignIndex`.
 */
export async function loadTouches(withImpressions: boolean, campaignIndex: ReadonlyMap<number, number>): Promise<Touches> {
  const db = directDb();
  const [count] = (await db.first<[number]>(`SELECT COUNT(*) FROM "CampaignEvent" WHERE "customerId" IS NOT NULL AND "type" IN (${withImpressions ? "'click', 'impression'" : "'click'"})`))!;
  const t: Touches = { customer: new Int32Array(count), time: new Float64Array(count), campaign: new Int32Array(count), isClick: new Uint8Array(count) };
  let n = 0;
  rows: for await (const batch of db.batches<[number, string, number, string]>(touchesSql(withImpressions))) for (const row of batch) {
    if (n >= count) break rows; // rows added since the count: left for the next run
    const k = campaignIndex.get(row[2]);
    if (k === undefined) continue;
    t.customer[n] = row[0];
    t.time[n] = Date.parse(row[1]);
    t.campaign[n] = k;
    t.isClick[n] = row[3] === "click" ? 1 : 0;
    n++;
  }
  return n === count ? t : { customer: t.customer.subarray(0, n), time: t.time.subarray(0, n), campaign: t.campaign.subarray(0, n), isClick: t.isClick.subarray(0, n) };
}

/** Every order of a known customer (or of one customer), one row per order. */
export async function loadPurchases(customerId?: number): Promise<Purchases> {
  const db = directDb();
  const one = customerId !== undefined;
  const args = one ? [customerId] : [];
  const [count] = (await db.first<[number]>(ordersCountSql(one), args))!;
  const p: Purchases = { customer: new Int32Array(count), time: new Float64Array(count), revenue: new Float64Array(count) };
  let n = 0;
  rows: for await (const batch of db.batches<[number, string, number]>(purchasesSql(one), args)) for (const row of batch) {
    if (n >= count) break rows;
    p.customer[n] = row[0];
    p.time[n] = Date.parse(row[1]);
    p.revenue[n] = row[2];
    n++;
  }
  return n === count ? p : { customer: p.customer.subarray(0, n), time: p.time.subarray(0, n), revenue: p.revenue.subarray(0, n) };
}

/** Clicks of known customers and purchase lines: what decides whether attribution can run while a page loads. */
export async function countAttributionInputs(): Promise<{ clicks: number; purchaseLines: number }> {
  const db = directDb();
  const [clicks] = (await db.first<[number]>(`SELECT COUNT(*) FROM "CampaignEvent" WHERE "type" = 'click' AND "customerId" IS NOT NULL`))!;
  const [purchaseLines] = (await db.first<[number]>(`SELECT COUNT(*) FROM "Event" WHERE "type" = 'purchase'`))!;
  return { clicks, purchaseLines };
}
