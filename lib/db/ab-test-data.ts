// Sufficient statistics of A/B arms, summed in SQL so a test's result costs one grouped query whatever
// the number of customers: per arm, the count of customers and the sums, squares and cross products of
// their impressions, clicks, conversions and revenue, and of their pre-period spend (CUPED's covariate).
import { getDb } from "./client";
import type { TimeRange } from "./date-range";
import { num, Prisma } from "./sql";

export interface CustomerArmSums {
  /** The campaign id, or the saved segment id when arms are segments. */
  arm: number;
  customers: number;
  imp: number; imp2: number;
  clk: number; clk2: number; impClk: number;
  conv: number; conv2: number; clkConv: number;
  rev: number; rev2: number;
  /** Pre-period spend x: Σx, Σx², and Σx with each metric. */
  x: number; x2: number; xRev: number; xImp: number; xClk: number; xConv: number;
}

const SUMS = Prisma.sql`COUNT(*) AS customers,
  SUM(imp) AS imp, SUM(imp * imp) AS imp2, SUM(clk) AS clk, SUM(clk * clk) AS clk2, SUM(imp * clk) AS "impClk",
  SUM(conv) AS conv, SUM(conv * conv) AS conv2, SUM(clk * conv) AS "clkConv", SUM(rev) AS rev, SUM(rev * rev) AS rev2,
  SUM(COALESCE(x, 0)) AS x, SUM(COALESCE(x, 0) * COALESCE(x, 0)) AS x2, SUM(COALESCE(x, 0) * rev) AS "xRev",
  SUM(COALESCE(x, 0) * imp) AS "xImp", SUM(COALESCE(x, 0) * clk) AS "xClk", SUM(COALESCE(x, 0) * conv) AS "xConv"`;

const PER_CUSTOMER = Prisma.sql`SUM(CASE WHEN ce."type" = 'impression' THEN 1 ELSE 0 END) AS imp, SUM(CASE WHEN ce."type" = 'click' THEN 1 ELSE 0 END) AS clk,
  SUM(CASE WHEN ce."type" = 'conversion' THEN 1 ELSE 0 END) AS conv, SUM(ce."revenue") AS rev`;

function read(rows: Record<string, unknown>[]): CustomerArmSums[] {
  return rows.map((r) => ({
    arm: num(r.arm),
    customers: num(r.customers),
    imp: num(r.imp), imp2: num(r.imp2), clk: num(r.clk), clk2: num(r.clk2), impClk: num(r.impClk),
    conv: num(r.conv), conv2: num(r.conv2), clkConv: num(r.clkConv), rev: num(r.rev), rev2: num(r.rev2),
    x: num(r.x), x2: num(r.x2), xRev: num(r.xRev), xImp: num(r.xImp), xClk: num(r.xClk), xConv: num(r.xConv),
  }));
}

const prePeriod = (pre: TimeRange) => Prisma.sql`pre AS MATERIALIZED (
    SELECT e."customerId" AS c, SUM(e."revenue") AS x FROM "Event" e
    WHERE e."type" = 'purchase' AND e."occurredAt" >= ${pre.from} AND e."occurredAt" < ${pre.to} AND e."customerId" IN (SELECT c FROM per)
    GROUP BY e."customerId")`;

/** Arms = campaigns; each customer an arm reached is one unit of it. */
export async function loadCampaignArmSums(campaignIds: readonly number[], range: TimeRange, pre: TimeRange): Promise<CustomerArmSums[]> {
  if (campaignIds.length === 0) return [];
  return read(
    await getDb().$queryRaw<Record<string, unknown>[]>`
      WITH per AS MATERIALIZED (
        SELECT ce."campaignId" AS arm, ce."customerId" AS c, ${PER_CUSTOMER} FROM "CampaignEvent" ce
        WHERE ce."campaignId" IN (${Prisma.join(campaignIds)}) AND ce."customerId" IS NOT NULL AND ce."occurredAt" >= ${range.from} AND ce."occurredAt" < ${range.to}
        GROUP BY ce."campaignId", ce."customerId"),
      ${prePeriod(pre)}
      SELECT per.arm AS arm, ${SUMS} FROM per LEFT JOIN pre ON pre.c = per.c GROUP BY per.arm`,
  );
}

/** Arms = saved segments, within one campaign's reached customers (a customer in both counts in both). */
export async function loadSegmentArmSums(campaignId: number, segmentIds: readonly number[], range: TimeRange, pre: TimeRange): Promise<CustomerArmSums[]> {
  if (segmentIds.length === 0) return [];
  return read(
    await getDb().$queryRaw<Record<string, unknown>[]>`
      WITH per AS MATERIALIZED (
        SELECT sm."segmentId" AS arm, ce."customerId" AS c, ${PER_CUSTOMER} FROM "CampaignEvent" ce JOIN "SegmentMember" sm ON sm."customerId" = ce."customerId"
        WHERE ce."campaignId" = ${campaignId} AND sm."segmentId" IN (${Prisma.join(segmentIds)}) AND ce."occurredAt" >= ${range.from} AND ce."occurredAt" < ${range.to}
        GROUP BY sm."segmentId", ce."customerId"),
      ${prePeriod(pre)}
      SELECT per.arm AS arm, ${SUMS} FROM per LEFT JOIN pre ON pre.c = per.c GROUP BY per.arm`,
  );
}

/** Test groups with their arms' count, for the tests list. */
export async function listTestGroups(): Promise<{ testGroup: string; arms: number }[]> {
  const rows = await getDb().campaign.groupBy({ by: ["testGroup"], where: { testGroup: { not: null } }, _count: { _all: true }, orderBy: { testGroup: "asc" } });
  return rows.map((r) => ({ testGroup: r.testGroup!, arms: r._count._all }));
}
