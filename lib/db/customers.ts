import { directDb } from "./direct";
import { blindIndex, isPiiEncryptionOn, revealRow, sealPii } from "../auth/pii-crypto";
import { whileUnchanged } from "./data-cache";
import { purchaseDataStamp } from "./purchase-history";
import { getDb } from "./client";
import type { Prisma as PrismaTypes } from "./generated/client";
import { num, Prisma } from "./sql";
import { orderBy as orderFor, skipTake, type Page, type PageRequest } from "./pagination";

export interface CustomerInput {
  externalId: string;
  email?: string | null;
  name?: string | null;
  gender?: string | null;
  age?: number | null;
  birthYear?: number | null;
  income?: number | null;
  education?: string | null;
  country?: string | null;
  city?: string | null;
  signupAt?: Date | null;
  attributes?: Record<string, string | number | boolean | null> | null;
}

const CUSTOMER_COLUMNS = ["externalId", "email", "emailIndex", "name", "nameIndex", "gender", "age", "birthYear", "income", "education", "country", "city", "signupAt", "attributes", "createdAt", "updatedAt"] as const;

/** Inserts new customers in one transaction (all or none). */
export async function insertCustomers(rows: readonly CustomerInput[]): Promise<number> {
  const now = new Date();
  return directDb().insertRows("Customer", CUSTOMER_COLUMNS, rows.map((r) => {
    const email = sealPii("email", r.email ?? null);
    const name = sealPii("name", r.name ?? null);
    return [r.externalId, email.stored, email.index, name.stored, name.index, r.gender, r.age, r.birthYear, r.income, r.education, r.country, r.city, r.signupAt, r.attributes, now, now];
  }));
}

/** externalId → database id for every customer (100,000 customers is about 5 MB of map). */
/** Every customer's id by external id, read in batches: a million customers as Prisma objects would take a gigabyte. */
export async function getCustomerIdsByExternalId(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const batch of directDb().batches<[number, string]>(`SELECT "id", "externalId" FROM "Customer"`)) for (const [id, externalId] of batch) out.set(externalId, id);
  return out;
}

export const CUSTOMER_SORTS = ["externalId", "name", "signupAt", "age", "income", "country"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerRow {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
  gender: string | null;
  age: number | null;
  income: number | null;
  country: string | null;
  city: string | null;
  signupAt: Date | null;
}

export interface CustomerActivity {
  orders: number;
  revenue: number;
  lastPurchaseAt: Date | null;
}

// Name and email are searched only for those who may read them: otherwise the search would tell a viewer
// whose address is in the shop.
function customerSearch(q: string | undefined, searchPii: boolean): PrismaTypes.CustomerWhereInput {
  const term = q?.trim();
  if (!term) return {};
  // Encrypted email and name (MARKETLENS_ENCRYPT_PII) match by their index: the whole value, any case.
  const sealed = isPiiEncryptionOn();
  const pii = !searchPii ? [] : sealed ? [{ nameIndex: blindIndex("name", term) }, { emailIndex: blindIndex("email", term) }] : [{ name: { contains: term } }, { email: { contains: term } }];
  return { OR: [{ externalId: { contains: term } }, ...pii, { city: { contains: term } }, { country: { contains: term } }] };
}

export async function listCustomers(req: PageRequest<CustomerSort> & { searchPii?: boolean }): Promise<Page<CustomerRow>> {
  const db = getDb();
  const where = customerSearch(req.q, req.searchPii ?? true);
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      select: { id: true, externalId: true, name: true, email: true, gender: true, age: true, income: true, country: true, city: true, signupAt: true },
      orderBy: [orderFor(req.sort, req.dir, ["name", "signupAt", "age", "income", "country"]), { id: "asc" }],
      ...skipTake(req),
    }),
    db.customer.count({ where }),
  ]);
  return { rows: rows.map(revealRow), total, page: req.page, pageSize: req.pageSize };
}

/** Orders, revenue and last purchase for a page of customers (index seeks, never a full scan). */
export async function getCustomerActivity(customerIds: readonly number[]): Promise<Map<number, CustomerActivity>> {
  if (customerIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ customerId: unknown; orders: unknown; revenue: unknown; last: string | null }[]>`
    SELECT "customerId", COUNT(DISTINCT "orderId") AS orders, SUM("revenue") AS revenue, MAX("occurredAt") AS last
    FROM "Event"
    WHERE "customerId" IN (${Prisma.join([...customerIds])}) AND "type" = 'purchase'
    GROUP BY "customerId"`;
  return new Map(
    rows.map((r) => [num(r.customerId), { orders: num(r.orders), revenue: num(r.revenue), lastPurchaseAt: r.last ? new Date(r.last) : null }]),
  );
}

export interface Breakdown {
  value: string | null;
  count: number;
}

export type CustomerDimension = "country" | "gender" | "education";

/** Customers per value of `dimension`, most first; kept until customers change (a full scan at a million). */
export async function countCustomersBy(dimension: CustomerDimension): Promise<Breakdown[]> {
  return whileUnchanged(`customers by ${dimension}`, [purchaseDataStamp], async () => {
    const rows = await getDb().customer.groupBy({ by: [dimension], _count: { _all: true } });
    return rows
      .map((r) => ({ value: (r as Record<CustomerDimension, string | null>)[dimension], count: r._count._all }))
      .sort((a, b) => b.count - a.count);
  });
}
