// Compressed sparse rows: the user × item interaction matrix every recommender takes. Rows are users,
// columns items, both dense integer ids 0..n-1 (the service owns the map from database ids). Within a row
// the column indices are sorted and unique, so a row can be binary-searched and merged.
import { MlRangeError } from "../errors";

export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Builds a CSR from (row, col, value) triplets in any order; repeated (row, col) pairs are summed. */
export function csrFromTriplets(
  rows: number,
  cols: number,
  r: ArrayLike<number>,
  c: ArrayLike<number>,
  v: ArrayLike<number>,
): Csr {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) throw new MlRangeError(`csr: bad shape ${rows} × ${cols}`);
  const n = r.length;
  if (c.length !== n || v.length !== n) throw new MlRangeError(`csr: ${n} rows, ${c.length} columns and ${v.length} values given; they must match`);
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    const ci = c[i]!;
    if (!(ri >= 0 && ri < rows && Number.isInteger(ri))) throw new MlRangeError(`csr: triplet ${i} has row ${ri}, outside 0..${rows - 1}`);
    if (!(ci >= 0 && ci < cols && Number.isInteger(ci))) throw new MlRangeError(`csr: triplet ${i} has column ${ci}, outside 0..${cols - 1}`);
    if (!Number.isFinite(v[i]!)) throw new MlRangeError(`csr: triplet ${i} has a non-finite value ${v[i]}`);
    counts[ri + 1]!++;
  }
  for (let i = 0; i < rows; i++) counts[i + 1]! += counts[i]!;
  const fill = counts.slice(0, rows);
  const cs = new Int32Array(n);
  const vs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = fill[r[i]!]!++;
    cs[at] = c[i]!;
    vs[at] = v[i]!;
  }
  // Sort each row by column and sum duplicates, compacting in place.
  const indptr = new Int32Array(rows + 1);
  let out = 0;
  const order: number[] = [];
  for (let row = 0; row < rows; row++) {
    const a = counts[row]!;
    const b = counts[row + 1]!;
    order.length = 0;
    for (let k = a; k < b; k++) order.push(k);
    order.sort((x, y) => cs[x]! - cs[y]!);
    const start = out;
    const rowCols: number[] = [];
    const rowVals: number[] = [];
    for (const k of order) {
      if (rowCols.length > 0 && rowCols[rowCols.length - 1] === cs[k]) rowVals[rowVals.length - 1]! += vs[k]!;
      else {
        rowCols.push(cs[k]!);
        rowVals.push(vs[k]!);
      }
    }
    for (let k = 0; k < rowCols.length; k++) {
      cs[start + k] = rowCols[k]!;
      vs[start + k] = rowVals[k]!;
    }
    out = start + rowCols.length;
    indptr[row + 1] = out;
  }
  return { rows, cols, indptr, indices: cs.slice(0, out), values: Float32Array.from(vs.subarray(0, out)) };
}

/** Builds a CSR from one array of column lists per row (value 1 unless values are given). */
export function csrFromRows(cols: number, rowItems: readonly (readonly number[])[], rowValues?: readonly (readonly number[])[]): Csr {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  rowItems.forEach((items, i) =>
    items.forEach((item, k) => {
      r.push(i);
      c.push(item);
      v.push(rowValues?.[i]?.[k] ?? 1);
    }),
  );
  return csrFromTriplets(rowItems.length, cols, r, c, v);
}

export function transpose(m: Csr): Csr {
  const counts = new Int32Array(m.cols + 1);
  for (let k = 0; k < m.indices.length; k++) counts[m.indices[k]! + 1]!++;
  for (let i = 0; i < m.cols; i++) counts[i + 1]! += counts[i]!;
  const fill = counts.slice(0, m.cols);
  const indices = new Int32Array(m.indices.length);
  const values = new Float32Array(m.indices.length);
  // Rows are visited in order, so each transposed row comes out sorted.
  for (let row = 0; row < m.rows; row++) {
    for (let k = m.indptr[row]!; k < m.indptr[row + 1]!; k++) {
      const at = fill[m.indices[k]!]!++;
      indices[at] = row;
      values[at] = m.values[k]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr: counts, indices, values };
}

export function rowIndices(m: Csr, row: number): Int32Array {
  return m.indices.subarray(m.indptr[row]!, m.indptr[row + 1]!);
}

export function rowValues(m: Csr, row: number): Float32Array {
  return m.values.subarray(m.indptr[row]!, m.indptr[row + 1]!);
}

export function nnz(m: Csr): number {
  return m.indptr[m.rows]!;
}
