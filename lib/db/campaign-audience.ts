// Per-customer campaign activity and the customer facts that group it (age, gender, country, imported
// attributes, saved segments), read as typed columns for the segment breakdowns and the heatmap.
import type { CustomerCampaignTotals } from "../analytics/segment-breakdown";
import { getDb } from "./client";
import { directDb } from "./direct";
import type { TimeRange } from "./date-range";
import { jsonValue, num } from "./sql";

const TOTALS_SQL = `SELECT "customerId", "campaignId",
    SUM(CASE WHEN "type" = 'impression' THEN 1 ELSE 0 END), SUM(CASE WHEN "type" = 'click' THEN 1 ELSE 0 END),
    SUM(CASE WHEN "type" = 'conversion' THEN 1 ELSE 0 END), SUM("cost"), SUM("revenue")
  FROM "CampaignEvent" WHERE "customerId" IS NOT NULL AND "occurredAt" >= ? AND "occurredAt" < ?
  GROUP BY "customerId", "campaignId"`;
// Grouped in the order of the (customerId, campaignId, type, occurredAt, cost, revenue) index, which holds
// every column read: one ordered walk of the index, no table reads and no temporary B-tree.

/**
 * Every (customer, campaign) pair's totals in the range, on the raw driver like loadPurchaseHistory and
 * for the same measured reason: this is the largest read of the campaign pages (one row per customer a
 * campaign reached, hundreds of thousands at 100,000 customers), and Prisma's $queryRaw builds and
 * converts an object per row where better-sqlite3's raw() hands back arrays.
 */
export async function loadCustomerCampaignTotals(range: TimeRange): Promise<CustomerCampaignTotals> {
  const rows = await directDb().rows<[number, number, number, number, number, number, number]>(TOTALS_SQL, [range.from, range.to]);
  const n = rows.length;
  const t: CustomerCampaignTotals = {
    customer: new Int32Array(n),
    campaign: new Int32Array(n),
    impressions: new Float64Array(n),
    clicks: new Float64Array(n),
    conversions: new Float64Array(n),
    cost: new Float64Array(n),
    revenue: new Float64Array(n),
  };
  rows.forEach(([c, k, i, cl, cv, cost, rev], j) => {
    t.customer[j] = c;
    t.campaign[j] = k;
    t.impressions[j] = i;
    t.clicks[j] = cl;
    t.conversions[j] = cv;
    t.cost[j] = cost;
    t.revenue[j] = rev;
  });
  return t;
}

/** Changes whenever campaign events or customers are added or removed: the key for caching the above. */
export async function campaignDataStamp(): Promise<string> {
  const [r] = await getDb().$queryRaw<[Record<"a" | "b" | "c" | "d" | "s", unknown>]>`SELECT (SELECT min("id") FROM "CampaignEvent") AS a, (SELECT max("id") FROM "CampaignEvent") AS b,
    (SELECT max("id") FROM "Customer") AS c, (SELECT count(*) FROM "Campaign") AS d, (SELECT max("updatedAt") FROM "Segment") AS s`;
  return `${num(r.a)}:${num(r.b)}:${num(r.c)}:${num(r.d)}:${String(r.s ?? "")}`;
}

export type CustomerColumn = "age" | "gender" | "country" | "education";

/** One customer column (or imported attribute) for every customer: ids ascending, values as text or null. */
export async function loadCustomerValues(field: { column: CustomerColumn } | { attribute: string }): Promise<{ ids: Int32Array; values: (string | number | null)[] }> {
  const expr = "column" in field ? `"${field.column}"` : null;
  const rows =
    expr !== null
      ? await directDb().rows<[number, string | number | null]>(`SELECT "id", ${expr} FROM "Customer" ORDER BY "id"`)
      : (await getDb().$queryRaw<Record<string, unknown>[]>`SELECT "id", ${jsonValue('"attributes"', (field as { attribute: string }).attribute)} AS v FROM "Customer" ORDER BY "id"`).map(
          (r) => [num(r.id), r.v === null || r.v === undefined ? null : typeof r.v === "bigint" ? Number(r.v) : (r.v as string | number)] as [number, string | number | null],
        );
  const ids = new Int32Array(rows.length);
  const values = rows.map(([id, v], i) => {
    ids[i] = id;
    return v;
  });
  return { ids, values };
}

/** Members of the given saved segments, as (segment, customer) pairs. */
export async function loadSegmentMemberships(segmentIds: readonly number[]): Promise<{ segment: Int32Array; customer: Int32Array }> {
  const ids = segmentIds.filter((x) => Number.isInteger(x));
  if (ids.length === 0) return { segment: new Int32Array(0), customer: new Int32Array(0) };
  const rows = await directDb().rows<[number, number]>(`SELECT "segmentId", "customerId" FROM "SegmentMember" WHERE "segmentId" IN (${ids.join(",")})`);
  const out = { segment: new Int32Array(rows.length), customer: new Int32Array(rows.length) };
  rows.forEach(([s, c], i) => {
    out.segment[i] = s;
    out.customer[i] = c;
  });
  return out;
}

/** Daily-report campaigns broken down by the platform's own segment label ("mobile", "desktop"). */
export async function loadReportSegmentTotals(range: TimeRange): Promise<{ campaignId: number; segment: string; impressions: number; clicks: number; conversions: number; cost: number; revenue: number }[]> {
  const rows = await getDb().campaignDailyStat.groupBy({
    by: ["campaignId", "segment"],
    where: { date: { gte: range.from, lt: range.to } },
    _sum: { impressions: true, clicks: true, conversions: true, cost: true, revenue: true },
  });
  return rows.map((r) => ({
    campaignId: r.campaignId,
    segment: r.segment === "" ? "Not broken down" : r.segment,
    impressions: r._sum.impressions ?? 0,
    clicks: r._sum.clicks ?? 0,
    conversions: r._sum.conversions ?? 0,
    cost: r._sum.cost ?? 0,
    revenue: r._sum.revenue ?? 0,
  }));
}
