import { campaignDataStamp } from "./campaign-audience";
import { getDb } from "./client";
import { whileUnchanged } from "./data-cache";
import { purchaseDataStamp } from "./purchase-history";
import { catalogueStamp } from "./recs-data";
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

/** The Overview's totals for a range; kept until customers, events, products or campaigns change (they count millions of rows). */
export async function getOverviewKpis(range: TimeRange): Promise<OverviewKpis> {
  return whileUnchanged(`overview ${range.from.getTime()} ${range.to.getTime()}`, [purchaseDataStamp, campaignDataStamp, catalogueStamp], () => readOverviewKpis(range));
}

async function readOverviewKpis(range: TimeRange): Promise<OverviewKpis> {
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
  /** Gross: what purchases took. */
  revenue: number;
  /** What returns gave back, as a positive amount (return events carry negative revenue). */
  returns: number;
  /**
   * Distinct order ids that day. Summing days counts an order whose lines straddle midnight UTC twice
   * (4 of 14,637 orders in the demo shop), the price of not re-scanning purchases for an exact total.
   */
  orders: number;
  purchases: number;
}

/** Revenue, returns and distinct orders per UTC day, from the covering (type, occurredAt, revenue, orderId) index. */
export async function getDailySales(range: TimeRange): Promise<DailySales[]> {
  const db = getDb();
  const day = utcDay('"occurredAt"');
  const rows = await db.$queryRaw<{ day: string; revenue: unknown; returns: unknown; orders: unknown; purchases: unknown }[]>(Prisma.sql`
    SELECT ${day} AS day,
      SUM(CASE WHEN "type" = 'purchase' THEN "revenue" ELSE 0 END) AS revenue,
      -SUM(CASE WHEN "type" = 'return' THEN "revenue" ELSE 0 END) AS returns,
      COUNT(DISTINCT CASE WHEN "type" = 'purchase' THEN "orderId" END) AS orders,
      SUM(CASE WHEN "type" = 'purchase' THEN 1 ELSE 0 END) AS purchases
    FROM "Event"
    WHERE "type" IN ('purchase', 'return') AND "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to}
    GROUP BY ${day}
    ORDER BY day`);
  return rows.map((r) => ({ day: r.day, revenue: num(r.revenue), returns: num(r.returns) || 0, orders: num(r.orders), purchases: num(r.purchases) }));
}

/** Gross revenue, returns and net (gross less returns), to the penny, with orders and purchases. */
export function totalSales(daily: readonly DailySales[]): { revenue: number; returns: number; netRevenue: number; orders: number; purchases: number } {
  let revenue = 0;
  let returns = 0;
  let orders = 0;
  let purchases = 0;
  for (const d of daily) {
    revenue += d.revenue;
    returns += d.returns;
    orders += d.orders;
    purchases += d.purchases;
  }
  const cents = (x: number) => Math.round(x * 100) / 100;
  return { revenue: cents(revenue), returns: cents(returns), netRevenue: cents(revenue - returns), orders, purchases };
}
