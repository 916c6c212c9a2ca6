// K-means over a dense matrix: greedy k-means++ seeding, Lloyd iterations, several seeded restarts keeping
// the lowest inertia. Written here rather than taken from a library because it runs on 100,000 customers
// inside a page's job, over one Float64Array with no per-point objects, and must report exactly what it did.
// Conventions follow scikit-learn's KMeans, the reference the benchmark compares against: 2 + ln k local
// trials per seed, tolerance relative to the data's mean variance, empty clusters moved to far points.
// The passes over the rows (the input check and column variances, seeding's candidates, full assignments and
// each iteration's bounded reassignment) run as WebAssembly SIMD kernels (./wasm/kernels.wat) over a
// workspace holding the matrix; what is per cluster or rare (centroid moves, empty clusters) stays here.
import { type Matrix, squaredDistance } from "./matrix";
import { createRng, type Rng } from "./random";
import { instantiateKernels, type Kernels, Layout } from "./wasm/kernels";
import { MlRangeError } from "./errors";

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
  if (!Number.isInteger(k) || k < 1) throw new MlRangeError(`k must be a whole number of at least 1, got ${k}`);
  if (k > X.rows) throw new MlRangeError(`k = ${k} is more than the ${X.rows} rows to cluster`);
  if (!Number.isInteger(o.restarts) || o.restarts < 1) throw new MlRangeError(`restarts must be at least 1, got ${o.restarts}`);
  const ws = createWorkspace(X, k);
  const bad = ws.kernels.firstNonFinite(ws.at.x, X.data.length);
  if (bad >= 0) throw new MlRangeError(`the matrix holds a non-finite value at row ${Math.floor(bad / X.cols)}, column ${bad % X.cols}`);
  // The column variances, as columnStats (./matrix) computes them.
  ws.kernels.columnMoments(ws.at.x, X.rows, X.cols, ws.at.mean, ws.at.variance);
  const tol = (ws.variance.reduce((a, b) => a + b, 0) / Math.max(1, X.cols)) * o.tolerance;
  const rng = createRng(o.seed);
  let best: { centroids: Float64Array; labels: Int32Array; inertia: number; iterations: number; converged: boolean } | null = null;
  for (let r = 0; r < o.restarts; r++) {
    const run = lloyd(X, seedPlusPlus(X, k, rng, ws), o.maxIterations, tol, ws);
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

/** The matrix and every per-row array of a fit, in WebAssembly memory; views for the JavaScript side. */
interface Workspace {
  readonly kernels: Kernels;
  readonly k: number;
  readonly trials: number;
  /** Byte offsets of the regions the kernels read and write. */
  readonly at: Record<"x" | "centroids" | "labels" | "upper" | "lower" | "closest" | "trialDist" | "candidates" | "trialPotential" | "sums" | "counts" | "moved" | "half" | "mean" | "variance", number>;
  /** X copied into the workspace. */
  readonly X: Matrix;
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly closest: Float64Array;
  readonly trialDist: Float64Array;
  readonly candidates: Int32Array;
  readonly trialPotential: Float64Array;
  /** Per cluster: the sum and count of its rows, how far its centroid last moved, half the distance to the nearest other. */
  readonly sums: Float64Array;
  readonly counts: Int32Array;
  readonly moved: Float64Array;
  readonly half: Float64Array;
  readonly variance: Float64Array;
}

/** With `seeding` false, no room for k-means++ candidates (for labelling rows under a fitted model). */
function createWorkspace(X: Matrix, k: number, seeding = true): Workspace {
  const { rows: n, cols: d } = X;
  const trials = seeding ? 2 + Math.floor(Math.log(k)) : 0;
  const layout = new Layout();
  const at = {
    x: layout.take(n * d, 8),
    centroids: layout.take(k * d, 8),
    labels: layout.take(n, 4),
    upper: layout.take(n, 8),
    lower: layout.take(n, 8),
    closest: layout.take(n, 8),
    trialDist: layout.take(trials * n, 8),
    candidates: layout.take(trials, 4),
    trialPotential: layout.take(trials, 8),
    sums: layout.take(k * d, 8),
    counts: layout.take(k, 4),
    moved: layout.take(k, 8),
    half: layout.take(k, 8),
    mean: layout.take(d, 8),
    variance: layout.take(d, 8),
  };
  const kernels = instantiateKernels(layout.bytes, `k-means on ${n.toLocaleString("en")} rows × ${d} columns`);
  const { buffer } = kernels.memory;
  const data = new Float64Array(buffer, at.x, n * d);
  data.set(X.data);
  return {
    kernels,
    k,
    trials,
    at,
    X: { rows: n, cols: d, data },
    centroids: new Float64Array(buffer, at.centroids, k * d),
    labels: new Int32Array(buffer, at.labels, n),
    upper: new Float64Array(buffer, at.upper, n),
    lower: new Float64Array(buffer, at.lower, n),
    closest: new Float64Array(buffer, at.closest, n),
    trialDist: new Float64Array(buffer, at.trialDist, trials * n),
    candidates: new Int32Array(buffer, at.candidates, trials),
    trialPotential: new Float64Array(buffer, at.trialPotential, trials),
    sums: new Float64Array(buffer, at.sums, k * d),
    counts: new Int32Array(buffer, at.counts, k),
    moved: new Float64Array(buffer, at.moved, k),
    half: new Float64Array(buffer, at.half, k),
    variance: new Float64Array(buffer, at.variance, d),
  };
}

/**
 * Greedy k-means++: each new centre is the best of 2 + ln k candidates drawn in proportion to D² (the
 * squared distance to the nearest centre so far), each candidate measured against every row in one kernel
 * pass. Returns the k centres (k × cols).
 */
export function seedPlusPlus(X: Matrix, k: number, rng: Rng, ws: Workspace = createWorkspace(X, k)): Float64Array {
  const { rows: n, cols: d } = X;
  const { kernels, at, trials, closest, trialDist, candidates, trialPotential } = ws;
  const data = ws.X.data;
  const centroids = new Float64Array(k * d);
  const measure = (count: number) => kernels.seedTrials(at.x, n, d, at.candidates, count, at.closest, at.trialDist, at.trialPotential);
  candidates[0] = Math.floor(rng.next() * n);
  centroids.set(data.subarray(candidates[0]! * d, (candidates[0]! + 1) * d), 0);
  closest.fill(Infinity);
  measure(1);
  closest.set(trialDist.subarray(0, n));
  let potential = trialPotential[0]!;
  const cumulative = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    if (potential <= 0) throw new MlRangeError(`k = ${k} is more than the ${c} distinct points in the data`);
    let run = 0;
    for (let i = 0; i < n; i++) cumulative[i] = run += closest[i]!;
    for (let t = 0; t < trials; t++) candidates[t] = drawByWeight(cumulative, closest, rng.next() * run);
    measure(trials);
    let best = 0;
    for (let t = 1; t < trials; t++) if (trialPotential[t]! < trialPotential[best]!) best = t;
    centroids.set(data.subarray(candidates[best]! * d, (candidates[best]! + 1) * d), c * d);
    closest.set(trialDist.subarray(best * n, (best + 1) * n));
    potential = trialPotential[best]!;
  }
  return centroids;
}

/** The first row whose cumulative weight passes r, by binary search; never a row of weight 0. */
function drawByWeight(cumulative: Float64Array, weights: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  while (lo > 0 && weights[lo] === 0) lo--;
  return lo;
}

/**
 * Lloyd iterations from the given centroids until they move less than `tol` (squared) in total, with
 * Hamerly's bounds (2010): each row keeps an upper bound on the distance to its centroid and a lower bound
 * on the distance to any other, and is only measured again when the bounds overlap. The result is exactly
 * Lloyd's; after the first few iterations most rows cost two comparisons instead of k distances. The row
 * pass is the kernels' `reassign`; a test checks the whole against plain Lloyd iterations.
 */
export function lloyd(X: Matrix, start: Float64Array, maxIterations: number, tol: number, ws: Workspace = createWorkspace(X, start.length / X.cols)) {
  const { rows: n, cols: d } = X;
  const k = start.length / d;
  const { kernels, at, centroids, labels, upper, sums, counts, half, moved } = ws;
  const data = ws.X.data;
  centroids.set(start);
  const assignWithSecond = () => kernels.assignAll(at.x, n, d, at.centroids, k, at.labels, at.upper, at.lower);
  const distance = new Float64Array(n);
  const fullPass = () => {
    assignWithSecond();
    for (let i = 0; i < n; i++) distance[i] = upper[i]! * upper[i]!;
    // Refilling an empty cluster and assigning again can empty another: repeat until none is empty.
    for (let round = 0; round < k && relocateEmpty(ws.X, centroids, labels, distance, k); round++) {
      assignWithSecond();
      for (let i = 0; i < n; i++) distance[i] = upper[i]! * upper[i]!;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) addRow(data, i, d, labels[i]!, sums, counts);
  };
  /** Moves the bounds by how far the centroids moved, then re-measures only rows whose bounds overlap. */
  const reassign = (maxMove: number, maxMoveAt: number, secondMove: number): boolean => {
    halfDistanceToNearestOther(centroids, k, d, half);
    return kernels.reassign(at.x, n, d, at.centroids, k, at.labels, at.upper, at.lower, at.moved, at.half, maxMove, maxMoveAt, secondMove, at.sums, at.counts) === 1;
  };
  fullPass();
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    // Move the centroids to their means, and note how far each moved.
    let shift = 0;
    let maxMove = 0;
    let maxMoveAt = -1;
    let secondMove = 0;
    for (let j = 0; j < k; j++) {
      let sq = 0;
      for (let c = 0; c < d; c++) {
        // A cluster still empty keeps its centroid rather than becoming NaN.
        const next = counts[j]! > 0 ? sums[j * d + c]! / counts[j]! : centroids[j * d + c]!;
        const delta = next - centroids[j * d + c]!;
        sq += delta * delta;
        centroids[j * d + c] = next;
      }
      shift += sq;
      moved[j] = Math.sqrt(sq);
      if (moved[j]! > maxMove) [secondMove, maxMove, maxMoveAt] = [maxMove, moved[j]!, j];
      else if (moved[j]! > secondMove) secondMove = moved[j]!;
    }
    // After the last move the rows are assigned once more, so labels and inertia fit the final centroids.
    converged = shift <= tol;
    if (reassign(maxMove, maxMoveAt, secondMove)) fullPass();
    if (converged) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i, centroids, labels[i]!, d);
  // Copies: the workspace is reused by the next restart.
  return { centroids: Float64Array.from(centroids), labels: Int32Array.from(labels), inertia, iterations, converged };
}

function addRow(data: Float64Array, i: number, d: number, label: number, sums: Float64Array, counts: Int32Array): void {
  counts[label]!++;
  const o = i * d;
  const s = label * d;
  for (let c = 0; c < d; c++) sums[s + c]! += data[o + c]!;
}

/** Half the distance from each centroid to its nearest other centroid: a row nearer than that stays. */
function halfDistanceToNearestOther(centroids: Float64Array, k: number, d: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let j = 0; j < k; j++) {
    for (let l = j + 1; l < k; l++) {
      const h = Math.sqrt(squaredDistance(centroids, j, centroids, l, d)) / 2;
      if (h < out[j]!) out[j] = h;
      if (h < out[l]!) out[l] = h;
    }
  }
}

/** A cluster left without rows takes the row farthest from its own centroid, as scikit-learn does. */
function relocateEmpty(X: Matrix, centroids: Float64Array, labels: Int32Array, distance: Float64Array, k: number): boolean {
  const counts = new Int32Array(k);
  for (const l of labels) counts[l]!++;
  let moved = false;
  for (let j = 0; j < k; j++) {
    if (counts[j]! > 0) continue;
    let far = -1;
    for (let i = 0; i < labels.length; i++) if (counts[labels[i]!]! > 1 && (far < 0 || distance[i]! > distance[far]!)) far = i;
    if (far < 0) return moved;
    moved = true;
    counts[labels[far]!]!--;
    labels[far] = j;
    counts[j] = 1;
    distance[far] = 0;
    centroids.set(X.data.subarray(far * X.cols, (far + 1) * X.cols), j * X.cols);
  }
  return moved;
}

/** The nearest centroid of each row of X under a fitted model. */
export function assignClusters(model: KMeansModel, X: Matrix): Int32Array {
  if (model.kind !== "kmeans" || model.version !== 1) throw new MlRangeError(`not a k-means model (kind ${String(model.kind)}, version ${String(model.version)})`);
  if (X.cols !== model.cols) throw new MlRangeError(`the model has ${model.cols} features, the data ${X.cols}`);
  const ws = createWorkspace(X, model.k, false);
  ws.centroids.set(model.centroids);
  ws.kernels.assignAll(ws.at.x, X.rows, X.cols, ws.at.centroids, model.k, ws.at.labels, ws.at.upper, ws.at.lower);
  return Int32Array.from(ws.labels);
}
