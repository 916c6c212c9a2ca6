// The shapes of an A/B analysis. Arms arrive as sufficient statistics (counts, sums, sums of squares)
// so the SQL can GROUP BY arm and the engine stays O(arms) whatever the traffic.

/** Σx, Σx² of a pre-period covariate and its cross products with the metric, for CUPED. */
export interface Covariate {
  sum: number;
  sumSquares: number;
  /** Σ x·y; for a ratio metric Σ x·numerator. */
  sumProductsWithMetric: number;
  /** Σ x·denominator, ratio metrics only. */
  sumProductsWithDen?: number;
}

export type ArmMoments =
  /** unit = impression (or click, for a conversion rate); successes = clicks (or conversions). */
  | { kind: "proportion"; units: number; successes: number }
  /** per-unit values, e.g. revenue per customer. */
  | { kind: "mean"; units: number; sum: number; sumSquares: number; covariate?: Covariate }
  /** per-unit numerator and denominator, e.g. clicks / impressions with the customer as unit. */
  | {
      kind: "ratio";
      units: number;
      numSum: number;
      numSumSquares: number;
      denSum: number;
      denSumSquares: number;
      sumProducts: number;
      covariate?: Covariate;
    };

export interface ArmInput {
  name: string;
  moments: ArmMoments;
}

export interface AbTestOptions {
  method: "frequentist" | "bayesian" | "sequential";
  confidence: number;
  correction: "holm" | "benjamini-hochberg";
  prior: { alpha: number; beta: number };
  sequentialTuning: number;
  equivalenceMargin: number;
  cuped: boolean;
  power: number;
  higherIsBetter: boolean;
}

export interface AbTestInput {
  /** unitLabel names the unit in advice ("impressions", "customers"); defaults by metric kind. */
  metric: { key: string; label: string; unitLabel?: string };
  arms: ArmInput[];
  controlIndex: number;
  intendedShares?: number[];
}

export type Outcome = "variant-wins" | "control-wins" | "equivalent" | "inconclusive" | "no-data";

export interface Comparison {
  variant: string;
  control: string;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciAbsolute: [number, number] | null;
  /** Interval of the relative lift (delta method); the credible interval in bayesian mode. */
  ci: [number, number] | null;
  pValue: number | null;
  adjustedPValue: number | null;
  chanceToBeatControl: number | null;
  /** E[max(control − variant, 0)] (reversed when lower is better), in the metric's own units. */
  expectedLoss: number | null;
  significant: boolean;
  outcome: Outcome;
  verdict: string;
  moreUnitsNeeded: number | null;
  cupedVarianceReduction: number | null;
  reason: string | null;
}

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  flagged: boolean;
  expected: number[];
}

export interface AbTestResult {
  method: AbTestOptions["method"];
  correction: string | null;
  /** The confidence asked for; intervals of several comparisons are shown at an adjusted level (see notes). */
  confidence: number;
  metric: { key: string; label: string; kind: ArmMoments["kind"] };
  arms: { name: string; units: number; value: number | null; interval: [number, number] | null }[];
  comparisons: Comparison[];
  srm: SrmResult | null;
  notes: string[];
}
