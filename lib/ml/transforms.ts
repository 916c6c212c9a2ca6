// Feature transforms before clustering, with their parameters kept so a centroid can be read back in the
// feature's own units. log1p tames long tails (money, order counts); z-scores put features on one scale.
import { columnStats, type Matrix, matrix } from "./matrix";

export type Transform = "none" | "zscore" | "log1p-zscore";
export const TRANSFORMS: readonly Transform[] = ["none", "zscore", "log1p-zscore"];

export interface FittedTransform {
  transform: Transform;
  mean: number[];
  sd: number[];
}

/** Applies the transform; negative values under log1p count as 0 (a customer who only returned goods). */
export function fitTransform(X: Matrix, transform: Transform): { X: Matrix; fitted: FittedTransform } {
  const out = matrix(X.rows, X.cols, Float64Array.from(X.data));
  if (transform === "none") return { X: out, fitted: { transform, mean: Array(X.cols).fill(0), sd: Array(X.cols).fill(1) } };
  if (transform === "log1p-zscore") for (let i = 0; i < out.data.length; i++) out.data[i] = Math.log1p(Math.max(0, out.data[i]!));
  const { mean, variance } = columnStats(out);
  // A column with one value everywhere carries nothing: it becomes 0 rather than a division by zero.
  const sd = Array.from(variance, (v) => (v > 0 ? Math.sqrt(v) : 1));
  for (let i = 0; i < out.rows; i++) for (let c = 0; c < out.cols; c++) out.data[i * out.cols + c] = (out.data[i * out.cols + c]! - mean[c]!) / sd[c]!;
  return { X: out, fitted: { transform, mean: Array.from(mean), sd } };
}

/** Maps transformed values (a centroid) back to the feature's own units. */
export function invertTransform(values: readonly number[], fitted: FittedTransform): number[] {
  return values.map((v, c) => {
    const x = v * fitted.sd[c]! + fitted.mean[c]!;
    return fitted.transform === "log1p-zscore" ? Math.expm1(x) : x;
  });
}
