// A campaign's activity over time: daily totals rolled up to days, weeks or months, each point with its
// CTR and that CTR's Wilson 95% interval, drawn as a band so a thin week does not read as a collapse.
import { wilsonInterval } from "../stats";
import type { CampaignTotals } from "./campaign-kpis";
import { rollUpDaily, type Grain } from "./sales-series";

export interface CampaignDay extends CampaignTotals {
  day: string;
}

export interface CampaignPoint extends CampaignTotals {
  /** First day of the bucket, YYYY-MM-DD (weeks start on Monday). */
  period: string;
  /** null when the bucket has no impressions. */
  ctr: number | null;
  ctrLow: number | null;
  ctrHigh: number | null;
}

export function rollUpCampaignSeries(daily: readonly CampaignDay[], from: Date, to: Date, grain: Grain): CampaignPoint[] {
  const empty = (period: string): CampaignPoint => ({ period, impressions: 0, clicks: 0, conversions: 0, cost: 0, revenue: 0, ctr: null, ctrLow: null, ctrHigh: null });
  return rollUpDaily(daily, from, to, grain, empty, (b, d) => {
    b.impressions += d.impressions;
    b.clicks += d.clicks;
    b.conversions += d.conversions;
    b.cost += d.cost;
    b.revenue += d.revenue;
  }).map((b) => {
    const w = b.clicks <= b.impressions ? wilsonInterval(b.clicks, b.impressions) : null;
    return { ...b, cost: round2(b.cost), revenue: round2(b.revenue), ctr: w?.estimate ?? null, ctrLow: w?.low ?? null, ctrHigh: w?.high ?? null };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;
