// What a segment looks like next to the whole customer base: how recently and how often its members buy,
// where they live and what they spend on, each as shares so the two can be drawn side by side. Every query
// runs the compiled rule in SQL (never a scan in JavaScript) and the base the same way without it.
import { DAY_MS } from "../days";
import type { RuleNode } from "../segments/rules";
import { getDb } from "./client";
import { whileUnchanged } from "./data-cache";
import { latestPurchaseAt, purchaseDataStamp } from "./purchase-history";
import { compileRule, TRUE } from "./segment-rules";
import { num, Prisma } from "./sql";

const PURCHASES = Prisma.sql`LEFT JOIN "CustomerPurchaseStats" p ON p."customerId" = c."id"`;

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

/** A count or sum per bucket, as $queryRaw gives it (bigint or number). */
type Counted<K extends string> = { [key in K]: string | null } & { n: unknown };

// The whole base's side of every chart is the same for every segment: kept until events or customers
// change (purchaseDataStamp), so a segment page runs only its own members' queries.
const forBase = <T>(key: string, compute: () => Promise<T>) => whileUnchanged(`segment base ${key}`, [purchaseDataStamp], compute);

function whereOf(rule: RuleNode | null, now: number): Prisma.Sql {
  return rule ? compileRule(rule, now).sql : TRUE;
}

async function readStats(where: Prisma.Sql): Promise<{ n: number; revenue: number }> {
  const [r] = await getDb().$queryRaw<[{ n: unknown; revenue: unknown }]>`SELECT count(*) AS n, coalesce(sum(p."revenue"), 0) AS revenue FROM "Customer" c ${PURCHASES} WHERE ${where}`;
  return { n: num(r.n), revenue: num(r.revenue) };
}

/** Customers and revenue of the whole base, read once for a list of segments. */
export async function baseStats(): Promise<{ customers: number; totalRevenue: number }> {
  const b = await forBase("stats", () => readStats(TRUE));
  return { customers: b.n, totalRevenue: b.revenue };
}

/** Members and revenue of the rule's customers beside the whole base: the saved-segment list's figures. */
export async function segmentStats(rule: RuleNode, now = Date.now(), base?: { customers: number; totalRevenue: number }): Promise<SegmentStats> {
  const [a, b] = await Promise.all([readStats(whereOf(rule, now)), base ?? baseStats()]);
  return { members: a.n, revenue: a.revenue, ...b };
}

const RECENCY: [string, number][] = [["≤ 30 days", 30], ["31–90 days", 90], ["91–180 days", 180], ["181–365 days", 365], ["> 1 year", Infinity]];
const ORDERS: [string, number][] = [["1", 1], ["2", 2], ["3–5", 5], ["6–10", 10], ["> 10", Infinity]];

/** Counts per bucket of a CASE expression, for the segment and the base, as shares. `key` names the expression for the base's cache. */
async function bucketShares(key: string, expr: Prisma.Sql, labels: readonly string[], seg: Prisma.Sql): Promise<ProfileBar[]> {
  const read = async (where: Prisma.Sql) => {
    const rows = await getDb().$queryRaw<Counted<"b">[]>`SELECT ${expr} AS b, count(*) AS n FROM "Customer" c ${PURCHASES} WHERE ${where} GROUP BY 1`;
    const total = rows.reduce((a, r) => a + num(r.n), 0);
    return new Map(rows.map((r) => [r.b ?? "", total ? num(r.n) / total : 0]));
  };
  const [s, b] = await Promise.all([read(seg), forBase(`buckets ${key}`, () => read(TRUE))]);
  return labels.map((label) => ({ label, segment: s.get(label) ?? 0, base: b.get(label) ?? 0 }));
}

type Share = { v: string; n: number };

async function readShares(query: Prisma.Sql): Promise<Share[]> {
  return (await getDb().$queryRaw<Counted<"v">[]>(query)).map((r) => ({ v: r.v ?? "", n: num(r.n) }));
}

/** The largest countries of the segment, with the rest folded into "Other". */
async function countryShares(seg: Prisma.Sql, limit: number): Promise<ProfileBar[]> {
  const read = (where: Prisma.Sql) => readShares(Prisma.sql`SELECT coalesce(nullif(c."country", ''), 'Unknown') AS v, count(*) AS n FROM "Customer" c ${PURCHASES} WHERE ${where} GROUP BY 1`);
  const [s, b] = await Promise.all([read(seg), forBase("top country", () => read(TRUE))]);
  return foldTop(s, b, limit);
}

function foldTop(seg: Share[], base: Share[], limit: number): ProfileBar[] {
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
async function categoryShares(seg: Prisma.Sql, limit: number): Promise<ProfileBar[]> {
  const spend = (members: Prisma.Sql) => readShares(Prisma.sql`SELECT coalesce(nullif(pr."category", ''), 'Unknown') AS v, sum(e."revenue") AS n
    FROM "Event" e JOIN "Product" pr ON pr."id" = e."productId"
    WHERE e."type" = 'purchase' AND e."customerId" IS NOT NULL ${members} GROUP BY 1`);
  const [s, b] = await Promise.all([
    spend(Prisma.sql`AND e."customerId" IN (SELECT c."id" FROM "Customer" c ${PURCHASES} WHERE ${seg})`),
    forBase("category spend", () => spend(Prisma.empty)),
  ]);
  return foldTop(s, b, limit);
}

export async function profileSegment(rule: RuleNode, now = Date.now()): Promise<SegmentProfile> {
  const asOf = (Math.floor(((await latestPurchaseAt()) ?? now) / DAY_MS) + 1) * DAY_MS;
  const seg = whereOf(rule, now);
  const lastAt = Prisma.raw(`p."lastPurchaseAt"`);
  const bounded = RECENCY.filter(([, d]) => d !== Infinity);
  const recencyCase = Prisma.sql`CASE WHEN ${lastAt} IS NULL THEN 'Never bought' ${Prisma.join(
    bounded.map(([label, d]) => Prisma.sql`WHEN ${lastAt} >= ${new Date(asOf - d * DAY_MS)} THEN ${label}`),
    " ",
  )} ELSE '> 1 year' END`;
  const ordersCase = Prisma.raw(`CASE WHEN coalesce(p."orders", 0) = 0 THEN '0' ${ORDERS.filter(([, n]) => n !== Infinity)
    .map(([label, n]) => `WHEN p."orders" <= ${n} THEN '${label}'`)
    .join(" ")} ELSE '> 10' END`);
  const [stats, recency, orders, countries, categories] = await Promise.all([
    segmentStats(rule, now),
    bucketShares(`recency ${asOf}`, recencyCase, [...RECENCY.map(([l]) => l), "Never bought"], seg),
    bucketShares("orders", ordersCase, ["0", ...ORDERS.map(([l]) => l)], seg),
    countryShares(seg, 6),
    categoryShares(seg, 6),
  ]);
  return { asOf: new Date(asOf).toISOString().slice(0, 10), ...stats, recency, orders, countries, categories };
}
