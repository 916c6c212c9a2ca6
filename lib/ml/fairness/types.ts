// The shapes a fairness report is made of. Inputs are plain columns (one entry per row); outputs are plain
// JSON-ready objects with null, never NaN, wherever a figure is undefined (no positives, too few rows).

/** A protected (or any) attribute: one value per row; null is an unknown value. */
export interface GroupAttribute {
  readonly name: string;
  readonly values: readonly (string | null)[];
}

/** The cut that turns scores into a decision: the top share by score, or every score ≥ a threshold. */
export type Cut = { readonly topShare: number } | { readonly threshold: number };

/** The cut as applied: how many rows it selected and the lowest score it let through. */
export interface ResolvedCut {
  readonly kind: "topShare" | "threshold";
  readonly topShare: number | null;
  readonly threshold: number | null;
  readonly rows: number;
  readonly selected: number;
  /** The lowest score among the selected rows; null when nothing was selected. */
  readonly lowestSelectedScore: number | null;
}

export type SignificanceTest = "z" | "fisher";

export interface GroupMetrics {
  /** The attribute's name, or "a × b" for an intersection. */
  readonly attribute: string;
  /** The value, "unknown" for rows whose value is null, or "x × y" for an intersection. */
  readonly value: string;
  readonly intersection: boolean;
  /** True for the rows whose value is unknown: listed, never the reference, never tested. */
  readonly unknown: boolean;
  readonly count: number;
  readonly selected: number;
  readonly selectionRate: number;
  /** selectionRate / the highest selection rate among the attribute's sized, known groups. */
  readonly ratioToHighest: number | null;
  /** True for the group with the highest selection rate among its attribute's sized, known groups. */
  readonly isHighest: boolean;
  /** Rows with label 1; null when labels are unknown. */
  readonly positives: number | null;
  readonly truePositiveRate: number | null;
  readonly falsePositiveRate: number | null;
  readonly meanScore: number;
  /** The observed rate of label 1. */
  readonly positiveRate: number | null;
  /** meanScore − positiveRate: above 0 when scores overstate the observed rate. */
  readonly calibrationGap: number | null;
  /** Fewer rows than minGroupSize: listed, never tested or flagged. */
  readonly tooSmall: boolean;
  /** The test of this group's selection rate against the highest group's; null when not tested. */
  readonly test: SignificanceTest | null;
  readonly pValue: number | null;
  /** Holm-adjusted across every comparison of the report. */
  readonly adjustedPValue: number | null;
}

export interface DisparateImpactFlag {
  readonly attribute: string;
  readonly value: string;
  readonly intersection: boolean;
  readonly selectionRate: number;
  readonly ratioToHighest: number;
  readonly highestValue: string;
  readonly highestSelectionRate: number;
  readonly count: number;
  readonly pValue: number;
  readonly adjustedPValue: number;
  readonly test: SignificanceTest;
}

/** The spread of one rate across an attribute's sized, known groups, with the two ends named. */
export interface RateGap {
  readonly gap: number;
  readonly highest: { readonly value: string; readonly rate: number };
  readonly lowest: { readonly value: string; readonly rate: number };
}

export interface AttributeGaps {
  readonly attribute: string;
  readonly intersection: boolean;
  /** max − min true-positive rate; null without labels or with fewer than two groups that have positives. */
  readonly equalOpportunity: RateGap | null;
  /** max − min false-positive rate, likewise over groups that have negatives. */
  readonly falsePositive: RateGap | null;
}

export type ModelFeature =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly name: string; readonly kind: "categorical"; readonly values: readonly (string | null)[] };

export interface ProxyAlert {
  readonly feature: string;
  readonly attribute: string;
  /** Bias-corrected Cramér's V (Bergsma 2013), the figure the threshold is applied to. */
  readonly cramersV: number;
  /** The classic, uncorrected Cramér's V (what scipy's association(…, method="cramer") gives). */
  readonly cramersVRaw: number;
  /** Rows with both the feature and the attribute known. */
  readonly rows: number;
  readonly note: string;
}

/** Everything the report measures, before it is put into words. */
export interface FairnessFindings {
  readonly cut: ResolvedCut;
  readonly minGroupSize: number;
  readonly alpha: number;
  readonly ratioThreshold: number;
  readonly proxyThreshold: number;
  readonly labelled: boolean;
  /** How many model features were checked for proxies (0 when none were given). */
  readonly featuresChecked: number;
  readonly groups: readonly GroupMetrics[];
  readonly flags: readonly DisparateImpactFlag[];
  readonly gaps: readonly AttributeGaps[];
  readonly proxies: readonly ProxyAlert[];
}

export interface FairnessReport extends FairnessFindings {
  readonly summary: readonly string[];
}
