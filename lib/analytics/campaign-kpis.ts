// A campaign's key figures from its totals: every rate with its Wilson interval, every cost ratio, and
// a reason in words wherever a figure cannot be computed, so no page or CLI ever prints NaN or Infinity.
import { wilsonInterval, type Interval } from "../stats";

export interface CampaignTotals {
  impressions: number;
  clicks: number;
  conversions: number;
  cost: number;
  revenue: number;
}

/** A figure, or null with the reason it has none ("no clicks yet"). */
export interface Figure {
  value: number | null;
  reason: string | null;
}

export interface RateFigure extends Figure {
  interval: Interval | null;
}

export interface CampaignKpis {
  ctr: RateFigure;
  conversionRate: RateFigure;
  cpc: Figure;
  cpa: Figure;
  cpm: Figure;
  roas: Figure;
  roi: Figure;
}

const figure = (value: number | null, reason: string | null): Figure => ({ value, reason: value === null ? reason : null });

function divide(numerator: number, denominator: number, reason: string): Figure {
  return denominator > 0 ? figure(numerator / denominator, null) : figure(null, reason);
}

function rate(successes: number, trials: number, reason: string, excess: string): RateFigure {
  // More successes than trials happens in real exports (clicks on impressions outside the range,
  // view-through conversions without a click): say so rather than clip to 100%.
  if (successes > trials && trials > 0) return { value: null, reason: excess, interval: null };
  const interval = wilsonInterval(successes, trials);
  return interval ? { value: interval.estimate, reason: null, interval } : { value: null, reason, interval: null };
}

export function campaignKpis(t: CampaignTotals): CampaignKpis {
  const noCost = "no cost recorded";
  return {
    ctr: rate(t.clicks, t.impressions, "no impressions", `more clicks (${t.clicks}) than impressions (${t.impressions}): the impressions are incomplete`),
    conversionRate: rate(t.conversions, t.clicks, "no clicks", `more conversions (${t.conversions}) than clicks (${t.clicks}): view-through conversions are counted, so see CPA instead`),
    cpc: t.cost > 0 ? divide(t.cost, t.clicks, "no clicks") : figure(null, noCost),
    cpa: t.cost > 0 ? divide(t.cost, t.conversions, "no conversions") : figure(null, noCost),
    cpm: t.cost > 0 ? divide(t.cost * 1000, t.impressions, "no impressions") : figure(null, noCost),
    roas: divide(t.revenue, t.cost, noCost),
    roi: divide(t.revenue - t.cost, t.cost, noCost),
  };
}

export interface Pacing {
  budget: number;
  spent: number;
  /** Share of the budget spent. */
  spentShare: number;
  /** Share of the flight elapsed at `asOf` (null for a campaign without dates). */
  elapsedShare: number | null;
  /** Plain words: "on pace", "spending ahead of schedule", … */
  verdict: string;
}

/** Budget spent against budget, beside how much of the flight has passed; null when no budget is known. */
export function campaignPacing(budget: number | null, spent: number, flight: { startAt: Date | null; endAt: Date | null }, asOf: Date): Pacing | null {
  if (budget === null || !(budget > 0)) return null;
  const spentShare = spent / budget;
  let elapsedShare: number | null = null;
  if (flight.startAt && flight.endAt && flight.endAt > flight.startAt) {
    const span = flight.endAt.getTime() - flight.startAt.getTime();
    elapsedShare = Math.min(1, Math.max(0, (asOf.getTime() - flight.startAt.getTime()) / span));
  }
  let verdict: string;
  if (spentShare > 1) verdict = `over budget by ${Math.round((spentShare - 1) * 100)}%`;
  else if (elapsedShare === null) verdict = `${Math.round(spentShare * 100)}% of the budget spent`;
  else if (elapsedShare >= 1) verdict = spentShare >= 0.9 ? "finished, budget spent" : `finished with ${Math.round((1 - spentShare) * 100)}% of the budget unspent`;
  else if (spentShare > elapsedShare + 0.1) verdict = "spending ahead of schedule";
  else if (spentShare < elapsedShare - 0.1) verdict = "spending behind schedule";
  else verdict = "on pace";
  return { budget, spent, spentShare, elapsedShare, verdict };
}
