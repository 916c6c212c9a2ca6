// The uplift models behind one set of functions, so evaluation, audiences and storage treat them alike.
import { MlRangeError } from "../errors";
import type { FeatureTable } from "../scoring/features";
import { classTransformationFromJSON, classTransformationToJSON, fitClassTransformation, predictClassTransformation, type ClassTransformationModel } from "./class-transformation";
import { fitTLearner, predictTLearner, tLearnerFromJSON, tLearnerToJSON, type TLearnerModel, type UpliftFitOptions } from "./t-learner";

export type UpliftKind = "t-learner" | "class-transformation";
export const UPLIFT_KINDS: readonly UpliftKind[] = ["t-learner", "class-transformation"];
export type UpliftModel = TLearnerModel | ClassTransformationModel;

export function fitUpliftModel(kind: UpliftKind, table: FeatureTable, outcome: Uint8Array, treated: Uint8Array, o: UpliftFitOptions): UpliftModel {
  if (kind === "t-learner") return fitTLearner(table, outcome, treated, o);
  if (kind === "class-transformation") return fitClassTransformation(table, outcome, treated, o);
  throw new MlRangeError(`unknown uplift model "${String(kind)}" (models: ${UPLIFT_KINDS.join(", ")})`);
}

/** Predicted uplift per row: the change in P(convert) the campaign makes, in [−1, 1]. */
export function predictUplift(model: UpliftModel, table: FeatureTable): Float64Array {
  if (model.kind === "t-learner") return predictTLearner(model, table);
  if (model.kind === "class-transformation") return predictClassTransformation(model, table);
  return assertNever(model);
}

export function upliftModelToJSON(model: UpliftModel): unknown {
  if (model.kind === "t-learner") return tLearnerToJSON(model);
  if (model.kind === "class-transformation") return classTransformationToJSON(model);
  return assertNever(model);
}

/** Rebuilds a model from {@link upliftModelToJSON}'s output; throws MlRangeError naming what is wrong. */
export function upliftModelFromJSON(json: unknown): UpliftModel {
  const kind = json && typeof json === "object" ? (json as Record<string, unknown>).kind : undefined;
  if (kind === "t-learner") return tLearnerFromJSON(json);
  if (kind === "class-transformation") return classTransformationFromJSON(json);
  throw new MlRangeError(`not a stored uplift model: kind ${String(kind)} (models: ${UPLIFT_KINDS.join(", ")})`);
}

function assertNever(model: never): never {
  throw new MlRangeError(`unknown uplift model kind ${String((model as { kind?: unknown }).kind)}`);
}
