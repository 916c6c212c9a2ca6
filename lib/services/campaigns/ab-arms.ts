// Turns A/B arms' database sums into the engine's sufficient statistics (lib/stats), per metric and unit.
// Unit: the customer when the arms' events name customers (ratio metrics by the delta method, CUPED on
// pre-period spend), else the impression (two-proportion tests on the platform's totals).
import type { ArmMoments } from "../../stats";
import type { CustomerArmSums } from "../../db/ab-test-data";
import type { CampaignTotals } from "../../analytics/campaign-kpis";

export const AB_METRICS = ["ctr", "conversion-rate", "revenue", "conversions"] as const;
export type AbMetric = (typeof AB_METRICS)[number];
export const AB_METRIC_LABEL: Record<AbMetric, string> = { ctr: "CTR", "conversion-rate": "Conversion rate", revenue: "Revenue per customer", conversions: "Conversions per customer" };
export type AbUnit = "customer" | "impression";

export const isAbMetric = (s: string): s is AbMetric => (AB_METRICS as readonly string[]).includes(s);

/** Metrics that can be measured on a unit (revenue and conversions per customer need customers). */
export const metricsFor = (unit: AbUnit): AbMetric[] => (unit === "customer" ? [...AB_METRICS] : ["ctr", "conversion-rate"]);

/** What the arm's exposures and successes are, in words, for the tables and the CLI. */
export function exposureWord(metric: AbMetric, unit: AbUnit): string {
  if (unit === "customer") return "customers";
  return metric === "conversion-rate" ? "clicks" : "impressions";
}

export function customerMoments(metric: AbMetric, s: CustomerArmSums): ArmMoments {
  switch (metric) {
    case "ctr":
      return { kind: "ratio", units: s.customers, numSum: s.clk, numSumSquares: s.clk2, denSum: s.imp, denSumSquares: s.imp2, sumProducts: s.impClk, covariate: { sum: s.x, sumSquares: s.x2, sumProductsWithMetric: s.xClk, sumProductsWithDen: s.xImp } };
    case "conversion-rate":
      return { kind: "ratio", units: s.customers, numSum: s.conv, numSumSquares: s.conv2, denSum: s.clk, denSumSquares: s.clk2, sumProducts: s.clkConv, covariate: { sum: s.x, sumSquares: s.x2, sumProductsWithMetric: s.xConv, sumProductsWithDen: s.xClk } };
    case "revenue":
      return { kind: "mean", units: s.customers, sum: s.rev, sumSquares: s.rev2, covariate: { sum: s.x, sumSquares: s.x2, sumProductsWithMetric: s.xRev } };
    case "conversions":
      return { kind: "mean", units: s.customers, sum: s.conv, sumSquares: s.conv2, covariate: { sum: s.x, sumSquares: s.x2, sumProductsWithMetric: s.xConv } };
  }
}

export function impressionMoments(metric: AbMetric, t: CampaignTotals): ArmMoments | null {
  if (metric === "ctr") return { kind: "proportion", units: t.impressions, successes: Math.min(t.clicks, t.impressions) };
  if (metric === "conversion-rate") return { kind: "proportion", units: t.clicks, successes: Math.min(t.conversions, t.clicks) };
  return null;
}

/**
 * What each arm's rate is made of, as the tables and the CLI print it: the units assigned (customers or
 * impressions), and the numerator and denominator of the metric (clicks of impressions, conversions of
 * clicks, revenue of customers), so rate = successes ÷ trials on every row.
 */
export function armCounts(metric: AbMetric, unit: AbUnit, c: { sums?: CustomerArmSums; totals: CampaignTotals }): { exposures: number; successes: number; trials: number } {
  if (unit === "customer") {
    const s = c.sums;
    const customers = s?.customers ?? 0;
    if (metric === "ctr") return { exposures: customers, successes: s?.clk ?? 0, trials: s?.imp ?? 0 };
    if (metric === "conversion-rate") return { exposures: customers, successes: s?.conv ?? 0, trials: s?.clk ?? 0 };
    if (metric === "revenue") return { exposures: customers, successes: Math.round((s?.rev ?? 0) * 100) / 100, trials: customers };
    return { exposures: customers, successes: s?.conv ?? 0, trials: customers };
  }
  return metric === "conversion-rate" ? { exposures: c.totals.impressions, successes: c.totals.conversions, trials: c.totals.clicks } : { exposures: c.totals.impressions, successes: c.totals.clicks, trials: c.totals.impressions };
}

/** The words for an arm's successes and trials under a metric, for table headers. */
export function countWords(metric: AbMetric): { successes: string; trials: string } {
  if (metric === "ctr") return { successes: "clicks", trials: "impressions" };
  if (metric === "conversion-rate") return { successes: "conversions", trials: "clicks" };
  if (metric === "revenue") return { successes: "revenue", trials: "customers" };
  return { successes: "conversions", trials: "customers" };
}
