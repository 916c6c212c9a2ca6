// Principal components of a (transformed) feature matrix, for a 2-D picture of the clusters. The feature
// count is small (≤ ~20), so the covariance matrix is formed directly and its leading eigenvectors found by
// power iteration with deflation: exact enough for a scatter plot and free of a linear-algebra dependency.
import { columnStats, type Matrix } from "./matrix";
import { createRng } from "./random";
import { MlRangeError } from "./errors";

export interface Pca {
  /** components × cols, row-major; each row has unit length. */
  readonly components: number[][];
  /** Share of the total variance each component explains. */
  readonly explained: number[];
  readonly mean: number[];
}

export function fitPca(X: Matrix, components = 2, seed = 42): Pca {
  const { rows: n, cols: d, data } = X;
  if (components < 1 || components > d) throw new MlRangeError(`components must be between 1 and ${d}, got ${components}`);
  if (n < 2) throw new MlRangeError(`PCA needs at least 2 rows, got ${n}`);
  const { mean } = columnStats(X);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = data[i * d + a]! - mean[a]!;
      for (let b = a; b < d; b++) cov[a * d + b]! += xa * (data[i * d + b]! - mean[b]!);
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b]! /= n - 1;
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a]!;
  const rng = createRng(seed);
  const out: number[][] = [];
  const explained: number[] = [];
  for (let c = 0; c < components; c++) {
    const { vector, value } = leadingEigen(cov, d, rng.next.bind(rng));
    out.push(signFixed(vector));
    explained.push(total > 0 ? Math.max(0, value) / total : 0);
    // Deflate: remove this component so the next power iteration finds the following one.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b]! -= value * vector[a]! * vector[b]!;
  }
  return { components: out, explained, mean: Array.from(mean) };
}

function leadingEigen(m: Float64Array, d: number, random: () => number): { vector: number[]; value: number } {
  let v = Array.from({ length: d }, () => random() - 0.5);
  let value = 0;
  for (let it = 0; it < 1000; it++) {
    const w = new Array<number>(d).fill(0);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a]! += m[a * d + b]! * v[b]!;
    const norm = Math.hypot(...w);
    if (norm === 0) return { vector: v.map(() => 0), value: 0 };
    const next = w.map((x) => x / norm);
    const change = next.reduce((s, x, a) => s + Math.abs(Math.abs(x) - Math.abs(v[a]!)), 0);
    v = next;
    value = norm;
    if (change < 1e-12) break;
  }
  return { vector: v, value };
}

/** Eigenvectors have no sign; fixing the largest entry positive makes runs comparable. */
function signFixed(v: number[]): number[] {
  let big = 0;
  v.forEach((x, i) => (Math.abs(x) > Math.abs(v[big]!) ? (big = i) : 0));
  return v[big]! < 0 ? v.map((x) => -x) : v;
}

/** Coordinates of the given rows on the components. */
export function projectRows(X: Matrix, pca: Pca, rows: ArrayLike<number>): number[][] {
  return Array.from(rows, (i) =>
    pca.components.map((comp) => {
      let s = 0;
      for (let c = 0; c < X.cols; c++) s += (X.data[i * X.cols + c]! - pca.mean[c]!) * comp[c]!;
      return s;
    }),
  );
}
