// Logistic regression's own design matrix, fitted on the training rows and kept in the model: numerics
// standardised with the training mean and sd (a missing value sits at the mean, with a 0/1 indicator when the
// training rows had missing values), small categoricals one-hot with rare levels pooled into "other", and
// id-like categoricals (Criteo's, Avazu's) hashed as "name=value" into buckets every hashed feature shares.
// No reference level is dropped: the L2 penalty makes the full one-hot identifiable (a feature's fitted level
// weights sum to 0, see ./objective), and odds ratios (./odds-ratios) are stated against each feature's most
// frequent level instead. A level or missing value the
// training rows never had has no column of its own: it goes to "other", or, when the feature has none, adds
// nothing, which is what an all-zero "other" column would have given (its weight stays 0 under L2).
import { checkWhole } from "../../checks";
import { MlRangeError } from "../../errors";
import type { CategoricalFeature, FeatureSchema, FeatureTable, NumericFeature } from "../features";

export { encodeTable, hashBucket } from "./encode-rows";

export interface EncoderOptions {
  /** Categoricals with more distinct training levels than this are hashed instead of one-hot. */
  readonly maxOneHotLevels: number;
  /** Levels seen fewer times than this in training share the feature's "other" column. */
  readonly minLevelCount: number;
  /** Buckets shared by all hashed features. */
  readonly hashBuckets: number;
}

export const ENCODER_DEFAULTS: EncoderOptions = { maxOneHotLevels: 1000, minLevelCount: 10, hashBuckets: 2 ** 18 };

/** How one schema feature becomes columns; −1 = no such column. */
export type FeatureCode =
  | {
      readonly kind: "numeric";
      readonly name: string;
      /** Over the training rows' present values; sd is the population sd, 1 when the column is dropped. */
      readonly mean: number;
      readonly sd: number;
      /** −1 for a constant column, which carries nothing. */
      readonly column: number;
      readonly missingColumn: number;
    }
  | {
      readonly kind: "onehot";
      readonly name: string;
      /** Per training level code: its own column, the "other" column, or −1. */
      readonly levelColumns: readonly number[];
      readonly otherColumn: number;
      /** Where a missing value goes: its own column (when training had missing values), "other" or −1. */
      readonly missingColumn: number;
    }
  | { readonly kind: "hashed"; readonly name: string };

export interface LogisticEncoder {
  readonly features: readonly FeatureCode[];
  readonly cols: number;
  /** The hashed block is the last `hashBuckets` columns, from `hashOffset`; hashBuckets is 0 when nothing is hashed. */
  readonly hashOffset: number;
  readonly hashBuckets: number;
}

export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface ColumnInfo {
  readonly feature: string;
  readonly level?: string;
  readonly kind: "numeric" | "missing" | "level" | "other" | "hashed";
}

export function fitEncoder(table: FeatureTable, options: Partial<EncoderOptions> = {}): LogisticEncoder {
  const o = { ...ENCODER_DEFAULTS, ...options };
  checkWhole("maxOneHotLevels", o.maxOneHotLevels, 0);
  checkWhole("minLevelCount", o.minLevelCount, 0);
  checkWhole("hashBuckets", o.hashBuckets, 1);
  if (o.hashBuckets > 2 ** 30) throw new MlRangeError(`hashBuckets must be at most 2^30, got ${o.hashBuckets}`);
  let next = 0;
  const take = () => next++;
  const features = table.features.map((f) => (f.kind === "numeric" ? fitNumeric(f, table.rows, take) : fitCategorical(f, table.rows, o, take)));
  const hashed = features.some((f) => f.kind === "hashed");
  return { features, cols: next + (hashed ? o.hashBuckets : 0), hashOffset: next, hashBuckets: hashed ? o.hashBuckets : 0 };
}

function fitNumeric(f: NumericFeature, rows: number, take: () => number): FeatureCode {
  checkLength(f.name, f.values.length, rows);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const v = f.values[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new MlRangeError(`feature "${f.name}" has ${v} at row ${i}; use NaN for a missing value`);
    count++;
    sum += v;
  }
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (let i = 0; i < rows; i++) if (!Number.isNaN(f.values[i]!)) squares += (f.values[i]! - mean) ** 2;
  // Population sd, as scikit-learn's StandardScaler; a constant column carries nothing and gets no column.
  const sd = count > 0 ? Math.sqrt(squares / count) : 0;
  const column = sd > 0 ? take() : -1;
  const missingColumn = count < rows ? take() : -1;
  return { kind: "numeric", name: f.name, mean, sd: sd > 0 ? sd : 1, column, missingColumn };
}

function fitCategorical(f: CategoricalFeature, rows: number, o: EncoderOptions, take: () => number): FeatureCode {
  checkLength(f.name, f.codes.length, rows);
  const counts = new Int32Array(f.levels.length);
  let missing = 0;
  for (let i = 0; i < rows; i++) {
    const c = f.codes[i]!;
    if (c === -1) missing++;
    else if (c >= 0 && c < counts.length) counts[c]!++;
    else throw new MlRangeError(`feature "${f.name}" has code ${c} at row ${i}, outside its ${f.levels.length} levels`);
  }
  const keep = Math.max(1, o.minLevelCount);
  // Hash only when the levels frequent enough for a column of their own are too many: ids seen once or
  // twice (most of Criteo's 8k sample) are pooled into "other" like any rare level, as scikit-learn's
  // min_frequency does, instead of each getting a bucket to overfit.
  let frequent = 0;
  for (const c of counts) if (c >= keep) frequent++;
  if (frequent > o.maxOneHotLevels) return { kind: "hashed", name: f.name };
  const levelColumns = new Array<number>(counts.length).fill(-1);
  let pooled = 0;
  counts.forEach((c, code) => {
    if (c >= keep) levelColumns[code] = take();
    else pooled += c;
  });
  const otherColumn = pooled > 0 ? take() : -1;
  for (let code = 0; code < counts.length; code++) if (levelColumns[code] === -1) levelColumns[code] = otherColumn;
  const missingColumn = missing > 0 ? take() : otherColumn;
  return { kind: "onehot", name: f.name, levelColumns, otherColumn, missingColumn };
}

/**
 * Column groups whose entries add up to the same count on every training row: a one-hot feature's columns
 * (one per row) and the hashed block (one per hashed feature per row). Adding t to a group's weights and
 * taking count·t from the intercept leaves every training margin as it was, so only the penalty sees that
 * direction; ./objective uses this to finish the fit exactly along it.
 */
export function exclusiveGroups(encoder: LogisticEncoder): { readonly columns: Int32Array; readonly perRow: number }[] {
  const groups: { columns: Int32Array; perRow: number }[] = [];
  for (const code of encoder.features) {
    if (code.kind !== "onehot") continue;
    const columns = new Set([...code.levelColumns, code.otherColumn, code.missingColumn].filter((c) => c >= 0));
    if (columns.size > 0) groups.push({ columns: Int32Array.from(columns), perRow: 1 });
  }
  const hashed = encoder.features.filter((f) => f.kind === "hashed").length;
  if (hashed > 0) groups.push({ columns: Int32Array.from({ length: encoder.hashBuckets }, (_, b) => encoder.hashOffset + b), perRow: hashed });
  return groups;
}

/** Refuses a scoring table whose one-hot levels are not the training levels (more may follow them). */
export function assertLevelsExtend(encoder: LogisticEncoder, schema: readonly FeatureSchema[], table: FeatureTable): void {
  encoder.features.forEach((code, j) => {
    const s = schema[j];
    const f = table.features[j];
    if (code.kind !== "onehot" || s?.kind !== "categorical" || f?.kind !== "categorical") return;
    const shared = Math.min(s.levels.length, f.levels.length);
    for (let c = 0; c < shared; c++) {
      if (s.levels[c] !== f.levels[c]) throw new MlRangeError(`feature "${f.name}": level ${c} is "${f.levels[c]}", the model's is "${s.levels[c]}"; build the table from the model's levels`);
    }
  });
}

/** What each encoded column is; the hashed buckets are named by bucket, shared by every hashed feature. */
export function describeColumns(encoder: LogisticEncoder, schema: readonly FeatureSchema[]): ColumnInfo[] {
  const out = new Array<ColumnInfo>(encoder.cols);
  encoder.features.forEach((code, j) => {
    if (code.kind === "numeric") {
      if (code.column >= 0) out[code.column] = { feature: code.name, kind: "numeric" };
      if (code.missingColumn >= 0) out[code.missingColumn] = { feature: code.name, kind: "missing" };
    } else if (code.kind === "onehot") {
      const s = schema[j];
      const levels = s?.kind === "categorical" ? s.levels : [];
      code.levelColumns.forEach((col, c) => {
        if (col >= 0 && col !== code.otherColumn) out[col] = { feature: code.name, level: levels[c] ?? String(c), kind: "level" };
      });
      if (code.otherColumn >= 0) out[code.otherColumn] = { feature: code.name, kind: "other" };
      if (code.missingColumn >= 0 && code.missingColumn !== code.otherColumn) out[code.missingColumn] = { feature: code.name, kind: "missing" };
    }
  });
  const hashedNames = encoder.features.filter((f) => f.kind === "hashed").map((f) => f.name).join(", ");
  for (let b = 0; b < encoder.hashBuckets; b++) out[encoder.hashOffset + b] = { feature: hashedNames, level: `bucket ${b}`, kind: "hashed" };
  return out;
}

export function checkLength(name: string, length: number, rows: number): void {
  if (length !== rows) throw new MlRangeError(`feature "${name}" has ${length} values for ${rows} rows`);
}
