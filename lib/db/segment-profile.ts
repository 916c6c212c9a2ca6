// What a segment looks like next to the whole customer base: how recently and how often its members buy,
// where they live and what they spend on, each as shares so the two can be drawn side by side. Every query
// runs the compiled rule in SQL (never a scan in JavaScript) and the base the same way without it.
import type { RuleNode } from "../segments/rules";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";
import { latestPurchaseAt, purchaseDataStamp } from "./purchase-history";
import { compileRule } from "./segment-rules";

const PURCHASES = `LEFT JOIN "CustomerPurchaseStats" p ON p."customerId" = c."id"`;
const DAY = 86_400_000;

export interface ProfileBar {
  label: string;
  /** Share of the segment's members (or of its spend) in this bucket. */
  segment: number;
  /** The same share over all customers. */
  base: number;
}

export interface SegmentProfile {
  /** Recency buckets count back from this day (the day after the latest purchase, as RFM does). */
  asOf: string;
  members: number;
  customers: number;
  revenue: number;
  totalRevenue: number;
  recency: ProfileBar[];
  orders: ProfileBar[];
  countries: ProfileBar[];
  categories: ProfileBar[];
}

export interface SegmentStats {
  members: number;
  customers: number;
  revenue: number;
  totalRevenue: number;
}

type Where = { sql: string; params: unknown[] };

// The whole base's side of every chart is the same for every segment: kept until events or customers
// change (purchaseDataStamp), so a segment page runs only its own members' queries.
let baseCache: { stamp: string; values: Map<string, unknown> } = { stamp: "", values: new Map() };

function forBase<T>(key: string, compute: () => T): T {
  const stamp = purchaseDataStamp();
  if (baseCache.stamp !== stamp) baseCache = { stamp, values: new Map() };
  if (!baseCache.values.has(key)) baseCache.values.set(key, compute());
  return baseCache.values.get(key) as T;
}

function whereOf(rule: RuleNode | null, now: number): Where {
  if (!rule) return { sql: "1", params: [] };
  const c = compileRule(rule, now);
  return { sql: c.sql, params: c.params };
}

const STATS_SQL = (w: Where) => `SELECT count(*) AS n, coalesce(sum(p."revenue"), 0) AS revenue FROM "Customer" c ${PURCHASES} WHERE ${w.sql}`;

/** Customers and revenue of the whole base, read once for a list of segments. */
export function baseStats(): { customers: number; totalRevenue: number } {
  const b = forBase("stats", () => prepared(bulkConnection(), STATS_SQL({ sql: "1", params: [] })).get() as { n: number; revenue: number });
  return { customers: b.n, totalRevenue: b.revenue };
}

/** Members and revenue of the rule's customers beside the whole base: the saved-segment list's figures. */
export function segmentStats(rule: RuleNode, now = Date.now(), base = baseStats()): SegmentStats {
  const seg = whereOf(rule, now);
  const a = prepared(bulkConnection(), STATS_SQL(seg)).get(...seg.params) as { n: number; revenue: number };
  return { members: a.n, revenue: a.revenue, ...base };
}

const RECENCY: [string, number][] = [["≤ 30 days", 30], ["31–90 days", 90], ["91–180 days", 180], ["181–365 days", 365], ["> 1 year", Infinity]];
const ORDERS: [string, number][] = [["1", 1], ["2", 2], ["3–5", 5], ["6–10", 10], ["> 10", Infinity]];

/** Counts per bucket of a CASE expression, for the segment and the base, as shares. */
function bucketShares(expr: string, labels: readonly string[], seg: Where, extraParams: unknown[], join = PURCHASES): ProfileBar[] {
  const sql = (w: Where) => `SELECT ${expr} AS b, count(*) AS n FROM "Customer" c ${join} WHERE ${w.sql} GROUP BY 1`;
  const read = (w: Where) => {
    const rows = prepared(bulkConnection(), sql(w)).all(...extraParams, ...w.params) as { b: string | null; n: number }[];
    const total = rows.reduce((a, r) => a + r.n, 0);
    return new Map(rows.map((r) => [r.b ?? "", total ? r.n / total : 0]));
  };
  const s = read(seg);
  const b = forBase(`buckets ${expr} ${JSON.stringify(extraParams)}`, () => read({ sql: "1", params: [] }));
  return labels.map((label) => ({ label, segment: s.get(label) ?? 0, base: b.get(label) ?? 0 }));
}

/** The largest values of a column for the segment, with the rest folded into "Other". */
function topShares(column: string, seg: Where, limit: number): ProfileBar[] {
  const sql = (w: Where) => `SELECT coalesce(nullif(${column}, ''), 'Unknown') AS v, count(*) AS n FROM "Customer" c ${PURCHASES} WHERE ${w.sql} GROUP BY 1`;
  const read = (w: Where) => prepared(bulkConnection(), sql(w)).all(...w.params) as { v: string; n: number }[];
  return foldTop(read(seg), forBase(`top ${column}`, () => read({ sql: "1", params: [] })), limit);
}

function foldTop(seg: { v: string; n: number }[], base: { v: string; n: number }[], limit: number): ProfileBar[] {
  const total = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0) || 1;
  const st = total(seg);
  const bt = total(base);
  const baseShare = new Map(base.map((r) => [r.v, r.n / bt]));
  const top = [...seg].sort((a, b) => b.n - a.n).slice(0, limit);
  const bars = top.map((r) => ({ label: r.v, segment: r.n / st, base: baseShare.get(r.v) ?? 0 }));
  const rest = { label: "Other", segment: 1 - bars.reduce((a, r) => a + r.segment, 0), base: 1 - bars.reduce((a, r) => a + r.base, 0) };
  return rest.segment > 1e-9 || rest.base > 1e-9 ? [...bars, { ...rest, segment: Math.max(0, rest.segment), base: Math.max(0, rest.base) }] : bars;
}

/** Share of spend by product category, members against everyone. */
function categoryShares(seg: Where, limit: number): ProfileBar[] {
  const spend = (members: string) => `SELECT coalesce(nullif(pr."category", ''), 'Unknown') AS v, sum(e."revenue") AS n
    FROM "Event" e JOIN "Product" pr ON pr."id" = e."productId"
    WHERE e."type" = 'purchase' AND e."customerId" IS NOT NULL ${members} GROUP BY 1`;
  const segSql = spend(`AND e."customerId" IN (SELECT c."id" FROM "Customer" c ${PURCHASES} WHERE ${seg.sql})`);
  const s = prepared(bulkConnection(), segSql).all(...seg.params) as { v: string; n: number }[];
  const b = forBase("category spend", () => prepared(bulkConnection(), spend("")).all() as { v: string; n: number }[]);
  return foldTop(s, b, limit);
}

export function profileSegment(rule: RuleNode, now = Date.now()): SegmentProfile {
  const asOf = (Math.floor((latestPurchaseAt() ?? now) / DAY) + 1) * DAY;
  const seg = whereOf(rule, now);
  const stats = segmentStats(rule, now);
  const lastAt = `p."lastPurchaseAt"`;
  const recencyCase = `CASE WHEN ${lastAt} IS NULL THEN 'Never bought' ${RECENCY.filter(([, d]) => d !== Infinity)
    .map(([label]) => `WHEN ${lastAt} >= ? THEN '${label}'`)
    .join(" ")} ELSE '> 1 year' END`;
  const cutoffs = RECENCY.filter(([, d]) => d !== Infinity).map(([, d]) => storedDate(new Date(asOf - d * DAY)));
  const ordersCase = `CASE WHEN coalesce(p."orders", 0) = 0 THEN '0' ${ORDERS.filter(([, n]) => n !== Infinity)
    .map(([label, n]) => `WHEN p."orders" <= ${n} THEN '${label}'`)
    .join(" ")} ELSE '> 10' END`;
  return {
    asOf: new Date(asOf).toISOString().slice(0, 10),
    ...stats,
    recency: bucketShares(recencyCase, [...RECENCY.map(([l]) => l), "Never bought"], seg, cutoffs),
    orders: bucketShares(ordersCase, ["0", ...ORDERS.map(([l]) => l)], seg, []),
    countries: topShares(`c."country"`, seg, 6),
    categories: categoryShares(seg, 6),
  };
}
