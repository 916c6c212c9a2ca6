// "Why this score" in words: a row's largest log-odds contributions as odds multipliers with the value that
// produced them ("ad position sidebar: 0.64× the odds"), and a logistic regression's odds ratios as
// sentences ("ad position “sidebar” has 0.6× the odds of a click of “top” (95% 0.5–0.7)").
import type { FeatureTable } from "../ml/scoring/features";
import type { RowContributions } from "../ml/scoring/model";

export interface Reason {
  readonly feature: string;
  /** The row's value as shown ("sidebar", "62", "unknown"). */
  readonly value: string;
  /** The contribution in log-odds. */
  readonly contribution: number;
  /** exp(contribution): how many times the odds this feature multiplies. */
  readonly oddsFactor: number;
  readonly text: string;
}

function shownValue(table: FeatureTable, feature: number, row: number): string {
  const f = table.features[feature]!;
  if (f.kind === "categorical") {
    const c = f.codes[row]!;
    return c < 0 ? "unknown" : f.levels[c]!;
  }
  const v = f.values[row]!;
  if (Number.isNaN(v)) return "unknown";
  return Math.abs(v) >= 100 || Number.isInteger(v) ? Math.round(v).toLocaleString("en") : String(Math.round(v * 100) / 100);
}

export function formatFactor(x: number): string {
  return x >= 10 ? x.toFixed(0) : x >= 0.095 ? x.toFixed(2).replace(/0$/, "").replace(/\.$/, "") : x.toPrecision(1);
}

/** The `top` contributions by size, in words; features that barely move the odds (under 2%) are left out. */
export function reasonsOf(table: FeatureTable, row: number, c: RowContributions, top = 3): Reason[] {
  return Array.from(c.values, (contribution, feature) => ({ feature, contribution }))
    .filter((x) => Math.abs(x.contribution) >= Math.log(1.02))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature - b.feature)
    .slice(0, top)
    .map(({ feature, contribution }) => {
      const name = table.features[feature]!.name;
      const value = shownValue(table, feature, row);
      const oddsFactor = Math.exp(contribution);
      const direction = contribution > 0 ? "raises" : "lowers";
      return { feature: name, value, contribution, oddsFactor, text: `${name} ${value} ${direction} the odds ${formatFactor(oddsFactor)}×` };
    });
}

export interface OddsRatioLike {
  readonly feature: string;
  readonly level?: string;
  readonly reference?: string;
  readonly per: "sd" | "level";
  readonly oddsRatio: number;
  readonly low: number;
  readonly high: number;
  readonly perUnit?: { readonly oddsRatio: number };
}

/** One sentence per odds ratio; `outcome` is "a click" or "a conversion". */
export function describeOddsRatio(r: OddsRatioLike, outcome: string, sd?: number): string {
  const interval = `(95% ${formatFactor(r.low)}–${formatFactor(r.high)})`;
  if (r.per === "level") return `${r.feature} “${r.level}” has ${formatFactor(r.oddsRatio)}× the odds of ${outcome} of “${r.reference}” ${interval}`;
  const step = sd === undefined ? "one standard deviation" : `${Math.round(sd * 100) / 100} (one standard deviation)`;
  return `each ${step} more ${r.feature} multiplies the odds of ${outcome} by ${formatFactor(r.oddsRatio)} ${interval}`;
}
