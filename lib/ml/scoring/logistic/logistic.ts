// Regularised logistic regression for click and conversion scoring: its own design (./encode), the penalised
// mean log-loss minimised by L-BFGS (./lbfgs), scikit-learn's objective so that the default l2 = 1/n is
// LogisticRegression(C=1). Explanations are exact in log-odds: each schema feature's contribution is
// Σ wⱼ·(xⱼ − x̄ⱼ) over its encoded columns, with x̄ the training means, and the base is the margin of the
// mean encoded row, so base + Σ contributions is the row's margin.
import { MlRangeError } from "../../errors";
import { assertMatchesSchema, type FeatureSchema, type FeatureTable, type LabelledTable, schemaOf } from "../features";
import type { FitReport, RowContributions, ScoringAlgorithm, ScoringModelHeader } from "../model";
import { assertLevelsExtend, type Csr, encodeTable, ENCODER_DEFAULTS, exclusiveGroups, fitEncoder, type LogisticEncoder } from "./encode";
import { fromJSON, toJSON } from "./logistic-json";
import { design, type Design, fitWeights, margins, sigmoid } from "./objective";

export interface LogisticModel extends ScoringModelHeader {
  readonly kind: "logistic";
  readonly version: 1;
  readonly schema: readonly FeatureSchema[];
  readonly encoder: LogisticEncoder;
  /** One weight per encoded column. */
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Each encoded column's (sample-weighted) mean over the training rows. */
  readonly columnMeans: Float64Array;
  /** Per schema feature, Σ wⱼ·x̄ⱼ over its columns (a hashed feature: the mean weight of its buckets). */
  readonly meanMargins: Float64Array;
  readonly l2: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticOptions {
  /** Penalty on the mean log-loss; default 1 / Σ sample weights, scikit-learn's C = 1. */
  readonly l2: number;
  /** Only 0 (pure L2) is supported. */
  readonly l1Ratio: number;
  readonly maxIterations: number;
  /** L-BFGS gradient tolerance, scikit-learn's `tol`. */
  readonly tolerance: number;
  readonly maxOneHotLevels: number;
  readonly minLevelCount: number;
  readonly hashBuckets: number;
  /** One non-negative weight per training row. */
  readonly sampleWeights?: Float64Array;
}

const DEFAULTS = { l1Ratio: 0, maxIterations: 1000, tolerance: 1e-4, ...ENCODER_DEFAULTS };

type FitOptions = Partial<LogisticOptions> & { seed?: number; onProgress?: (done: number, total: number) => void };

export function resolveOptions(table: LabelledTable, options: FitOptions = {}) {
  const o = { ...DEFAULTS, ...options };
  if (o.l1Ratio !== 0) throw new MlRangeError(`l1Ratio must be 0 (only the L2 penalty is implemented), got ${o.l1Ratio}`);
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new MlRangeError(`maxIterations must be a whole number of at least 1, got ${o.maxIterations}`);
  if (!(o.tolerance >= 0)) throw new MlRangeError(`tolerance must be at least 0, got ${o.tolerance}`);
  if (table.rows < 1) throw new MlRangeError("cannot fit logistic regression on 0 rows");
  if (table.label.length !== table.rows) throw new MlRangeError(`the label has ${table.label.length} values for ${table.rows} rows`);
  return o;
}

export function checkL2(l2: number): number {
  if (!(l2 > 0) || !Number.isFinite(l2)) throw new MlRangeError(`l2 must be a positive finite number, got ${l2}`);
  return l2;
}

function fit(table: LabelledTable, options: FitOptions = {}): { model: LogisticModel; report: FitReport } {
  const o = resolveOptions(table, options);
  const encoder = fitEncoder(table, o);
  const encoded = encodeTable(encoder, table, true);
  const d = design(encoded, table.label, o.sampleWeights);
  const l2 = checkL2(o.l2 ?? 1 / d.totalWeight);
  const every = Math.max(1, Math.floor(o.maxIterations / 50));
  const r = fitWeights(d, l2, {
    maxIterations: o.maxIterations,
    tolerance: o.tolerance,
    groups: exclusiveGroups(encoder),
    onIteration: (i) => {
      if (i % every === 0) o.onProgress?.(i, o.maxIterations);
    },
  });
  o.onProgress?.(o.maxIterations, o.maxIterations);
  const model = assembleModel(schemaOf(table), encoder, d, encoded.owners!, r.x, l2, r);
  return { model, report: { iterations: r.iterations, converged: r.converged } };
}

/** The model from fitted parameters (weights, then the intercept), with the training means explain uses. */
export function assembleModel(schema: FeatureSchema[], encoder: LogisticEncoder, d: Design, owners: Int32Array, x: Float64Array, l2: number, r: FitReport): LogisticModel {
  const { csr, weights: s, totalWeight } = d;
  const weights = x.slice(0, csr.cols);
  const columnMeans = new Float64Array(csr.cols);
  const meanMargins = new Float64Array(schema.length);
  for (let i = 0; i < csr.rows; i++) {
    const si = s[i]! / totalWeight;
    for (let k = csr.indptr[i]!; k < csr.indptr[i + 1]!; k++) {
      const j = csr.indices[k]!;
      columnMeans[j]! += si * csr.values[k]!;
      meanMargins[owners[k]!]! += si * weights[j]! * csr.values[k]!;
    }
  }
  return { kind: "logistic", version: 1, schema, encoder, weights, intercept: x[csr.cols]!, columnMeans, meanMargins, l2, iterations: r.iterations, converged: r.converged };
}

export function encodeForModel(model: LogisticModel, table: FeatureTable, withOwners = false): Csr & { owners?: Int32Array } {
  assertMatchesSchema(table, model.schema, "logistic regression");
  assertLevelsExtend(model.encoder, model.schema, table);
  return encodeTable(model.encoder, table, withOwners);
}

function predict(model: LogisticModel, table: FeatureTable): Float64Array {
  const z = margins(encodeForModel(model, table), model.weights, model.intercept);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
  return z;
}

function explain(model: LogisticModel, table: FeatureTable, row: number): RowContributions {
  if (!Number.isInteger(row) || row < 0 || row >= table.rows) throw new MlRangeError(`row ${row} is outside the table's ${table.rows} rows`);
  const one = oneRow(table, row);
  const csr = encodeForModel(model, one, true);
  const values = Float64Array.from(model.meanMargins, (m) => -m);
  for (let k = 0; k < csr.indices.length; k++) values[csr.owners![k]!]! += model.weights[csr.indices[k]!]! * csr.values[k]!;
  const base = model.meanMargins.reduce((a, b) => a + b, model.intercept);
  return { base, values };
}

function oneRow(table: FeatureTable, row: number): FeatureTable {
  const features = table.features.map((f) =>
    f.kind === "numeric" ? { ...f, values: f.values.subarray(row, row + 1) } : { ...f, codes: f.codes.subarray(row, row + 1) },
  );
  return { rows: 1, features };
}

export const logisticRegression: ScoringAlgorithm<LogisticModel, LogisticOptions> = {
  kind: "logistic",
  fit,
  predict,
  explain,
  toJSON,
  fromJSON,
};
