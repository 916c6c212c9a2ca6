// Dense row-major matrices over one Float64Array: the shape every algorithm in lib/ml takes.
import { MlRangeError } from "./errors";

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) throw new MlRangeError(`matrix: bad shape ${rows} × ${cols}`);
  if (data.length !== rows * cols) throw new MlRangeError(`matrix: ${data.length} values for ${rows} × ${cols}`);
  return { rows, cols, data };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const m = matrix(rows.length, cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new MlRangeError(`fromRows: row ${i} has ${r.length} values, row 0 has ${cols}`);
    m.data.set(r, i * cols);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** Squared Euclidean distance between row i of a and row j of b. */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
  let s = 0;
  const oi = i * cols;
  const oj = j * cols;
  for (let c = 0; c < cols; c++) {
    const d = a[oi + c]! - b[oj + c]!;
    s += d * d;
  }
  return s;
}

/** Per-column mean and (population) variance. */
export function columnStats(m: Matrix): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(m.cols);
  const variance = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let c = 0; c < m.cols; c++) mean[c]! += m.data[i * m.cols + c]!;
  for (let c = 0; c < m.cols; c++) mean[c]! /= Math.max(1, m.rows);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < m.cols; c++) {
      const d = m.data[i * m.cols + c]! - mean[c]!;
      variance[c]! += d * d;
    }
  }
  for (let c = 0; c < m.cols; c++) variance[c]! /= Math.max(1, m.rows);
  return { mean, variance };
}
