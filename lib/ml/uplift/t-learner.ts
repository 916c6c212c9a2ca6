// The two-model (T-) learner: one scorer fitted on the treated customers, one on the holdout, and the uplift
// is the difference of their calibrated probabilities. It reuses the scoring models as they are and lets
// each group's baseline be anything, at the price of fitting each model on part of the rows; differences of
// two noisy estimates are noisier than either, which the class transformation avoids (./class-transformation).
import { checkHeader } from "../codec";
import { MlRangeError } from "../errors";
import { takeRows, type FeatureTable } from "../scoring/features";
import type { ScoringKind } from "../scoring/model";
import { fitScorer, scoreRows, scorerFromJSON, scorerToJSON, type Scorer } from "../scoring/scorer";
import { checkUpliftColumns, gatherFlags, requireBothGroups, requireBothOutcomes, rowsWhere, streamSeed } from "./inputs";

const KIND = "t-learner";
const VERSION = 1;

export interface UpliftFitOptions {
  /** The scoring model each part is fitted with. */
  readonly kind: ScoringKind;
  readonly seed: number;
  /** Passed to the scoring model (e.g. `{ trees: 30 }`). */
  readonly options?: Record<string, unknown>;
}

export interface TLearnerModel {
  readonly kind: typeof KIND;
  readonly version: typeof VERSION;
  /** P(outcome | features) among the treated. */
  readonly treatedModel: Scorer;
  /** P(outcome | features) in the holdout. */
  readonly controlModel: Scorer;
  /** Training rows per group. */
  readonly rows: { readonly treated: number; readonly control: number };
}

export function fitTLearner(table: FeatureTable, outcome: Uint8Array, treated: Uint8Array, o: UpliftFitOptions): TLearnerModel {
  const fn = "fitTLearner";
  const c = checkUpliftColumns(fn, table.rows, outcome, treated);
  requireBothGroups(fn, c);
  requireBothOutcomes(fn, "treated", c.treated, c.treatedConversions);
  requireBothOutcomes(fn, "control", c.control, c.controlConversions);
  const fitGroup = (flag: 0 | 1, stream: string) => {
    const rows = rowsWhere(treated, flag);
    const labelled = { ...takeRows(table, rows), label: gatherFlags(outcome, rows) };
    return fitScorer(o.kind, labelled, { seed: streamSeed(o.seed, stream), options: o.options }).scorer;
  };
  return {
    kind: KIND,
    version: VERSION,
    treatedModel: fitGroup(1, "t-learner-treated"),
    controlModel: fitGroup(0, "t-learner-control"),
    rows: { treated: c.treated, control: c.control },
  };
}

/** Both calibrated probabilities per row: with and without the campaign. */
export function predictResponses(model: TLearnerModel, table: FeatureTable): { treated: Float64Array; control: Float64Array } {
  return { treated: scoreRows(model.treatedModel, table), control: scoreRows(model.controlModel, table) };
}

/** P(y | treated, x) − P(y | control, x) per row. */
export function predictTLearner(model: TLearnerModel, table: FeatureTable): Float64Array {
  const { treated, control } = predictResponses(model, table);
  return treated.map((p, i) => p - control[i]!);
}

export function tLearnerToJSON(model: TLearnerModel): unknown {
  return { kind: KIND, version: VERSION, treatedModel: scorerToJSON(model.treatedModel), controlModel: scorerToJSON(model.controlModel), rows: model.rows };
}

export function tLearnerFromJSON(json: unknown): TLearnerModel {
  const o = checkHeader(json, KIND, VERSION);
  const rows = o.rows as Record<string, unknown> | undefined;
  if (!rows || !Number.isInteger(rows.treated) || !Number.isInteger(rows.control)) throw new MlRangeError("t-learner model: rows must hold whole treated and control counts");
  const treatedModel = scorerFromJSON(o.treatedModel);
  const controlModel = scorerFromJSON(o.controlModel);
  if (treatedModel.kind !== controlModel.kind) throw new MlRangeError(`t-learner model: the treated part is ${treatedModel.kind} but the control part is ${controlModel.kind}`);
  return { kind: KIND, version: VERSION, treatedModel, controlModel, rows: { treated: rows.treated as number, control: rows.control as number } };
}
