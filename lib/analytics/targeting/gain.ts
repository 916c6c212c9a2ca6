// How concentrated the expected outcome is under a ranking: the gain curve and the one sentence a campaign
// is planned with ("the top 20% of customers hold 48% of expected clicks").
import { MlRangeError } from "../../ml/errors";
import { type GainPoint, gainCurve } from "../../ml/scoring/metrics/gain-lift";
import { descendingOrder } from "../../ml/scoring/metrics/order";
import { type ExpectedValues, type RankBy, expectedValues, rankingOf } from "./expected-value";
import type { TargetingInputs } from "./inputs";
import { percentText } from "./wording";

export type GainValue = "clicks" | "conversions" | "revenue";

const VALUE_NAMES: Record<GainValue, string> = { clicks: "expected clicks", conversions: "expected conversions", revenue: "expected revenue" };

export interface GainOptions {
  /** What is summed; default "revenue" (EV). */
  readonly value?: GainValue;
  /** The ranking; default EV per impression. A Float64Array is a score of your own, one per customer. */
  readonly rankBy?: RankBy;
}

export interface GainSummary {
  readonly populationShare: number;
  readonly valueShare: number;
  readonly text: string;
}

/** The gain curve at `points` + 1 evenly spaced shares, from (0, 0) to (1, 1). */
export function targetingGain(inputs: TargetingInputs, options: GainOptions & { readonly points?: number } = {}): GainPoint[] {
  const values = expectedValues(inputs);
  return gainCurve(rankingOf("targetingGain", values, options.rankBy), valueOf(values, options.value ?? "revenue"), options.points ?? 100);
}

/** The share of the value the top `share` of customers hold, and the sentence for it. */
export function gainSummary(inputs: TargetingInputs, share: number, options: GainOptions = {}): GainSummary {
  if (!(share > 0 && share <= 1)) throw new MlRangeError(`gainSummary: share is ${share}; it must lie in (0, 1] (0.2 = the top 20%)`);
  const values = expectedValues(inputs);
  const value = options.value ?? "revenue";
  const held = heldShare(rankingOf("gainSummary", values, options.rankBy), valueOf(values, value), share);
  return { populationShare: share, valueShare: held, text: `The top ${percentText(share)} of customers hold ${percentText(held, 0)} of ${VALUE_NAMES[value]}.` };
}

// gainCurve's own rule at any share, not just its grid: a share that falls inside a row takes that fraction
// of the row's value. The one-point gainCurve is there for its checks, a total of 0 above all.
function heldShare(scores: Float64Array, v: Float64Array, share: number): number {
  gainCurve(scores, v, 1);
  const order = descendingOrder(scores);
  const n = order.length;
  const position = share * n;
  const whole = Math.floor(position);
  let total = 0;
  let held = 0;
  for (let k = 0; k < n; k++) {
    const x = v[order[k]!]!;
    total += x;
    if (k < whole) held += x;
    else if (k === whole) held += (position - whole) * x;
  }
  return held / total;
}

function valueOf(values: ExpectedValues, value: GainValue): Float64Array {
  return value === "clicks" ? values.clicks : value === "conversions" ? values.conversions : values.ev;
}
