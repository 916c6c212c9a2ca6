// What a campaign's page reads: the campaign, its activity by day, its funnel and the repeat purchases
// of the customers it converted. Per-customer reads for segment breakdowns are in campaign-audience.ts.
import type { CampaignDay } from "../analytics/campaign-series";
import type { DailyReportRows } from "../analytics/daily-response";
import { getDb } from "./client";
import type { TimeRange } from "./date-range";
import { epochMs, noIndex, num, orderKey, Prisma, shiftDays, utcDay } from "./sql";

export interface CampaignRow {
  id: number;
  externalId: string;
  name: string;
  channel: string | null;
  adType: string | null;
  adPosition: string | null;
  testGroup: string | null;
  variant: string | null;
  startAt: Date | null;
  endAt: Date | null;
  budget: number | null;
}

const CAMPAIGN_SELECT = { id: true, externalId: true, name: true, channel: true, adType: true, adPosition: true, testGroup: true, variant: true, startAt: true, endAt: true, budget: true } as const;

export async function getCampaign(id: number): Promise<CampaignRow | null> {
  return getDb().campaign.findUnique({ where: { id }, select: CAMPAIGN_SELECT });
}

export async function getCampaignByExternalId(externalId: string): Promise<CampaignRow | null> {
  return getDb().campaign.findUnique({ where: { externalId }, select: CAMPAIGN_SELECT });
}

export async function listCampaigns(where: { testGroup?: string } = {}): Promise<CampaignRow[]> {
  return getDb().campaign.findMany({ where: where.testGroup !== undefined ? { testGroup: where.testGroup } : {}, select: CAMPAIGN_SELECT, orderBy: [{ startAt: "asc" }, { id: "asc" }] });
}

/** Whether the campaign's event rows carry customers (so customer-level views can be drawn). */
export async function campaignHasCustomerEvents(campaignIds: readonly number[]): Promise<boolean> {
  if (campaignIds.length === 0) return false;
  const row = await getDb().campaignEvent.findFirst({ where: { campaignId: { in: [...campaignIds] }, customerId: { not: null } }, select: { id: true } });
  return row !== null;
}

/** Daily totals of the campaigns (all when null), event rows and daily report rows added together. */
export async function loadCampaignDays(campaignIds: readonly number[] | null, range: TimeRange): Promise<CampaignDay[]> {
  const db = getDb();
  if (campaignIds && campaignIds.length === 0) return [];
  const onlyEvents = campaignIds ? Prisma.sql`AND "campaignId" IN (${Prisma.join(campaignIds)})` : Prisma.empty;
  const [events, daily] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT ${utcDay('"occurredAt"')} AS day, "type", COUNT(*) AS n, SUM("cost") AS cost, SUM("revenue") AS revenue
      FROM "CampaignEvent" WHERE "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to} ${onlyEvents}
      GROUP BY ${utcDay('"occurredAt"')}, "type"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT ${utcDay('"date"')} AS day, SUM("impressions") AS impressions, SUM("clicks") AS clicks, SUM("conversions") AS conversions, SUM("cost") AS cost, SUM("revenue") AS revenue
      FROM "CampaignDailyStat" WHERE "date" >= ${range.from} AND "date" < ${range.to} ${onlyEvents}
      GROUP BY ${utcDay('"date"')}`,
  ]);
  const days = new Map<string, CampaignDay>();
  const dayOf = (day: string) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, impressions: 0, clicks: 0, conversions: 0, cost: 0, revenue: 0 }));
    return d;
  };
  for (const r of events) {
    const d = dayOf(String(r.day));
    const n = num(r.n);
    if (r.type === "impression") d.impressions += n;
    else if (r.type === "click") d.clicks += n;
    else if (r.type === "conversion") d.conversions += n;
    d.cost += num(r.cost);
    d.revenue += num(r.revenue);
  }
  for (const r of daily) {
    const d = dayOf(String(r.day));
    d.impressions += num(r.impressions);
    d.clicks += num(r.clicks);
    d.conversions += num(r.conversions);
    d.cost += num(r.cost);
    d.revenue += num(r.revenue);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * The last step of the funnel: the campaign's converted customers (in the range) who placed a shop
 * order from a day before to `windowDays` after their first conversion (a platform may stamp the
 * conversion a little after the order), and how many orders they placed in that time.
 */
export async function loadFunnelPurchases(campaignId: number, range: TimeRange, windowDays: number): Promise<{ convertedCustomers: number; buyers: number; orders: number; revenue: number }> {
  const [r] = await getDb().$queryRaw<[Record<string, unknown>]>`
    WITH converted AS MATERIALIZED (
      SELECT "customerId", MIN("occurredAt") AS "firstAt" FROM "CampaignEvent"
      WHERE "campaignId" = ${campaignId} AND "type" = 'conversion' AND "customerId" IS NOT NULL AND "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to}
      GROUP BY "customerId")
    SELECT (SELECT COUNT(*) FROM converted) AS converted, COUNT(DISTINCT e."customerId") AS buyers,
      COUNT(DISTINCT e."customerId" || ':' || ${orderKey("e")}) AS orders, COALESCE(SUM(e."revenue"), 0) AS revenue
    FROM converted JOIN "Event" e ON e."customerId" = converted."customerId" AND ${noIndex('e."type"')} = 'purchase'
      AND e."occurredAt" >= ${shiftDays('converted."firstAt"', -1)} AND e."occurredAt" <= ${shiftDays('converted."firstAt"', windowDays)}`;
  return { convertedCustomers: num(r.converted), buyers: num(r.buyers), orders: num(r.orders), revenue: num(r.revenue) };
}

/** Each customer's start time and their next purchase more than a day later (null when none yet). */
export interface RepeatCohort {
  startAt: Float64Array;
  nextPurchaseAt: Float64Array;
}

function cohort(rows: Record<string, unknown>[]): RepeatCohort {
  const c = { startAt: new Float64Array(rows.length), nextPurchaseAt: new Float64Array(rows.length) };
  rows.forEach((r, i) => {
    c.startAt[i] = epochMs(r.startAt)!;
    c.nextPurchaseAt[i] = epochMs(r.nextAt) ?? Number.NaN;
  });
  return c;
}

/**
 * Customers the campaign converted in the range (start = their first conversion), and customers it never
 * reached who bought while it ran (start = their first purchase then), each with their next purchase more
 * than a day after the start (the conversion's own order falls within that day). "Never reached" is NOT
 * EXISTS on the (customerId, campaignId, …) index: PostgreSQL plans it as an anti-join, where a NOT IN list
 * that outgrows work_mem is scanned once per purchase (over five minutes at 1,000,000 customers), and
 * SQLite seeks the index once per purchase, where a LEFT JOIN to the DISTINCT list was evaluated again for
 * every purchase (480 s for one campaign page at 1,000,000 customers; 3.8 s with NOT EXISTS).
 */
export async function loadRepeatCohorts(campaignId: number, range: TimeRange, flight: TimeRange): Promise<{ converted: RepeatCohort; notReached: RepeatCohort }> {
  const db = getDb();
  const [converted, notReached] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      WITH firsts AS MATERIALIZED (
        SELECT "customerId", MIN("occurredAt") AS "startAt" FROM "CampaignEvent"
        WHERE "campaignId" = ${campaignId} AND "type" = 'conversion' AND "customerId" IS NOT NULL AND "occurredAt" >= ${range.from} AND "occurredAt" < ${range.to}
        GROUP BY "customerId")
      SELECT firsts."startAt" AS "startAt", (SELECT MIN(e."occurredAt") FROM "Event" e WHERE e."customerId" = firsts."customerId" AND ${noIndex('e."type"')} = 'purchase'
        AND e."occurredAt" > ${shiftDays('firsts."startAt"', 1)}) AS "nextAt"
      FROM firsts`,
    db.$queryRaw<Record<string, unknown>[]>`
      WITH firsts AS MATERIALIZED (
        SELECT p."customerId" AS "customerId", MIN(p."occurredAt") AS "startAt" FROM "Event" p
        WHERE p."type" = 'purchase' AND p."customerId" IS NOT NULL AND p."occurredAt" >= ${flight.from} AND p."occurredAt" < ${flight.to}
          AND NOT EXISTS (SELECT 1 FROM "CampaignEvent" r WHERE r."customerId" = p."customerId" AND r."campaignId" = ${campaignId})
        GROUP BY p."customerId")
      SELECT firsts."startAt" AS "startAt", (SELECT MIN(e."occurredAt") FROM "Event" e WHERE e."customerId" = firsts."customerId" AND ${noIndex('e."type"')} = 'purchase'
        AND e."occurredAt" > ${shiftDays('firsts."startAt"', 1)}) AS "nextAt"
      FROM firsts`,
  ]);
  return { converted: cohort(converted), notReached: cohort(notReached) };
}

/** Every daily report row, with its campaign's name (a few rows per campaign and day: read whole). */
export async function loadDailyReportRows(): Promise<DailyReportRows> {
  const rows = await getDb().campaignDailyStat.findMany({
    select: { date: true, segment: true, impressions: true, clicks: true, conversions: true, campaign: { select: { name: true } } },
    orderBy: [{ campaignId: "asc" }, { date: "asc" }, { segment: "asc" }],
  });
  return {
    campaign: rows.map((r) => r.campaign.name),
    date: rows.map((r) => r.date),
    segment: rows.map((r) => r.segment),
    impressions: rows.map((r) => r.impressions),
    clicks: rows.map((r) => r.clicks),
    conversions: rows.map((r) => r.conversions),
  };
}
