import { insertRows } from "./bulk-insert";
import { getDb } from "./client";
import { skipTake, type Page } from "./pagination";

export interface EventInput {
  customerId: number;
  productId?: number | null;
  type: string;
  quantity?: number;
  revenue?: number;
  rating?: number | null;
  orderId?: string | null;
  occurredAt: Date;
}

const EVENT_COLUMNS = ["customerId", "productId", "type", "quantity", "revenue", "rating", "orderId", "occurredAt"] as const;

export async function insertEvents(rows: readonly EventInput[]): Promise<number> {
  return insertRows("Event", EVENT_COLUMNS, rows.map((r) => [r.customerId, r.productId, r.type, r.quantity ?? 1, r.revenue ?? 0, r.rating, r.orderId, r.occurredAt]));
}

export interface EventRow {
  id: number;
  type: string;
  occurredAt: Date;
  quantity: number;
  revenue: number;
  rating: number | null;
  orderId: string | null;
  customer: { externalId: string; name: string | null };
  product: { externalId: string; name: string } | null;
}

/** Newest events first, optionally of one type; walks the occurredAt index backwards. */
export async function listRecentEvents(req: { page: number; pageSize: number; type?: string }): Promise<Page<EventRow>> {
  const db = getDb();
  const where = req.type ? { type: req.type } : {};
  const [rows, total] = await Promise.all([
    db.event.findMany({
      where,
      select: {
        id: true,
        type: true,
        occurredAt: true,
        quantity: true,
        revenue: true,
        rating: true,
        orderId: true,
        customer: { select: { externalId: true, name: true } },
        product: { select: { externalId: true, name: true } },
      },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      ...skipTake(req),
    }),
    db.event.count({ where }),
  ]);
  return { rows, total, page: req.page, pageSize: req.pageSize };
}

export async function listEventTypes(): Promise<{ type: string; count: number }[]> {
  const rows = await getDb().event.groupBy({ by: ["type"], _count: { _all: true } });
  return rows.map((r) => ({ type: r.type, count: r._count._all })).sort((a, b) => b.count - a.count);
}
