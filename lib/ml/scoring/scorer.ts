// A trained scorer: one model and the calibration that turns its margins into honest probabilities. Logistic
// regression is calibrated by its loss; the tree models are calibrated on held-out training rows (Platt,
// isotonic or none, whichever has the lower cross-validated log-loss there), the same rows gradient boosting
// stops early on, so no test row ever shapes a model.
import { MlRangeError } from "../errors";
import { takeRows, type FeatureTable, type LabelledTable } from "./features";
import { applyCalibrationAll, chooseCalibration, parseCalibration, toMargin, type Calibration } from "./metrics/calibrate";
import type { FitReport, RowContributions, ScoringAlgorithm, ScoringKind, ScoringModelHeader } from "./model";
import { logisticRegression } from "./logistic/logistic";
import { chooseL2ByCrossValidation } from "./logistic/logistic-cv";
import { gradientBoostedTrees } from "./trees/gbt";
import { randomForest } from "./trees/forest";
import { stratifiedSplit } from "./split";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own model and option types
export const SCORING_ALGORITHMS: Record<ScoringKind, ScoringAlgorithm<any, any>> = {
  logistic: logisticRegression,
  forest: randomForest,
  gbt: gradientBoostedTrees,
};

export const SCORING_KINDS = Object.keys(SCORING_ALGORITHMS) as ScoringKind[];

export interface Scorer {
  readonly kind: ScoringKind;
  readonly model: ScoringModelHeader;
  readonly calibration: Calibration;
}

export interface FitScorerOptions {
  readonly seed: number;
  /** Share of the training rows held out for calibration (and early stopping) of the tree models. */
  readonly calibrationShare?: number;
  readonly options?: Record<string, unknown>;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FittedScorer {
  readonly scorer: Scorer;
  readonly report: FitReport;
  /** Settings chosen on the training rows (logistic regression's penalty by cross-validation), and how long that took. */
  readonly tuning: { readonly l2: number; readonly seconds: number } | null;
}

export function fitScorer(kind: ScoringKind, table: LabelledTable, o: FitScorerOptions): FittedScorer {
  const algorithm = SCORING_ALGORITHMS[kind];
  if (!algorithm) throw new MlRangeError(`unknown scoring model "${String(kind)}" (models: ${SCORING_KINDS.join(", ")})`);
  if (kind === "logistic") {
    const started = performance.now();
    const tuning = o.options?.l2 === undefined ? { l2: chooseL2ByCrossValidation(tuningRows(table, o.seed), { ...o.options, seed: o.seed }).l2, seconds: 0 } : null;
    if (tuning) tuning.seconds = (performance.now() - started) / 1000;
    const { model, report } = algorithm.fit(table, { ...o.options, ...(tuning && { l2: tuning.l2 }), seed: o.seed, onProgress: o.onProgress });
    return { scorer: { kind, model, calibration: { kind: "none" } }, report, tuning };
  }
  const { train, test } = stratifiedSplit(table.label, o.calibrationShare ?? 0.1, o.seed);
  const fitRows = takeRows(table, train);
  const held = takeRows(table, test);
  const options = kind === "gbt" ? { ...o.options, validation: held } : o.options;
  const { model, report } = algorithm.fit(fitRows, { ...options, seed: o.seed, onProgress: o.onProgress });
  const margins = algorithm.predict(model, held).map(toMargin);
  const { calibration } = chooseCalibration(margins, held.label, o.seed);
  return { scorer: { kind, model, calibration }, report, tuning: null };
}

// The penalty is chosen on at most this many rows (a stratified sample): on 660,000 impressions the 40
// cross-validation fits took 55 s, against 7.7 s for the final fit (bench:scoring part 2), and with this
// many rows the choice barely moves the fit. The final fit uses every row.
const TUNING_ROWS = 100_000;

function tuningRows(table: LabelledTable, seed: number): LabelledTable {
  if (table.rows <= TUNING_ROWS) return table;
  return takeRows(table, stratifiedSplit(table.label, TUNING_ROWS / table.rows, seed, "tuning sample").test);
}

/** Calibrated P(positive) for every row. */
export function scoreRows(scorer: Scorer, table: FeatureTable): Float64Array {
  const p = SCORING_ALGORITHMS[scorer.kind].predict(scorer.model, table);
  if (scorer.calibration.kind === "none") return p;
  return applyCalibrationAll(scorer.calibration, p.map(toMargin));
}

/** The model's own log-odds contributions; calibration is monotone, so their order and signs stand. */
export function explainScore(scorer: Scorer, table: FeatureTable, row: number): RowContributions {
  return SCORING_ALGORITHMS[scorer.kind].explain(scorer.model, table, row);
}

export function scorerToJSON(scorer: Scorer): unknown {
  return { kind: scorer.kind, model: SCORING_ALGORITHMS[scorer.kind].toJSON(scorer.model), calibration: scorer.calibration };
}

/** Rebuilds a scorer from {@link scorerToJSON}'s output; throws MlRangeError naming what is wrong. */
export function scorerFromJSON(json: unknown): Scorer {
  if (!json || typeof json !== "object") throw new MlRangeError(`not a stored scorer: got ${json === null ? "null" : typeof json}`);
  const o = json as Record<string, unknown>;
  const algorithm = SCORING_ALGORITHMS[o.kind as ScoringKind];
  if (!algorithm) throw new MlRangeError(`not a stored scorer: unknown kind ${String(o.kind)}`);
  return { kind: algorithm.kind, model: algorithm.fromJSON(o.model), calibration: parseCalibration(o.calibration) };
}
