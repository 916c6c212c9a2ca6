// Overlapping Gaussian clusters for the k-means benchmark: centres uniform in [-10, 10]^cols, unit-variance
// noise times `spread`, rows dealt round-robin. Seeded, so every run clusters the same matrix.
import { matrix, type Matrix } from "../../lib/ml/matrix";
import { createRng, normal } from "../../lib/ml/random";

export function gaussianBlobs(o: { rows: number; cols: number; clusters: number; spread: number; seed: number }): Matrix {
  const rng = createRng(o.seed);
  const centres = Array.from({ length: o.clusters * o.cols }, () => -10 + 20 * rng.next());
  const m = matrix(o.rows, o.cols);
  for (let i = 0; i < o.rows; i++) {
    const c = i % o.clusters;
    for (let j = 0; j < o.cols; j++) m.data[i * o.cols + j] = centres[c * o.cols + j]! + o.spread * normal(rng);
  }
  return m;
}
