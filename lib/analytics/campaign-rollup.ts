// Campaign totals summed by a dimension (channel, ad type, ad position, variant) or by customer group,
// and the campaign × group grid a heatmap draws, with cells too thin to judge marked as such.
import { campaignKpis, type CampaignKpis, type CampaignTotals } from "./campaign-kpis";

export const zeroTotals = (): CampaignTotals => ({ impressions: 0, clicks: 0, conversions: 0, cost: 0, revenue: 0 });

export function addTotals(into: CampaignTotals, t: CampaignTotals): CampaignTotals {
  into.impressions += t.impressions;
  into.clicks += t.clicks;
  into.conversions += t.conversions;
  into.cost += t.cost;
  into.revenue += t.revenue;
  return into;
}

export interface RollUpRow extends CampaignTotals {
  label: string;
  campaigns: number;
  kpis: CampaignKpis;
}

/** Rows summed by `keyOf` (null keys are grouped as `missing`), largest by impressions first. */
export function rollUpBy<T extends CampaignTotals>(rows: readonly T[], keyOf: (row: T) => string | null, missing = "Not set"): RollUpRow[] {
  const groups = new Map<string, { totals: CampaignTotals; campaigns: number }>();
  for (const r of rows) {
    const key = keyOf(r) ?? missing;
    const g = groups.get(key) ?? { totals: zeroTotals(), campaigns: 0 };
    addTotals(g.totals, r);
    g.campaigns++;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([label, g]) => ({ label, campaigns: g.campaigns, ...g.totals, kpis: campaignKpis(g.totals) }))
    .sort((a, b) => b.impressions - a.impressions || a.label.localeCompare(b.label));
}

export type HeatMetric = "ctr" | "conversion-rate" | "roi";
export const HEAT_METRICS: readonly HeatMetric[] = ["ctr", "conversion-rate", "roi"];
export const HEAT_METRIC_LABEL: Record<HeatMetric, string> = { ctr: "CTR", "conversion-rate": "Conversion rate", roi: "ROI" };

/** Below these a cell's rate swings too much to compare (a Wilson interval wider than the rates compared). */
export const MIN_IMPRESSIONS_TO_JUDGE = 200;
export const MIN_CLICKS_TO_JUDGE = 30;

export interface HeatCell {
  value: number | null;
  /** Why the cell has no value or is greyed out, in words. */
  note: string | null;
  judged: boolean;
}

export function heatCell(t: CampaignTotals, metric: HeatMetric): HeatCell {
  if (t.impressions === 0 && t.clicks === 0) return { value: null, note: "no activity", judged: false };
  const k = campaignKpis(t);
  const figure = metric === "ctr" ? k.ctr : metric === "conversion-rate" ? k.conversionRate : k.roi;
  if (figure.value === null) return { value: null, note: figure.reason, judged: false };
  const value = figure.value;
  if (t.impressions < MIN_IMPRESSIONS_TO_JUDGE) return { value, note: t.impressions === 0 ? "no impressions recorded: too little to judge" : `only ${t.impressions} impressions: too few to judge`, judged: false };
  // Conversion rate and ROI both rest on the conversions behind the clicks: a handful of clicks swings them.
  if (metric !== "ctr" && t.clicks < MIN_CLICKS_TO_JUDGE) return { value, note: `only ${t.clicks} clicks: too few to judge`, judged: false };
  return { value, note: null, judged: true };
}
