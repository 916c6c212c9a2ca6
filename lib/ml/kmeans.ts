// K-means over a dense matrix: greedy k-means++ seeding, Lloyd iterations, several seeded restarts keeping
// the lowest inertia. Written here rather than taken from a library because it runs on 100,000 customers
// inside a page's job, over one Float64Array with no per-point objects, and must report exactly what it did.
// Conventions follow scikit-learn's KMeans, the reference the benchmark compares against: 2 + ln k local
// trials per seed, tolerance relative to the data's mean variance, empty clusters moved to far points.
import { columnStats, type Matrix, squaredDistance } from "./matrix";
import { createRng, type Rng } from "./random";

export interface KMeansOptions {
  k: number;
  seed?: number;
  /** Independent seedings; the run with the lowest inertia is kept. */
  restarts?: number;
  maxIterations?: number;
  /** Convergence when centroids move less than this × the mean column variance (squared). */
  tolerance?: number;
}

export interface KMeansModel {
  readonly kind: "kmeans";
  readonly version: 1;
  readonly k: number;
  readonly cols: number;
  /** k × cols, row-major. */
  readonly centroids: number[];
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly sizes: number[];
  readonly seed: number;
  readonly restarts: number;
}

export interface KMeansResult {
  model: KMeansModel;
  labels: Int32Array;
}

const DEFAULTS = { seed: 42, restarts: 10, maxIterations: 300, tolerance: 1e-4 };

export function fitKMeans(X: Matrix, options: KMeansOptions): KMeansResult {
  const o = { ...DEFAULTS, ...options };
  const { k } = o;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1, got ${k}`);
  if (k > X.rows) throw new RangeError(`k = ${k} is more than the ${X.rows} rows to cluster`);
  if (!Number.isInteger(o.restarts) || o.restarts < 1) throw new RangeError(`restarts must be at least 1, got ${o.restarts}`);
  for (let i = 0; i < X.data.length; i++) if (!Number.isFinite(X.data[i]!)) throw new RangeError(`the matrix holds a non-finite value at row ${Math.floor(i / X.cols)}, column ${i % X.cols}`);
  const { variance } = columnStats(X);
  const tol = (variance.reduce((a, b) => a + b, 0) / Math.max(1, X.cols)) * o.tolerance;
  const rng = createRng(o.seed);
  let best: { centroids: Float64Array; labels: Int32Array; inertia: number; iterations: number; converged: boolean } | null = null;
  for (let r = 0; r < o.restarts; r++) {
    const run = lloyd(X, seedPlusPlus(X, k, rng), o.maxIterations, tol);
    if (!best || run.inertia < best.inertia) best = run;
  }
  const sizes = new Array<number>(k).fill(0);
  for (const l of best!.labels) sizes[l]!++;
  const model: KMeansModel = {
    kind: "kmeans",
    version: 1,
    k,
    cols: X.cols,
    centroids: Array.from(best!.centroids),
    inertia: best!.inertia,
    iterations: best!.iterations,
    converged: best!.converged,
    sizes,
    seed: o.seed,
    restarts: o.restarts,
  };
  return { model, labels: best!.labels };
}

/** Greedy k-means++: each new centre is the best of 2 + ln k candidates drawn in proportion to D². */
function seedPlusPlus(X: Matrix, k: number, rng: Rng): Float64Array {
  const { rows: n, cols: d, data } = X;
  const centroids = new Float64Array(k * d);
  const first = Math.floor(rng.next() * n);
  centroids.set(data.subarray(first * d, (first + 1) * d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = squaredDistance(data, i, centroids, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    if (potential <= 0) throw new RangeError(`k = ${k} is more than the ${c} distinct points in the data`);
    let bestPotential = Infinity;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      const candidate = drawByWeight(closest, potential, rng);
      let p = 0;
      for (let i = 0; i < n; i++) p += candidateDist[i] = Math.min(closest[i]!, squaredDistance(data, i, data, candidate, d));
      if (p < bestPotential) {
        bestPotential = p;
        bestIndex = candidate;
        bestDist.set(candidateDist);
      }
    }
    centroids.set(data.subarray(bestIndex * d, (bestIndex + 1) * d), c * d);
    closest.set(bestDist);
    potential = bestPotential;
  }
  return centroids;
}

function drawByWeight(weights: Float64Array, total: number, rng: Rng): number {
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0 && weights[i]! > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

/** Lloyd iterations from the given centroids until they move less than `tol` (squared) in total. */
export function lloyd(X: Matrix, centroids: Float64Array, maxIterations: number, tol: number) {
  const { rows: n, cols: d, data } = X;
  const k = centroids.length / d;
  const labels = new Int32Array(n);
  const distance = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    assign(X, centroids, labels, distance);
    relocateEmpty(X, centroids, labels, distance, k);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      counts[l]!++;
      const o = i * d;
      const s = l * d;
      for (let c = 0; c < d; c++) sums[s + c]! += data[o + c]!;
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      for (let c = 0; c < d; c++) {
        const next = sums[j * d + c]! / counts[j]!;
        const delta = next - centroids[j * d + c]!;
        shift += delta * delta;
        centroids[j * d + c] = next;
      }
    }
    if (shift <= tol) {
      converged = true;
      break;
    }
  }
  // Labels and inertia for the final centroids.
  const inertia = assign(X, centroids, labels, distance);
  return { centroids, labels, inertia, iterations, converged };
}

/** Nearest centroid of every row; returns the inertia (sum of squared distances). */
function assign(X: Matrix, centroids: Float64Array, labels: Int32Array, distance: Float64Array): number {
  const { rows: n, cols: d, data } = X;
  const k = centroids.length / d;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let label = 0;
    const o = i * d;
    for (let j = 0; j < k; j++) {
      let s = 0;
      const cj = j * d;
      for (let c = 0; c < d && s < best; c++) {
        const diff = data[o + c]! - centroids[cj + c]!;
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        label = j;
      }
    }
    labels[i] = label;
    distance[i] = best;
    inertia += best;
  }
  return inertia;
}

/** A cluster left without rows takes the row farthest from its own centroid, as scikit-learn does. */
function relocateEmpty(X: Matrix, centroids: Float64Array, labels: Int32Array, distance: Float64Array, k: number): void {
  const counts = new Int32Array(k);
  for (const l of labels) counts[l]!++;
  for (let j = 0; j < k; j++) {
    if (counts[j]! > 0) continue;
    let far = -1;
    for (let i = 0; i < labels.length; i++) if (counts[labels[i]!]! > 1 && (far < 0 || distance[i]! > distance[far]!)) far = i;
    if (far < 0) return;
    counts[labels[far]!]!--;
    labels[far] = j;
    counts[j] = 1;
    distance[far] = 0;
    centroids.set(X.data.subarray(far * X.cols, (far + 1) * X.cols), j * X.cols);
  }
}

/** The nearest centroid of each row of X under a fitted model. */
export function assignClusters(model: KMeansModel, X: Matrix): Int32Array {
  if (model.kind !== "kmeans" || model.version !== 1) throw new RangeError(`not a k-means model (kind ${String(model.kind)}, version ${String(model.version)})`);
  if (X.cols !== model.cols) throw new RangeError(`the model has ${model.cols} features, the data ${X.cols}`);
  const labels = new Int32Array(X.rows);
  assign(X, Float64Array.from(model.centroids), labels, new Float64Array(X.rows));
  return labels;
}
