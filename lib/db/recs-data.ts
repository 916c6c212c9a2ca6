// What recommenders learn from, read into typed arrays: every customer–product event of the weighted
// types, and the catalogue. Dense indices follow ascending database ids; the returned id arrays map them
// back. At 2,000,000 events this is a few columns of numbers, not millions of objects.
import type { EventRows } from "../ml/recs/interactions";
import { getDb } from "./client";
import { directDb } from "./direct";
import { num } from "./sql";
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

export async function loadCatalogue(): Promise<Catalogue> {
  const rows = await getDb().product.findMany({
    select: { id: true, externalId: true, name: true, description: true, category: true, price: true, isActive: true },
    orderBy: { id: "asc" },
  });
  return {
    productIds: Int32Array.from(rows, (r) => r.id),
    externalIds: rows.map((r) => r.externalId),
    names: rows.map((r) => r.name),
    descriptions: rows.map((r) => r.description),
    categories: rows.map((r) => r.category),
    prices: Float64Array.from(rows, (r) => r.price ?? Number.NaN),
    isActive: Uint8Array.from(rows, (r) => (r.isActive ? 1 : 0)),
  };
}

/**
 * Events of the given types with both a customer and a product, optionally only those before `before`.
 *
 * One of the reads on the direct connection (direct.ts; purchase-history.ts loadPurchaseHistory is another),
 * because it is measured to matter: at 2,000,000 events (1,970,000 counted; seeded, 2 shared cores) the
 * rows stream from better-sqlite3's iterate() into the typed arrays in 23–31 s at 0.22 GB of memory, while
 * Prisma's $queryRaw, which has no cursor, holds every row as an object first: 19–22 s for the main
 * query alone, at 2.1 GB. Paging it by id (ORDER BY "id" LIMIT) is no way out: SQLite then reads the type
 * index and sorts for every page. Most of the time is the query itself (the type index, then a table
 * lookup per row), the same on either path.
 */
export async function loadRecsDataset(types: readonly string[], before?: number): Promise<RecsDataset> {
  const catalogue = await loadCatalogue();
  const itemOf = new Map<number, number>();
  catalogue.productIds.forEach((id, i) => itemOf.set(id, i));
  const db = directDb();
  const typeList = types.map(() => "?").join(",");
  const timeCut = before === undefined ? "" : `AND "occurredAt" < ?`;
  const params = [...types, ...(before === undefined ? [] : [new Date(before)])];
  const customers = await db.rows<[number]>(`SELECT DISTINCT "customerId" FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut} ORDER BY 1`, params);
  const customerIds = Int32Array.from(customers, (r) => r[0]);
  const userOf = new Map<number, number>();
  customerIds.forEach((id, i) => userOf.set(id, i));
  const [count] = (await db.first<[number]>(`SELECT count(*) FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut}`, params))!;
  const events: EventRows = { user: new Int32Array(count), item: new Int32Array(count), type: new Uint8Array(count), time: new Float64Array(count), rating: new Float32Array(count), types };
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  let n = 0;
  let last = 0;
  let lastText = "";
  let lastMs = 0;
  const sql = `SELECT "customerId", "productId", "type", "occurredAt", "rating" FROM "Event" WHERE "customerId" IS NOT NULL AND "productId" IS NOT NULL AND "type" IN (${typeList}) ${timeCut}`;
  for await (const batch of db.batches<[number, number, string, string, number | null]>(sql, params)) for (const [c, p, type, at, rating] of batch) {
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
export async function catalogueStamp(): Promise<string> {
  const r = await getDb().product.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } });
  return `${r._count._all}:${r._max.updatedAt?.toISOString() ?? ""}:${r._max.id ?? 0}`;
}

/** Every product the customer has bought, as of now (the models' history may predate recent imports). */
export async function listPurchasedProductIds(customerId: number): Promise<number[]> {
  // The customer's own rows first (the (customerId, occurredAt) index), then the type: without statistics
  // SQLite would otherwise walk the covering type index over every purchase in the shop.
  const rows = await getDb().$queryRaw<{ p: number | bigint }[]>`WITH mine AS MATERIALIZED (SELECT "productId", "type" FROM "Event" WHERE "customerId" = ${customerId})
    SELECT DISTINCT "productId" AS p FROM mine WHERE "type" = 'purchase' AND "productId" IS NOT NULL`;
  return rows.map((r) => num(r.p));
}

export interface ProfileFields {
  country: string | null;
  gender: string | null;
  education: string | null;
  age: number | null;
  birthYear: number | null;
  attributes: Record<string, string | number | boolean | null>;
}

const PROFILE_SELECT = { id: true, country: true, gender: true, education: true, age: true, birthYear: true, attributes: true } as const;

function toFields(r: { country: string | null; gender: string | null; education: string | null; age: number | null; birthYear: number | null; attributes: unknown }): ProfileFields {
  // The stored attributes' one schema: flat values as they are, anything nested as its JSON text.
  const attributes = readAttributes(r.attributes);
  return { country: r.country, gender: r.gender, education: r.education, age: r.age, birthYear: r.birthYear, attributes };
}

const EMPTY = { country: null, gender: null, education: null, age: null, birthYear: null, attributes: null };

/**
 * Calls `each(i, fields)` for every customer of `customerIds` (ascending ids), in order; a missing customer
 * gets empty fields. The customers are read in batches on the direct connection and merged with the ids,
 * so a million of them are never held at once (as Prisma objects they were over a gigabyte at training).
 */
export async function forEachProfile(customerIds: Int32Array, each: (i: number, fields: ProfileFields) => void): Promise<void> {
  let i = 0;
  const sql = `SELECT "id", "country", "gender", "education", "age", "birthYear", "attributes" FROM "Customer" ORDER BY "id"`;
  for await (const batch of directDb().batches<[number, string | null, string | null, string | null, number | null, number | null, string | null]>(sql)) {
    for (const [id, country, gender, education, age, birthYear, attributes] of batch) {
      while (i < customerIds.length && customerIds[i]! < id) each(i++, toFields(EMPTY));
      if (i < customerIds.length && customerIds[i] === id) each(i++, toFields({ country, gender, education, age, birthYear, attributes: attributes === null ? null : parseJson(attributes) }));
    }
  }
  while (i < customerIds.length) each(i++, toFields(EMPTY));
}

/** Stored JSON text as a value; a damaged text reads as no attributes (readAttributes' rule for any bad shape). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function loadCustomerProfileFields(customerId: number): Promise<ProfileFields | null> {
  const r = await getDb().customer.findUnique({ where: { id: customerId }, select: PROFILE_SELECT });
  return r ? toFields(r) : null;
}
