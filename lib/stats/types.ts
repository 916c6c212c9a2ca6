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
  /**
   * The counts the test assigned to each arm (customers, or impressions when the impression is what
   * is randomised), in the order of `arms`. The sample ratio check uses them. Without them it falls
   * back to each arm's `units`, which for a rate per click are clicks, an outcome of the treatment
   * rather than the assignment: a real difference in CTR then looks like a sample ratio mismatch.
   */
  assignedUnits?: number[];
}

export type Outcome = "variant-wins" | "control-wins" | "equivalent" | "inconclusive" | "no-data";

export interface Comparison {
  variant: string;
  control: string;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciAbsolute: [number, number] | null;
  /**
   * Interval of the relative lift: the delta method on log(variant/control) when both estimates are
   * above 0 (never below −100%), the linear delta method otherwise (see the notes); the exact credible
   * interval for rates in bayesian mode.
   */
  ci: [number, number] | null;
  pValue: number | null;
  adjustedPValue: number | null;
  chanceToBeatControl: number | null;
  /** E[max(control − variant, 0)] (reversed when lower is better), in the metric's own units. */
  expectedLoss: number | null;
  significant: boolean;
  outcome: Outcome;
  verdict: string;
  /**
   * Set when the interval `ci` excludes 0 but the method's (corrected) test does not reject "no
   * change": the outcome is then "inconclusive" and this sentence, also quoted in the verdict, says why.
   */
  disagreement: string | null;
  moreUnitsNeeded: number | null;
  cupedVarianceReduction: number | null;
  reason: string | null;
}

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  flagged: boolean;
  /** The counts tested. */
  observed: number[];
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
  /** basis: whether the check used the assigned counts (input.assignedUnits) or the metric's own units. */
  srm: (SrmResult & { basis: "assigned-units" | "metric-units" }) | null;
  notes: string[];
}
