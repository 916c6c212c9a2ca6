import { getDb } from "./client";
import type { TimeRange } from "./date-range";
import { countEventsByType } from "./events";
import { num, Prisma, utcDay } from "./sql";

export interface DataSpan {
  first: Date | null;
  last: Date | null;
}

/** First and last event time, from the occurredAt index ends (two index seeks, not a scan). */
export async function getEventSpan(): Promise<DataSpan> {
  const db = getDb();
  const [first, last] = await Promise.all([
    db.event.findFirst({ select: { occurredAt: true }, orderBy: { occurredAt: "asc" } }),
    db.event.findFirst({ select: { occurredAt: true }, orderBy: { occurredAt: "desc" } }),
  ]);
  return { first: first?.occurredAt ?? null, last: last?.occurredAt ?? null };
}

/** Counts for a range; sales totals come from {@link getDailySales}, which the chart needs anyway. */
export interface OverviewKpis {
  customers: number;
  newCustomers: number;
  products: number;
  activeProducts: number;
  campaigns: number;
  events: number;
  eventsByType: { type: string; count: number }[];
  impressions: number;
  clicks: number;
  conversions: number;
}

export async function getOverviewKpis(range: TimeRange): Promise<OverviewKpis> {
  const db = getDb();
  const inRange = { gte: range.from, lt: range.to };
  const [customers, newCustomers, products, activeProducts, campaigns, eventsByType, campaignCounts, daily] = await Promise.all([
    db.customer.count(),
    db.customer.count({ where: { signupAt: inRange } }),
    db.product.count(),
    db.product.count({ where: { isActive: true } }),
    db.campaign.count(),
    countEventsByType(range),
    db.campaignEvent.groupBy({ by: ["type"], where: { occurredAt: inRange }, _count: { _all: true } }),
    db.campaignDailyStat.aggregate({ where: { date: inRange }, _sum: { impressions: true, clicks: true, conversions: true } }),
  ]);
  const campaignCount = (t: string) => campaignCounts.find((r) => r.type === t)?._count._all ?? 0;
  return {
    customers,
    newCustomers,
    products,
    activeProducts,
    campaigns,
    events: eventsByType.reduce((a, r) => a + r.count, 0),
    eventsByType,
    impressions: campaignCount("impression") + (daily._sum.impressions ?? 0),
    clicks: campaignCount("click") + (daily._sum.clicks ?? 0),
    conversions: campaignCount("conversion") + (daily._sum.conversions ?? 0),
  };
}

export interface DailySales {
  day: string; // YYYY-MM-DD, UTC
  revenue: number;
  /**
   * Distinct order ids that day. Summing days counts an order whose lines straddle midnight UTC twice
   * (4 of 14,637 orders in the demo shop), the price of not re-scanning purchases for an exact total.
   */
  orders: number;
  purchases: number;
}

/** Revenue and distinct orders per UTC day, from the covering purchase index. */
export async function getDailySales(range: TimeRange): Promise<DailySales[]> {
  const db = getDb();
  const day = utcDay('"occurredAt"');
  const rows = await db.$queryRaw<{ day: string; revenue: unknown; orders: unknown; purchases: unknown }[]>(Prisma.sql`
    SELECT ${day} AS day, SUM("revenue") AS revenue, COUNT(DISTINCT "orderId") AS orders, COUNT(*) AS purchases
    FROM "Event"
    WHERE "type" = 'purchase' AND "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to}
    GROUP BY ${day}
    ORDER BY day`);
  return rows.map((r) => ({ day: r.day, revenue: num(r.revenue), orders: num(r.orders), purchases: num(r.purchases) }));
}

export function totalSales(daily: readonly DailySales[]): { revenue: number; orders: number; purchases: number } {
  const t = { revenue: 0, orders: 0, purchases: 0 };
  for (const d of daily) {
    t.revenue += d.revenue;
    t.orders += d.orders;
    t.purchases += d.purchases;
  }
  t.revenue = Math.round(t.revenue * 100) / 100;
  return t;
}
