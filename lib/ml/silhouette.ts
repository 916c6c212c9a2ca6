// Mean silhouette coefficient (Rousseeuw 1987) with Euclidean distances. Quadratic in the rows, so above
// `sampleSize` rows it is computed on a seeded random sample, as scikit-learn's silhouette_score does.
import { type Matrix, squaredDistance } from "./matrix";
import { sampleIndices } from "./random";
import { MlRangeError } from "./errors";

export function silhouetteScore(X: Matrix, labels: Int32Array, options: { sampleSize?: number; seed?: number } = {}): number {
  if (labels.length !== X.rows) throw new MlRangeError(`${labels.length} labels for ${X.rows} rows`);
  const sample = sampleIndices(X.rows, options.sampleSize ?? 10_000, options.seed ?? 42);
  const k = labels.reduce((a, l) => Math.max(a, l + 1), 0);
  const inSample = new Int32Array(k);
  for (const i of sample) inSample[labels[i]!]!++;
  if (inSample.filter((c) => c > 0).length < 2) throw new MlRangeError("the silhouette needs at least 2 clusters with rows");
  const sums = new Float64Array(k);
  let total = 0;
  for (const i of sample) {
    sums.fill(0);
    for (const j of sample) if (j !== i) sums[labels[j]!]! += Math.sqrt(squaredDistance(X.data, i, X.data, j, X.cols));
    const own = labels[i]!;
    // A row alone in its cluster scores 0 by convention.
    if (inSample[own]! <= 1) continue;
    const a = sums[own]! / (inSample[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && inSample[c]! > 0) b = Math.min(b, sums[c]! / inSample[c]!);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / sample.length;
}

/** All row indices, or a seeded sample of `size` of them without replacement (partial Fisher–Yates). */
