// Choosing whom to reach: the top N by a ranking, everyone above a score, or as many as a budget pays for,
// best expected value first. Each answer comes with what it is expected to bring and cost, so the page can
// show the trade-off rather than just a list.
import { MlRangeError } from "../../ml/errors";
import { descendingOrder } from "../../ml/scoring/metrics/order";
import { type ExpectedValues, type RankBy, customerCost, expectedValues, rankingOf, roiOf, selectionTotals } from "./expected-value";
import { type CostModel, type TargetingInputs, checkCost, checkImpressions } from "./inputs";

export interface AudienceOptions {
  readonly rankBy?: RankBy;
  /** Default 1. */
  readonly impressionsPerCustomer?: number;
  /** Without a price the audience has no cost, and cost and both ROIs are null. */
  readonly cost?: CostModel;
}

export interface Audience {
  /** Best first by the ranking used. */
  readonly rows: Int32Array;
  readonly size: number;
  readonly expectedImpressions: number;
  readonly expectedClicks: number;
  readonly expectedConversions: number;
  readonly expectedRevenue: number;
  readonly expectedCost: number | null;
  /** revenue / cost − 1; null with no price or nothing spent. */
  readonly expectedRoi: number | null;
  /** ROI of the last customer taken: what the audience's edge earns. */
  readonly marginalRoi: number | null;
}

export interface BudgetAudience extends Audience {
  readonly expectedCost: number;
  /** Why the walk stopped: the next customer did not fit, fell below the ROI floor, or there was no one left. */
  readonly limitedBy: "budget" | "roiFloor" | "customers";
}

/** The top `size` customers by the ranking (EV per impression by default), ties by row index; all if fewer. */
export function audienceBySize(inputs: TargetingInputs, size: number, options: AudienceOptions = {}): Audience {
  if (!(Number.isInteger(size) && size >= 0)) throw new MlRangeError(`audienceBySize: size is ${size}; it must be a whole number >= 0`);
  const values = expectedValues(inputs);
  const order = descendingOrder(rankingOf("audienceBySize", values, options.rankBy ?? "ev"));
  return describeAudience(values, order.slice(0, size), options);
}

/** Everyone with pClick (or EV per impression) ≥ threshold, highest first. */
export function audienceByScore(inputs: TargetingInputs, rule: { readonly on: "pClick" | "ev"; readonly threshold: number }, options: Omit<AudienceOptions, "rankBy"> = {}): Audience {
  if (Number.isNaN(rule.threshold)) throw new MlRangeError(`audienceByScore: threshold is ${rule.threshold}; give a number`);
  const values = expectedValues(inputs);
  const score = rule.on === "pClick" ? values.clicks : values.ev;
  const order = descendingOrder(score);
  let taken = 0;
  while (taken < order.length && score[order[taken]!]! >= rule.threshold) taken++;
  return describeAudience(values, order.slice(0, taken), options);
}

export interface BudgetRule {
  readonly cost: CostModel;
  readonly budget: number;
  /** Stop at the first customer whose own expected ROI is below this (0.2 = 20%). */
  readonly roiFloor?: number;
  readonly impressionsPerCustomer?: number;
}

// Summed float costs drift by ulps: three customers at 0.01 must fit a budget of 0.03, though
// 0.01 + 0.01 + 0.01 is 0.030000000000000002.
const BUDGET_SLACK = 1e-9;

/**
 * Customers in EV order while the expected cost so far fits the budget. The walk stops at the first
 * customer who does not fit (no skipping ahead to cheaper ones: the list stays the top of the ranking) or,
 * with a floor, at the first whose ROI is below it. A budget of 0 buys no one.
 */
export function audienceByBudget(inputs: TargetingInputs, rule: BudgetRule): BudgetAudience {
  const fn = "audienceByBudget";
  const m = rule.impressionsPerCustomer ?? 1;
  checkCost(fn, rule.cost);
  checkImpressions(fn, m);
  if (!(rule.budget >= 0 && rule.budget < Infinity)) throw new MlRangeError(`${fn}: budget is ${rule.budget}; it must be finite and >= 0`);
  if (rule.roiFloor !== undefined && !Number.isFinite(rule.roiFloor)) throw new MlRangeError(`${fn}: roiFloor is ${rule.roiFloor}; give a finite number (0.2 = 20%)`);
  const values = expectedValues(inputs);
  const order = descendingOrder(values.ev);
  const limit = rule.budget * (1 + BUDGET_SLACK);
  let spent = 0;
  let taken = 0;
  let limitedBy: BudgetAudience["limitedBy"] = rule.budget > 0 ? "customers" : "budget";
  for (; rule.budget > 0 && taken < order.length; taken++) {
    const i = order[taken]!;
    const c = customerCost(rule.cost, values.clicks[i]!, m);
    const roi = roiOf(m * values.ev[i]!, c);
    if (rule.roiFloor !== undefined && roi !== null && roi < rule.roiFloor) {
      limitedBy = "roiFloor";
      break;
    }
    if (spent + c > limit) {
      limitedBy = "budget";
      break;
    }
    spent += c;
  }
  const audience = describeAudience(values, order.slice(0, taken), { cost: rule.cost, impressionsPerCustomer: m });
  return { ...audience, expectedCost: audience.expectedCost!, limitedBy };
}

// Cost comes from the totals (impressions × CPM / 1000, or clicks × CPC) rather than from the walk's running
// sum, so every audience reports it the same way.
function describeAudience(values: ExpectedValues, rows: Int32Array, options: Omit<AudienceOptions, "rankBy">): Audience {
  const m = options.impressionsPerCustomer ?? 1;
  checkImpressions("audience", m);
  if (options.cost) checkCost("audience", options.cost);
  const t = selectionTotals(values, rows, m);
  const cost = options.cost;
  const expectedCost = cost === undefined ? null : cost.kind === "cpm" ? (t.impressions * cost.cpm) / 1000 : t.clicks * cost.cpc;
  const last = rows.length > 0 ? rows[rows.length - 1]! : -1;
  const marginalRoi = cost === undefined || last < 0 ? null : roiOf(m * values.ev[last]!, customerCost(cost, values.clicks[last]!, m));
  return {
    rows,
    size: rows.length,
    expectedImpressions: t.impressions,
    expectedClicks: t.clicks,
    expectedConversions: t.conversions,
    expectedRevenue: t.revenue,
    expectedCost,
    expectedRoi: expectedCost === null ? null : roiOf(t.revenue, expectedCost),
    marginalRoi,
  };
}
