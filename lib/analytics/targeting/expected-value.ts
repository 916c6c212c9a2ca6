// Expected outcomes of showing each customer one impression: clicks = P(click), conversions = P(click) ×
// P(conversion | click), value = conversions × order value. Everything else on the targeting page (the
// audience, the gain curve, the bids) is a sum or a ratio of these.
import { MlRangeError } from "../../ml/errors";
import { type CostModel, type Selection, type TargetingInputs, checkImpressions, checkInputs, selectedRows } from "./inputs";

export interface ExpectedValues {
  /** Expected clicks per impression (= pClick). */
  readonly clicks: Float64Array;
  /** Expected conversions per impression. */
  readonly conversions: Float64Array;
  /** Expected revenue per impression (EV). */
  readonly ev: Float64Array;
}

export interface SelectionTotals {
  readonly customers: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly conversions: number;
  readonly revenue: number;
}

export function expectedValues(inputs: TargetingInputs): ExpectedValues {
  const n = checkInputs("expectedValues", inputs);
  const { pClick, pConvert, orderValue } = inputs;
  const conversions = new Float64Array(n);
  const ev = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    conversions[i] = pClick[i]! * pConvert[i]!;
    ev[i] = conversions[i]! * orderValue[i]!;
  }
  return { clicks: Float64Array.from(pClick), conversions, ev };
}

/** Expected totals over the selection (all customers when none is given), `impressionsPerCustomer` each. */
export function selectionTotals(values: ExpectedValues, selection?: Selection, impressionsPerCustomer = 1): SelectionTotals {
  checkImpressions("selectionTotals", impressionsPerCustomer);
  const n = values.ev.length;
  const rows = selection ? selectedRows("selectionTotals", selection, n) : undefined;
  const count = rows ? rows.length : n;
  let clicks = 0;
  let conversions = 0;
  let revenue = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k]! : k;
    clicks += values.clicks[i]!;
    conversions += values.conversions[i]!;
    revenue += values.ev[i]!;
  }
  const m = impressionsPerCustomer;
  return { customers: count, impressions: count * m, clicks: clicks * m, conversions: conversions * m, revenue: revenue * m };
}

/** What reaching one customer `impressionsPerCustomer` times is expected to cost. */
export function customerCost(cost: CostModel, clicksPerImpression: number, impressionsPerCustomer: number): number {
  return cost.kind === "cpm" ? (impressionsPerCustomer * cost.cpm) / 1000 : impressionsPerCustomer * clicksPerImpression * cost.cpc;
}

/** revenue / cost − 1; null when nothing is spent (no ratio to speak of). */
export function roiOf(revenue: number, cost: number): number | null {
  return cost > 0 ? revenue / cost - 1 : null;
}

/** What customers are ranked by: expected value, clicks or conversions per impression, or a score of your own. */
export type RankBy = "ev" | "clicks" | "conversions" | Float64Array;

export function rankingOf(fn: string, values: ExpectedValues, rankBy: RankBy = "ev"): Float64Array {
  if (rankBy === "ev") return values.ev;
  if (rankBy === "clicks") return values.clicks;
  if (rankBy === "conversions") return values.conversions;
  if (rankBy.length !== values.ev.length) throw new MlRangeError(`${fn}: the ranking has ${rankBy.length} entries but there are ${values.ev.length} customers`);
  for (let i = 0; i < rankBy.length; i++) {
    if (!Number.isFinite(rankBy[i]!)) throw new MlRangeError(`${fn}: ranking[${i}] is ${rankBy[i]}; ranking values must be finite`);
  }
  return rankBy;
}
