// What every scoring model offers, so evaluation, reasons, targeting and the contract suite treat logistic
// regression, the random forest and boosted trees alike. Scores are probabilities of the positive class;
// contributions are in log-odds (the model's margin): `base + Σ contributions = logit(p)` for every row, so
// "why this score" adds up to the score it explains.
import type { FeatureSchema, FeatureTable, LabelledTable } from "./features";

export type ScoringKind = "logistic" | "forest" | "gbt";

export interface ScoringModelHeader {
  readonly kind: ScoringKind;
  readonly version: number;
  /** The training columns, in order; a table to score must match them (levels may be appended). */
  readonly schema: readonly FeatureSchema[];
}

export interface FitReport {
  readonly iterations: number;
  readonly converged: boolean;
}

/** One row's explanation: the margin with no information, and each feature's push away from it. */
export interface RowContributions {
  /** Log-odds before any feature is known (for trees, the mean margin over the training rows). */
  readonly base: number;
  /** One value per schema feature, in schema order, in log-odds. */
  readonly values: Float64Array;
}

export interface ScoringAlgorithm<M extends ScoringModelHeader, O> {
  readonly kind: ScoringKind;
  fit(table: LabelledTable, options?: Partial<O> & { seed?: number; onProgress?: (done: number, total: number) => void }): { model: M; report: FitReport };
  /** P(positive) for every row of `table`. */
  predict(model: M, table: FeatureTable): Float64Array;
  /** Each feature's contribution to row `row`'s log-odds. */
  explain(model: M, table: FeatureTable, row: number): RowContributions;
  toJSON(model: M): unknown;
  /** Rebuilds a model from {@link toJSON}'s output; throws MlRangeError naming what is wrong. */
  fromJSON(json: unknown): M;
}
