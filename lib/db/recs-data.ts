// What recommenders learn from, read straight into typed arrays: every customer–product event of the
// weighted types, and the catalogue. Dense indices follow ascending database ids; the returned id arrays
// map them back. At 2,000,000 events this is a few columns of numbers, not millions of objects.
import type { EventRows } from "../ml/recs/interactions";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";
import { readAttributes } from "./stored-attributes";

export interface Catalogue {
  /** Dense item index → Product.id, ascending. */
  productIds: Int32Array;
  externalIds: string[];
  names: string[];
  descriptions: (string | null)[];
  categories: (string | null)[];
  prices: Float64Array;
  isActive: Uint8Array;
}

export interface RecsDataset {
  /** Dense user index → Customer.id, ascending: customers with at least one counted event. */
  customerIds: Int32Array;
  catalogue: Catalogue;
  events: EventRows;
  /** Latest event time, epoch ms (0 when there are none). */
  lastEventAt: number;
}

export function loadCatalogue(): Catalogue {
  const rows = prepared(bulkConnection(), `SELECT "id", "externalId", "name", "description", "category", "price", "isActive" FROM "Product" ORDER BY "id"`).raw().all() as [number, string, string, string | null, string | null, number | null, number][];
  return {
    productIds: Int32Array.from(rows, (r) => r[0]),
    externalIds: rows.map((r) => r[1]),
    names: rows.map((r) => r[2]),
    descriptions: rows.map((r) => r[3]),
    categories: rows.map((r) => r[4]),
    prices: Float64Array.from(rows, (r) => r[5] ?? Number.NaN),
    isActive: Uint8Array.from(rows, (r) => (r[6] ? 1 : 0)),
  };
}

/** Events of the given types with both a customer and a product, optionally only those before `before`. */
export function loadRecsDataset(types: readonly string[], before?: number): RecsDataset {
  const catalogue = loadCatalogue();
  const itemOf = new Map<number, number>();
  catalogue.productIds.forEach((id, i) => itemOf.set(id, i));
  const db = bulkConnection();
  const typeList = types.map(() => "?").join(",");
  const timeCut = before === undefined ? "" : `AND "occurredAt" < ?`;
  const params: unknown[] = [...types, ...(before === undefined ? [] : [storedDate(new Date(before))])];
  const customers = prepared(db, `SELECT DISTINCT "customerId" FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut} ORDER BY 1`).raw().all(...params) as [number][];
  const customerIds = Int32Array.from(customers, (r) => r[0]);
  const userOf = new Map<number, number>();
  customerIds.forEach((id, i) => userOf.set(id, i));
  const count = (prepared(db, `SELECT count(*) FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut}`).raw().get(...params) as [number])[0];
  const events: EventRows = { user: new Int32Array(count), item: new Int32Array(count), type: new Uint8Array(count), time: new Float64Array(count), rating: new Float32Array(count), types };
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  let n = 0;
  let last = 0;
  let lastText = "";
  let lastMs = 0;
  const sql = `SELECT "customerId", "productId", "type", "occurredAt", "rating" FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut}`;
  for (const [c, p, type, at, rating] of prepared(db, sql).raw().iterate(...params) as Iterable<[number, number, string, string, number | null]>) {
    const item = itemOf.get(p);
    const user = userOf.get(c);
    // A row written between the queries (an import from another process) is left for the next training.
    if (item === undefined || user === undefined || n >= count) continue;
    // Timestamps repeat across an order's lines: parse each distinct text once in a row.
    if (at !== lastText) {
      lastText = at;
      lastMs = Date.parse(at);
    }
    events.user[n] = user;
    events.item[n] = item;
    events.type[n] = typeIndex.get(type)!;
    events.time[n] = lastMs;
    events.rating[n] = rating ?? Number.NaN;
    if (lastMs > last) last = lastMs;
    n++;
  }
  const trim = <A extends { subarray(a: number, b: number): A }>(a: A) => a.subarray(0, n);
  return {
    customerIds,
    catalogue,
    events: { user: trim(events.user), item: trim(events.item), type: trim(events.type), time: trim(events.time), rating: trim(events.rating), types },
    lastEventAt: last,
  };
}

/** Changes whenever a product is added, removed or edited: when a cached catalogue must be read again. */
export function catalogueStamp(): string {
  const r = prepared(bulkConnection(), `SELECT count(*) AS n, max("updatedAt") AS at, max("id") AS id FROM "Product"`).get() as { n: number; at: string | null; id: number | null };
  return `${r.n}:${r.at ?? ""}:${r.id ?? 0}`;
}

/** Every product the customer has bought, as of now (the models' history may predate recent imports). */
export function listPurchasedProductIds(customerId: number): number[] {
  // The customer's own rows first (the (customerId, occurredAt) index), then the type: without statistics
  // SQLite would otherwise walk the covering type index over every purchase in the shop.
  const sql = `WITH mine AS MATERIALIZED (SELECT "productId", "type" FROM "Event" WHERE "customerId" = ?)
    SELECT DISTINCT "productId" FROM mine WHERE "type" = 'purchase' AND "productId" IS NOT NULL`;
  return (prepared(bulkConnection(), sql).raw().all(customerId) as [number][]).map((r) => r[0]);
}

export interface ProfileFields {
  country: string | null;
  gender: string | null;
  education: string | null;
  age: number | null;
  birthYear: number | null;
  attributes: Record<string, string | number | boolean | null>;
}

function toFields(r: { country: string | null; gender: string | null; education: string | null; age: number | null; birthYear: number | null; attributes: string | null }): ProfileFields {
  let attributes: ProfileFields["attributes"] = {};
  try {
    attributes = readAttributes(r.attributes ? JSON.parse(r.attributes) : null);
  } catch {
    // An attribute column that is not JSON contributes nothing to the profile.
  }
  return { country: r.country, gender: r.gender, education: r.education, age: r.age, birthYear: r.birthYear, attributes };
}

const PROFILE_COLUMNS = `"id", "country", "gender", "education", "age", "birthYear", "attributes"`;

/** Profile fields of the given customers (ascending ids), aligned with them; missing customers get empty fields. */
export function loadProfileFields(customerIds: Int32Array): ProfileFields[] {
  const rows = prepared(bulkConnection(), `SELECT ${PROFILE_COLUMNS} FROM "Customer" ORDER BY "id"`).all() as ({ id: number } & Parameters<typeof toFields>[0])[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const empty = { country: null, gender: null, education: null, age: null, birthYear: null, attributes: null };
  return Array.from(customerIds, (id) => toFields(byId.get(id) ?? empty));
}

export function loadCustomerProfileFields(customerId: number): ProfileFields | null {
  const r = prepared(bulkConnection(), `SELECT ${PROFILE_COLUMNS} FROM "Customer" WHERE "id" = ?`).get(customerId) as Parameters<typeof toFields>[0] | undefined;
  return r ? toFields(r) : null;
}
