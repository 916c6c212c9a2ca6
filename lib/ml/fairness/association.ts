// Cramér's V between two coded columns, and the quintile binning that turns a numeric column into one.
// Two versions of V: the classic √(χ²/n / min(r−1, c−1)), and Bergsma's bias-corrected one (Bergsma 2013,
// J. Korean Stat. Soc. 42, 323–328), which subtracts χ²'s expectation under independence, (r−1)(c−1)/(n−1),
// and shrinks r and c to match. The classic V of two unrelated columns with many levels sits well above 0
// on a few hundred rows, so thresholds are applied to the corrected one.
import { MlRangeError } from "../errors";

export interface CramersV {
  /** Bias-corrected (Bergsma 2013); null when the corrected table is too thin to have one. */
  readonly corrected: number | null;
  readonly raw: number;
  readonly rows: number;
}

/** Counts of (x, y) pairs over the rows where both codes are ≥ 0; empty rows and columns dropped. */
export function crossTabulate(x: Int32Array, y: Int32Array): number[][] {
  if (x.length !== y.length) throw new MlRangeError(`cannot cross-tabulate columns of ${x.length} and ${y.length} rows`);
  let kx = 0;
  let ky = 0;
  for (let i = 0; i < x.length; i++) {
    kx = Math.max(kx, x[i]! + 1);
    ky = Math.max(ky, y[i]! + 1);
  }
  const counts = new Float64Array(kx * ky);
  for (let i = 0; i < x.length; i++) if (x[i]! >= 0 && y[i]! >= 0) counts[x[i]! * ky + y[i]!]!++;
  const table = Array.from({ length: kx }, (_, r) => Array.from(counts.subarray(r * ky, (r + 1) * ky)));
  const liveCols = Array.from({ length: ky }, (_, c) => c).filter((c) => table.some((row) => row[c]! > 0));
  return table.filter((row) => row.some((v) => v > 0)).map((row) => liveCols.map((c) => row[c]!));
}

/** Cramér's V of a contingency table with no empty row or column; null when it has under 2 rows or columns. */
export function cramersV(table: readonly (readonly number[])[]): CramersV | null {
  const r = table.length;
  const c = table[0]?.length ?? 0;
  if (r < 2 || c < 2) return null;
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: c }, (_, j) => table.reduce((a, row) => a + row[j]!, 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  if (rowSums.some((s) => s === 0) || colSums.some((s) => s === 0)) throw new MlRangeError("cramersV needs a table without empty rows or columns");
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const expected = (rowSums[i]! * colSums[j]!) / n;
      chi2 += (table[i]![j]! - expected) ** 2 / expected;
    }
  }
  const phi2 = chi2 / n;
  const raw = Math.sqrt(phi2 / Math.min(r - 1, c - 1));
  return { corrected: correctedV(phi2, r, c, n), raw: Math.min(1, raw), rows: n };
}

function correctedV(phi2: number, r: number, c: number, n: number): number | null {
  if (n < 2) return null;
  const phi2c = Math.max(0, phi2 - ((r - 1) * (c - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const cc = c - (c - 1) ** 2 / (n - 1);
  const denom = Math.min(rc - 1, cc - 1);
  return denom > 0 ? Math.min(1, Math.sqrt(phi2c / denom)) : null;
}

/**
 * Quintile codes 0..4 (fewer when values repeat), −1 for NaN: pandas.qcut(x, 5, duplicates="drop")'s bins,
 * right-closed at the linear-interpolation quantiles 0.2, 0.4, 0.6 and 0.8, the lowest bin holding the minimum.
 */
export function quintileCodes(values: Float64Array): Int32Array {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const codes = new Int32Array(values.length).fill(-1);
  if (sorted.length === 0) return codes;
  const min = sorted[0]!;
  const cuts = [...new Set([0.2, 0.4, 0.6, 0.8].map((q) => quantile(sorted, q)))].filter((cut) => cut > min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let bin = 0;
    while (bin < cuts.length && v > cuts[bin]!) bin++;
    codes[i] = bin;
  }
  return codes;
}

/** numpy's default ("linear") quantile of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
