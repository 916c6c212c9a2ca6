// Rows of a feature table as CSR rows in a fitted encoder's columns (./encode). Each feature is written in
// two passes, one counting entries per row and one filling them, so the arrays are allocated once at their
// final size. A categorical's column comes from a lookup table by code; a hashed one's bucket is hashed once
// per distinct code the rows use, not once per row.
import { MlRangeError } from "../../errors";
import type { CategoricalFeature, FeatureTable, NumericFeature } from "../features";
import type { Csr, FeatureCode, LogisticEncoder } from "./encode";
import { murmur3 } from "./hash";

/** One row per table row; `owners` (on request) is each entry's schema feature, for explanations. */
export function encodeTable(encoder: LogisticEncoder, table: FeatureTable, withOwners = false): Csr & { owners?: Int32Array } {
  if (table.features.length !== encoder.features.length) throw new MlRangeError(`the table has ${table.features.length} features, the encoder ${encoder.features.length}`);
  const n = table.rows;
  const parts = encoder.features.map((code, j) => prepare(code, table, j, encoder));
  const perRow = new Int32Array(n);
  for (const p of parts) p.count(perRow);
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i]! + perRow[i]!;
  const nnz = indptr[n]!;
  const owners = withOwners ? new Int32Array(nnz) : null;
  const sink: Sink = { indices: new Int32Array(nnz), values: new Float64Array(nnz), cursor: indptr.slice(0, n), owners };
  parts.forEach((p, j) => p.fill(sink, j));
  return { rows: n, cols: encoder.cols, indptr, indices: sink.indices, values: sink.values, ...(owners ? { owners } : {}) };
}

interface Sink {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Per row, where its next entry goes. */
  readonly cursor: Int32Array;
  readonly owners: Int32Array | null;
}

interface Part {
  count(perRow: Int32Array): void;
  fill(sink: Sink, feature: number): void;
}

function prepare(code: FeatureCode, table: FeatureTable, j: number, encoder: LogisticEncoder): Part {
  const f = table.features[j]!;
  const expected = code.kind === "numeric" ? "numeric" : "categorical";
  if (f.kind !== expected || f.name !== code.name) throw new MlRangeError(`feature ${j + 1} is ${f.kind} "${f.name}", the encoder expects ${expected} "${code.name}"`);
  const length = f.kind === "numeric" ? f.values.length : f.codes.length;
  if (length !== table.rows) throw new MlRangeError(`feature "${f.name}" has ${length} values for ${table.rows} rows`);
  if (code.kind === "numeric") return numericPart(code, (f as NumericFeature).values);
  const cat = f as CategoricalFeature;
  return code.kind === "onehot" ? columnPart(cat.codes, oneHotLookup(code, cat)) : columnPart(hashRows(cat, encoder), null);
}

function numericPart(code: Extract<FeatureCode, { kind: "numeric" }>, values: Float64Array): Part {
  const { mean, sd, column, missingColumn } = code;
  const n = values.length;
  return {
    count(perRow) {
      for (let i = 0; i < n; i++) perRow[i]! += (column >= 0 ? 1 : 0) + (missingColumn >= 0 && Number.isNaN(values[i]!) ? 1 : 0);
    },
    fill({ indices, values: out, cursor, owners }, feature) {
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        const missing = Number.isNaN(v);
        if (column >= 0) {
          const k = cursor[i]!++;
          indices[k] = column;
          if (owners) owners[k] = feature;
          // Training refuses infinities, but a scoring table may hold one: clamp rather than emit ±Infinity.
          out[k] = missing ? 0 : Math.max(-1e6, Math.min(1e6, (v - mean) / sd));
        }
        if (missing && missingColumn >= 0) {
          const k = cursor[i]!++;
          indices[k] = missingColumn;
          out[k] = 1;
          if (owners) owners[k] = feature;
        }
      }
    },
  };
}

/**
 * A 0/1 column per row: `lookup[code + 1]` of the row's code when there is a lookup (one-hot), else the row's
 * value itself (hashed buckets, already per row); −1 means no entry.
 */
function columnPart(rows: Int32Array, lookup: Int32Array | null): Part {
  const n = rows.length;
  const columnAt = lookup ? (i: number) => lookup[rows[i]! + 1]! : (i: number) => rows[i]!;
  return {
    count(perRow) {
      for (let i = 0; i < n; i++) if (columnAt(i) >= 0) perRow[i]!++;
    },
    fill({ indices, values, cursor, owners }, feature) {
      for (let i = 0; i < n; i++) {
        const c = columnAt(i);
        if (c < 0) continue;
        const k = cursor[i]!++;
        indices[k] = c;
        values[k] = 1;
        if (owners) owners[k] = feature;
      }
    },
  };
}

/** Column by code + 1: missing first, then the training levels, then levels appended since (unseen). */
function oneHotLookup(code: Extract<FeatureCode, { kind: "onehot" }>, f: CategoricalFeature): Int32Array {
  checkCodes(f);
  const lookup = new Int32Array(f.levels.length + 1).fill(code.otherColumn);
  lookup[0] = code.missingColumn;
  const known = Math.min(code.levelColumns.length, f.levels.length);
  for (let c = 0; c < known; c++) lookup[c + 1] = code.levelColumns[c]!;
  return lookup;
}

/** Each row's bucket column; the bucket of a code is computed once, in a table or (few rows, many levels) a map. */
function hashRows(f: CategoricalFeature, encoder: LogisticEncoder): Int32Array {
  checkCodes(f);
  const n = f.codes.length;
  const out = new Int32Array(n);
  const column = (c: number) => encoder.hashOffset + hashBucket(f.name, c === -1 ? null : f.levels[c]!, encoder.hashBuckets);
  if (n * 8 < f.levels.length) {
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const c = f.codes[i]!;
      let b = seen.get(c);
      if (b === undefined) seen.set(c, (b = column(c)));
      out[i] = b;
    }
    return out;
  }
  const lookup = new Int32Array(f.levels.length + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const slot = f.codes[i]! + 1;
    if (lookup[slot]! < 0) lookup[slot] = column(slot - 1);
    out[i] = lookup[slot]!;
  }
  return out;
}

/** The bucket of "name=value"; a missing value hashes as "name=" plus a NUL, which no CSV field holds. */
export function hashBucket(name: string, value: string | null, buckets: number): number {
  return murmur3(`${name}=${value ?? "\u0000"}`) % buckets;
}

function checkCodes(f: CategoricalFeature): void {
  const top = f.levels.length;
  for (let i = 0; i < f.codes.length; i++) {
    const c = f.codes[i]!;
    if (c < -1 || c >= top) throw new MlRangeError(`feature "${f.name}" has code ${c} at row ${i}, outside its ${top} levels`);
  }
}
