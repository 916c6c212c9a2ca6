// Fits each uplift model on the training rows and judges it on the test rows by what a campaign planner
// asks: does the ranking find the customers the campaign changes (the Qini coefficient), how does the
// observed uplift fall from the top decile to the bottom, and how much more does the top 30% gain than
// everyone. Every figure comes from the test rows' own treated/holdout split, never from the predictions.
import { checkFraction } from "../checks";
import { MlRangeError } from "../errors";
import type { ScoringKind } from "../scoring/model";
import { checkUpliftColumns, requireBothGroups, streamSeed, type UpliftSample } from "./inputs";
import { observedUpliftAt, qiniScore, upliftByDecile, type ObservedUplift, type QiniScore, type UpliftDecile } from "./qini";
import { fitUpliftModel, predictUplift, UPLIFT_KINDS, type UpliftKind, type UpliftModel } from "./uplift-model";

export interface EvaluateUpliftOptions {
  readonly kinds?: readonly UpliftKind[];
  /** The scoring model inside each uplift model. */
  readonly base: ScoringKind;
  readonly seed: number;
  readonly options?: Record<string, unknown>;
  /** Share of the test rows called "the top"; default 0.3. */
  readonly topShare?: number;
}

export interface UpliftEvaluation {
  readonly kind: UpliftKind;
  readonly model: UpliftModel;
  readonly qini: QiniScore;
  readonly deciles: UpliftDecile[];
  /** Observed uplift among the top `topShare` of test rows by predicted uplift. */
  readonly top: ObservedUplift;
  /** Observed uplift over all test rows: what treating everyone gains per customer. */
  readonly overall: ObservedUplift;
  /** Fit and prediction time. */
  readonly seconds: number;
}

export function evaluateUplift(train: UpliftSample, test: UpliftSample, o: EvaluateUpliftOptions): UpliftEvaluation[] {
  const kinds = o.kinds ?? UPLIFT_KINDS;
  if (kinds.length === 0) throw new MlRangeError("evaluateUplift: kinds is empty; name at least one uplift model");
  const topShare = checkFraction("evaluateUplift: topShare", o.topShare ?? 0.3);
  requireBothGroups("evaluateUplift (test rows)", checkUpliftColumns("evaluateUplift (test rows)", test.table.rows, test.outcome, test.treated));
  return kinds.map((kind) => {
    const started = performance.now();
    const model = fitUpliftModel(kind, train.table, train.outcome, train.treated, { kind: o.base, seed: streamSeed(o.seed, kind), options: o.options });
    const uplift = predictUplift(model, test.table);
    const seconds = (performance.now() - started) / 1000;
    return {
      kind,
      model,
      qini: qiniScore(uplift, test.outcome, test.treated),
      deciles: upliftByDecile(uplift, test.outcome, test.treated),
      top: observedUpliftAt(uplift, test.outcome, test.treated, topShare),
      overall: observedUpliftAt(uplift, test.outcome, test.treated, 1),
      seconds,
    };
  });
}
