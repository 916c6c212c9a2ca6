import { directDb } from "./direct";
import { getDb } from "./client";
import { whileUnchanged } from "./data-cache";
import { purchaseDataStamp } from "./purchase-history";
import { catalogueStamp } from "./recs-data";
import { orderBy as orderFor, skipTake, type Page, type PageRequest } from "./pagination";
import { num, Prisma } from "./sql";
import type { TimeRange } from "./date-range";
import { readAttributes, type StoredAttributes } from "./stored-attributes";

export interface ProductInput {
  externalId: string;
  name: string;
  description?: string | null;
  category?: string | null;
  price?: number | null;
  isActive?: boolean;
}

const PRODUCT_COLUMNS = ["externalId", "name", "description", "category", "price", "isActive", "createdAt", "updatedAt"] as const;

export async function insertProducts(rows: readonly ProductInput[]): Promise<number> {
  const now = new Date();
  return directDb().insertRows("Product", PRODUCT_COLUMNS, rows.map((r) => [r.externalId, r.name, r.description, r.category, r.price, r.isActive ?? true, now, now]));
}

export async function getProductIdsByExternalId(): Promise<Map<string, number>> {
  const rows = await getDb().product.findMany({ select: { id: true, externalId: true } });
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

export const PRODUCT_SORTS = ["externalId", "name", "category", "price"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductRow {
  id: number;
  externalId: string;
  name: string;
  category: string | null;
  price: number | null;
  isActive: boolean;
}

export async function listProducts(req: PageRequest<ProductSort> & { category?: string }): Promise<Page<ProductRow>> {
  const db = getDb();
  const term = req.q?.trim();
  const where = {
    ...(req.category ? { category: req.category } : {}),
    ...(term ? { OR: [{ externalId: { contains: term } }, { name: { contains: term } }, { description: { contains: term } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.product.findMany({
      where,
      select: { id: true, externalId: true, name: true, category: true, price: true, isActive: true },
      orderBy: [orderFor(req.sort, req.dir, ["category", "price"]), { id: "asc" }],
      ...skipTake(req),
    }),
    db.product.count({ where }),
  ]);
  return { rows, total, page: req.page, pageSize: req.pageSize };
}

export async function listCategories(): Promise<{ category: string; products: number }[]> {
  const rows = await getDb().product.groupBy({ by: ["category"], _count: { _all: true }, orderBy: { category: "asc" } });
  return rows.filter((r) => r.category !== null).map((r) => ({ category: r.category as string, products: r._count._all }));
}

export interface ProductSales {
  productId: number;
  purchases: number;
  units: number;
  revenue: number;
  buyers: number;
}

/** Sales of a page of products (index seeks on productId). */
export async function getProductSales(productIds: readonly number[]): Promise<Map<number, ProductSales>> {
  if (productIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<Record<string, unknown>[]>`
    SELECT "productId", COUNT(*) AS purchases, SUM("quantity") AS units, SUM("revenue") AS revenue, COUNT(DISTINCT "customerId") AS buyers
    FROM "Event" WHERE "productId" IN (${Prisma.join([...productIds])}) AND "type" = 'purchase'
    GROUP BY "productId"`;
  return new Map(rows.map((r) => [num(r.productId), toSales(r)]));
}

/**
 * Every product's sales, for the products table: one pass over all purchases (seconds at ten million
 * events), kept until events or products change, where a page of popular products read row by row took
 * longer on every view.
 */
export async function getCatalogueSales(): Promise<ReadonlyMap<number, ProductSales>> {
  return whileUnchanged("catalogue sales", [purchaseDataStamp, catalogueStamp], async () => {
    const rows = await getDb().$queryRaw<Record<string, unknown>[]>`
      SELECT "productId", COUNT(*) AS purchases, SUM("quantity") AS units, SUM("revenue") AS revenue, COUNT(DISTINCT "customerId") AS buyers
      FROM "Event" WHERE "type" = 'purchase' AND "productId" IS NOT NULL GROUP BY "productId"`;
    return new Map(rows.map((r) => [num(r.productId), toSales(r)]));
  });
}

function toSales(r: Record<string, unknown>): ProductSales {
  return { productId: num(r.productId), purchases: num(r.purchases), units: num(r.units), revenue: num(r.revenue), buyers: num(r.buyers) };
}

export interface BestSeller extends ProductSales {
  name: string;
  category: string | null;
  price: number | null;
}

/** The most-bought products in a time range: what a popularity recommender would show everyone. */
export async function listBestSellers(range: TimeRange, limit: number): Promise<BestSeller[]> {
  const db = getDb();
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "productId", COUNT(*) AS purchases, SUM("quantity") AS units, SUM("revenue") AS revenue, COUNT(DISTINCT "customerId") AS buyers
    FROM "Event"
    WHERE "type" = 'purchase' AND "productId" IS NOT NULL AND "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to}
    GROUP BY "productId" ORDER BY buyers DESC, revenue DESC LIMIT ${limit}`;
  const sales = rows.map(toSales);
  const products = await db.product.findMany({
    where: { id: { in: sales.map((s) => s.productId) } },
    select: { id: true, name: true, category: true, price: true },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return sales.map((s) => ({ ...s, name: byId.get(s.productId)?.name ?? "(deleted product)", category: byId.get(s.productId)?.category ?? null, price: byId.get(s.productId)?.price ?? null }));
}

export interface ProductDetail extends ProductRow {
  description: string | null;
  attributes: StoredAttributes;
}

export async function getProduct(id: number): Promise<ProductDetail | null> {
  const p = await getDb().product.findUnique({ where: { id }, select: { id: true, externalId: true, name: true, description: true, category: true, price: true, isActive: true, attributes: true } });
  return p && { ...p, attributes: readAttributes(p.attributes) };
}
