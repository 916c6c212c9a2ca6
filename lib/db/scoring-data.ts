// What response scoring reads, as typed columns: every campaign event of a known customer, every purchase
// line with its product's category, and each customer's own facts. On the raw driver for the reason
// attribution-data.ts gives (the largest reads of the app; objects per row through Prisma cost several
// times the query); rows are iterated, so only the typed columns stay.
import type { CustomerFacts } from "../analytics/scoring-features";
import { directDb } from "./direct";

export const RESPONSE_TYPES = ["impression", "click", "conversion"] as const;

export interface ResponseEvents {
  /** Database ids. */
  readonly customer: Int32Array;
  readonly campaign: Int32Array;
  readonly time: Float64Array;
  /** Index into RESPONSE_TYPES. */
  readonly type: Uint8Array;
}

const whoSql = (one: boolean, column = `"customerId"`) => (one ? `${column} = ?` : `${column} IS NOT NULL`);

/** Sorted by customer, campaign, then time; every known customer's, or one customer's. */
export async function loadResponseEvents(customerId?: number): Promise<ResponseEvents> {
  const db = directDb();
  const one = customerId !== undefined;
  const args = one ? [customerId] : [];
  const [count] = (await db.first<[number]>(`SELECT COUNT(*) FROM "CampaignEvent" WHERE ${whoSql(one)}`, args))!;
  const e = { customer: new Int32Array(count), campaign: new Int32Array(count), time: new Float64Array(count), type: new Uint8Array(count) };
  const sql = `SELECT "customerId", "campaignId", "occurredAt", "type" FROM "CampaignEvent" WHERE ${whoSql(one)} ORDER BY "customerId", "campaignId", "occurredAt"`;
  let n = 0;
  rows: for await (const batch of db.batches<[number, number, string, string]>(sql, args)) for (const [c, k, at, type] of batch) {
    if (n >= count) break rows; // rows added since the count: left for the next run
    const t = RESPONSE_TYPES.indexOf(type as (typeof RESPONSE_TYPES)[number]);
    if (t < 0) continue;
    e.customer[n] = c;
    e.campaign[n] = k;
    e.time[n] = Date.parse(at);
    e.type[n] = t;
    n++;
  }
  return { customer: e.customer.subarray(0, n), campaign: e.campaign.subarray(0, n), time: e.time.subarray(0, n), type: e.type.subarray(0, n) };
}

export interface PurchaseLines {
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly revenue: Float64Array;
  /** Index into `categories`; −1 for products without one. */
  readonly category: Int32Array;
  readonly categories: readonly string[];
}

/** Every purchase line of a known customer, sorted by customer then time: spend by category (orders come
 * from attribution-data.ts loadPurchases, one row per order). */
export async function loadPurchaseLines(customerId?: number): Promise<PurchaseLines> {
  const db = directDb();
  const one = customerId !== undefined;
  const args = one ? [customerId] : [];
  const [count] = (await db.first<[number]>(`SELECT COUNT(*) FROM "Event" WHERE "type" = 'purchase' AND ${whoSql(one)}`, args))!;
  const sql = `SELECT e."customerId", e."occurredAt", e."revenue", p."category" FROM "Event" e LEFT JOIN "Product" p ON p."id" = e."productId"
    WHERE e."type" = 'purchase' AND ${whoSql(one, `e."customerId"`)} ORDER BY e."customerId", e."occurredAt"`;
  const out = { customer: new Int32Array(count), time: new Float64Array(count), revenue: new Float64Array(count), category: new Int32Array(count) };
  const categories: string[] = [];
  const code = new Map<string, number>();
  let n = 0;
  rows: for await (const batch of db.batches<[number, string, number | null, string | null]>(sql, args)) for (const [c, at, revenue, category] of batch) {
    if (n >= count) break rows;
    out.customer[n] = c;
    out.time[n] = Date.parse(at);
    out.revenue[n] = revenue ?? 0;
    let k = category === null ? -1 : code.get(category);
    if (k === undefined) code.set(category!, (k = categories.push(category!) - 1));
    out.category[n] = k;
    n++;
  }
  return { customer: out.customer.subarray(0, n), time: out.time.subarray(0, n), revenue: out.revenue.subarray(0, n), category: out.category.subarray(0, n), categories };
}

export interface CustomerRecords extends CustomerFacts {
  readonly externalId: readonly string[];
}

export async function loadCustomerFacts(customerId?: number): Promise<CustomerRecords> {
  const one = customerId !== undefined;
  const rows = await directDb().rows<[number, string, number | null, number | null, string | null, string | null, string | null, string | null, unknown]>(
    `SELECT "id", "externalId", "age", "income", "signupAt", "gender", "education", "country", "attributes" FROM "Customer" ${one ? `WHERE "id" = ?` : ""} ORDER BY "id"`,
    one ? [customerId] : [],
  );
  const n = rows.length;
  const f = { ids: new Int32Array(n), age: new Float64Array(n), income: new Float64Array(n), signupAt: new Float64Array(n) };
  const text = (v: string | null) => (v === null || v.trim() === "" ? null : v);
  rows.forEach(([id, , age, income, signup], i) => {
    f.ids[i] = id;
    f.age[i] = age ?? NaN;
    f.income[i] = income ?? NaN;
    f.signupAt[i] = signup === null ? NaN : Date.parse(signup);
  });
  return {
    ...f,
    externalId: rows.map((r) => r[1]),
    gender: rows.map((r) => text(r[5])),
    education: rows.map((r) => text(r[6])),
    country: rows.map((r) => text(r[7])),
    attributes: rows.map((r) => parseAttributes(r[8])),
  };
}

/** SQLite gives the stored JSON text; PostgreSQL's jsonb arrives parsed. */
function parseAttributes(json: unknown): Record<string, unknown> | null {
  if (json === null || json === undefined) return null;
  try {
    const v: unknown = typeof json === "string" ? JSON.parse(json) : json;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The latest purchase or campaign event, as epoch ms; null in an empty shop. Both columns are indexed. */
export async function latestActivityAt(): Promise<number | null> {
  const db = directDb();
  const at = await Promise.all([`SELECT MAX("occurredAt") FROM "Event"`, `SELECT MAX("occurredAt") FROM "CampaignEvent"`].map(async (sql) => (await db.first<[string | null]>(sql))![0]));
  const ms = at.filter((v): v is string => v !== null).map((v) => Date.parse(v));
  return ms.length ? Math.max(...ms) : null;
}

/** How many customers there are: part of the key scoring's cached inputs are kept under (an erasure changes it). */
export async function countCustomers(): Promise<number> {
  return (await directDb().first<[number]>(`SELECT COUNT(*) FROM "Customer"`))![0];
}
