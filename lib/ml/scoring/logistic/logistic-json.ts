// A logistic model in and out of JSON (a Job row's result, a file): the schema, the encoder as plain
// numbers, big arrays through ../../codec. Loading checks every index and length against the schema, so
// a model that loads can score any table matching that schema.
import { checkHeader, pack, type PackedArray, unpackF64 } from "../../codec";
import { MlRangeError } from "../../errors";
import type { FeatureSchema } from "../features";
import type { FeatureCode, LogisticEncoder } from "./encode";
import type { LogisticModel } from "./logistic";

const KIND = "logistic";
const VERSION = 1;

export function toJSON(model: LogisticModel): unknown {
  const { schema, encoder, weights, intercept, columnMeans, meanMargins, l2, iterations, converged } = model;
  return { kind: KIND, version: VERSION, schema, encoder, weights: pack(weights), intercept, columnMeans: pack(columnMeans), meanMargins: pack(meanMargins), l2, iterations, converged };
}

export function fromJSON(json: unknown): LogisticModel {
  const o = checkHeader(json, KIND, VERSION);
  const schema = readSchema(o.schema);
  const encoder = readEncoder(o.encoder, schema);
  const weights = unpackF64(o.weights as PackedArray, "logistic.weights");
  const columnMeans = unpackF64(o.columnMeans as PackedArray, "logistic.columnMeans");
  const meanMargins = unpackF64(o.meanMargins as PackedArray, "logistic.meanMargins");
  if (weights.length !== encoder.cols) throw new MlRangeError(`logistic model: ${weights.length} weights for ${encoder.cols} encoded columns`);
  if (columnMeans.length !== encoder.cols) throw new MlRangeError(`logistic model: ${columnMeans.length} column means for ${encoder.cols} encoded columns`);
  if (meanMargins.length !== schema.length) throw new MlRangeError(`logistic model: ${meanMargins.length} mean margins for ${schema.length} features`);
  for (const [what, a] of [["weights", weights], ["columnMeans", columnMeans], ["meanMargins", meanMargins]] as const) {
    if (!a.every(Number.isFinite)) throw new MlRangeError(`logistic model: ${what} holds a non-finite value`);
  }
  if (typeof o.converged !== "boolean") throw new MlRangeError(`logistic model: converged must be true or false, got ${String(o.converged)}`);
  return {
    kind: KIND,
    version: VERSION,
    schema,
    encoder,
    weights,
    intercept: readNumber(o, "intercept"),
    columnMeans,
    meanMargins,
    l2: readNumber(o, "l2"),
    iterations: readCount(o, "iterations"),
    converged: o.converged,
  };
}

function readSchema(json: unknown): FeatureSchema[] {
  if (!Array.isArray(json)) throw new MlRangeError("logistic model: schema must be a list of features");
  return json.map((s: unknown, j): FeatureSchema => {
    const f = (s ?? {}) as Record<string, unknown>;
    if (typeof f.name !== "string") throw new MlRangeError(`logistic model: schema feature ${j + 1} has no name`);
    if (f.kind === "numeric") return { kind: "numeric", name: f.name };
    if (f.kind === "categorical" && Array.isArray(f.levels) && f.levels.every((l) => typeof l === "string")) return { kind: "categorical", name: f.name, levels: f.levels as string[] };
    throw new MlRangeError(`logistic model: schema feature "${f.name}" is neither numeric nor categorical with string levels`);
  });
}

function readEncoder(json: unknown, schema: readonly FeatureSchema[]): LogisticEncoder {
  const o = (json ?? {}) as Record<string, unknown>;
  const cols = readCount(o, "cols");
  const hashOffset = readCount(o, "hashOffset");
  const hashBuckets = readCount(o, "hashBuckets");
  if (hashOffset + hashBuckets !== cols) throw new MlRangeError(`logistic model: hashed block ${hashOffset} + ${hashBuckets} does not end at column ${cols}`);
  if (!Array.isArray(o.features) || o.features.length !== schema.length) throw new MlRangeError(`logistic model: the encoder must have one entry per schema feature (${schema.length})`);
  const features = o.features.map((f: unknown, j) => readCode(f, schema[j]!, hashOffset));
  if (features.some((f) => f.kind === "hashed") !== hashBuckets > 0) throw new MlRangeError("logistic model: hashed features and hash buckets must come together");
  return { features, cols, hashOffset, hashBuckets };
}

function readCode(json: unknown, s: FeatureSchema, columns: number): FeatureCode {
  const f = (json ?? {}) as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new MlRangeError(`logistic model: encoder of feature "${s.name}" ${why}`);
  };
  if (f.name !== s.name) fail(`is named ${String(f.name)}`);
  const column = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= -1 && v < columns ? v : fail(`has column ${String(v)}, outside -1..${columns - 1}`));
  if (s.kind === "numeric") {
    if (f.kind !== "numeric") fail(`is ${String(f.kind)}, the schema says numeric`);
    const [mean, sd] = [f.mean, f.sd];
    if (typeof mean !== "number" || !Number.isFinite(mean) || typeof sd !== "number" || !(sd > 0) || !Number.isFinite(sd)) fail("has a bad mean or sd");
    return { kind: "numeric", name: s.name, mean: mean as number, sd: sd as number, column: column(f.column), missingColumn: column(f.missingColumn) };
  }
  if (f.kind === "hashed") return { kind: "hashed", name: s.name };
  if (f.kind !== "onehot") fail(`is ${String(f.kind)}, the schema says categorical`);
  if (!Array.isArray(f.levelColumns) || f.levelColumns.length !== s.levels.length) fail(`must map each of its ${s.levels.length} training levels to a column`);
  return {
    kind: "onehot",
    name: s.name,
    levelColumns: (f.levelColumns as unknown[]).map(column),
    otherColumn: column(f.otherColumn),
    missingColumn: column(f.missingColumn),
  };
}

function readCount(o: Record<string, unknown>, field: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new MlRangeError(`logistic model: ${field} must be a whole number, got ${String(v)}`);
  return v;
}

function readNumber(o: Record<string, unknown>, field: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new MlRangeError(`logistic model: ${field} must be a finite number, got ${String(v)}`);
  return v;
}
