// The class-transformation model (Jaśkowski & Jaroszewicz 2012): one scorer on the label z = 1 for treated
// buyers and holdout non-buyers. When each group counts half, P(z=1 | x) = ½·P(y | t, x) + ½·(1 − P(y | c, x)),
// so uplift = 2·P(z=1 | x) − 1, from one model fitted on every row.
//
// Why z and not Athey & Imbens' transformed outcome y* = y·(t − p)/(p(1 − p)): y* takes the values 1/p, 0
// and −1/(1 − p), a regression target, and the scoring models are calibrated binary classifiers; z stays
// 0/1 and needs only the groups rebalanced when the treatment share p ≠ ½. Logistic regression takes the
// exact weights (½/p for treated rows, ½/(1 − p) for the holdout, scaled to a mean of 1 so its default
// penalty keeps its meaning). The tree models take no row weights, and copying holdout rows would put a
// customer on both sides of the split they calibrate and stop early on, so for them the larger group is
// subsampled (stratified by outcome) to the size of the smaller one: unbiased, at the cost of the rows
// left out.
import { checkHeader } from "../codec";
import { MlRangeError } from "../errors";
import { forkRng } from "../random";
import { takeRows, type FeatureTable, type LabelledTable } from "../scoring/features";
import { fitScorer, scoreRows, scorerFromJSON, scorerToJSON, type Scorer } from "../scoring/scorer";
import { stratifiedSplit } from "../scoring/split";
import { checkUpliftColumns, gatherFlags, requireBothGroups, requireBothOutcomes, rowsWhere, streamSeed, type GroupCounts } from "./inputs";
import type { UpliftFitOptions } from "./t-learner";

const KIND = "class-transformation";
const VERSION = 1;

export type Rebalancing = "none" | "weights" | "subsample";
const REBALANCINGS: readonly Rebalancing[] = ["none", "weights", "subsample"];

export interface ClassTransformationModel {
  readonly kind: typeof KIND;
  readonly version: typeof VERSION;
  /** Calibrated P(z = 1 | x). */
  readonly scorer: Scorer;
  /** Share of the training rows that were treated. */
  readonly treatedShare: number;
  /** How the groups were made to count half each. */
  readonly rebalancing: Rebalancing;
  /** Rows the scorer was fitted on (fewer than the training rows after subsampling). */
  readonly fittedRows: number;
}

/** z = 1 when treated and converted, or held out and not converted. */
export function transformedClass(outcome: Uint8Array, treated: Uint8Array): Uint8Array {
  return outcome.map((y, i) => (y === treated[i] ? 1 : 0));
}

export function fitClassTransformation(table: FeatureTable, outcome: Uint8Array, treated: Uint8Array, o: UpliftFitOptions): ClassTransformationModel {
  const fn = "fitClassTransformation";
  const c = checkUpliftColumns(fn, table.rows, outcome, treated);
  requireBothGroups(fn, c);
  const z = transformedClass(outcome, treated);
  requireBothOutcomes(fn, "transformed (z)", c.rows, z.reduce((s, v) => s + v, 0));
  if (o.options && "sampleWeights" in o.options) throw new MlRangeError(`${fn}: sampleWeights are set by the class transformation itself (to make each group count half); leave them out`);
  const seed = streamSeed(o.seed, "class-transformation");
  const rebalancing: Rebalancing = c.treated === c.control ? "none" : o.kind === "logistic" ? "weights" : "subsample";
  let labelled: LabelledTable = { ...table, label: z };
  let options = o.options;
  if (rebalancing === "weights") options = { ...options, sampleWeights: groupWeights(treated, c) };
  if (rebalancing === "subsample") {
    const keep = balancedRows(outcome, treated, c, o.seed);
    labelled = { ...takeRows(table, keep), label: gatherFlags(z, keep) };
  }
  const { scorer } = fitScorer(o.kind, labelled, { seed, options });
  return { kind: KIND, version: VERSION, scorer, treatedShare: c.treated / c.rows, rebalancing, fittedRows: labelled.rows };
}

/** Weights under which each group sums to half the rows. */
function groupWeights(treated: Uint8Array, c: GroupCounts): Float64Array {
  const wTreated = c.rows / (2 * c.treated);
  const wControl = c.rows / (2 * c.control);
  return Float64Array.from(treated, (t) => (t === 1 ? wTreated : wControl));
}

/** Every row of the smaller group and as many of the larger, drawn within each outcome; sorted. */
function balancedRows(outcome: Uint8Array, treated: Uint8Array, c: GroupCounts, seed: number): Int32Array {
  const larger: 0 | 1 = c.treated > c.control ? 1 : 0;
  const big = rowsWhere(treated, larger);
  const small = rowsWhere(treated, larger === 1 ? 0 : 1);
  const { test } = stratifiedSplit(gatherFlags(outcome, big), small.length / big.length, forkRng(seed, "class-transformation-balance"), "balancing share");
  const kept = Int32Array.from([...small, ...Array.from(test, (k) => big[k]!)]);
  return kept.sort();
}

/** 2·P(z = 1 | x) − 1 per row. */
export function predictClassTransformation(model: ClassTransformationModel, table: FeatureTable): Float64Array {
  return scoreRows(model.scorer, table).map((p) => 2 * p - 1);
}

export function classTransformationToJSON(model: ClassTransformationModel): unknown {
  const { treatedShare, rebalancing, fittedRows } = model;
  return { kind: KIND, version: VERSION, scorer: scorerToJSON(model.scorer), treatedShare, rebalancing, fittedRows };
}

export function classTransformationFromJSON(json: unknown): ClassTransformationModel {
  const o = checkHeader(json, KIND, VERSION);
  const share = o.treatedShare as number;
  if (!(share > 0 && share < 1)) throw new MlRangeError(`class-transformation model: treatedShare must be between 0 and 1, got ${String(o.treatedShare)}`);
  if (!REBALANCINGS.includes(o.rebalancing as Rebalancing)) throw new MlRangeError(`class-transformation model: unknown rebalancing ${String(o.rebalancing)}`);
  if (!Number.isInteger(o.fittedRows) || (o.fittedRows as number) < 1) throw new MlRangeError(`class-transformation model: fittedRows must be a whole number of at least 1, got ${String(o.fittedRows)}`);
  return { kind: KIND, version: VERSION, scorer: scorerFromJSON(o.scorer), treatedShare: share, rebalancing: o.rebalancing as Rebalancing, fittedRows: o.fittedRows as number };
}
