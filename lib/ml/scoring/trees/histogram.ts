// Gradient histograms: per bin the sums of gradient, hessian and row count, three doubles side by side so
// one bin's update touches one cache line. Features sit one after another at binOffsets(mapper) × 3. This is
// where a tree's time goes, so the loops allocate nothing and do one indexed update per row and feature.
// They walk a row-major copy of the bins holding each value's histogram index: consecutive updates then hit
// different features' bins, where a column at a time keeps adding into the same few bins and waits on its
// own last store (measured on 16,000 rows × 15 features: 3.1 ns an update row-wise, 5.5 column-wise).
import type { BinnedMatrix } from "./binning";

/** bins[row × features + f] = offsets[f] + the row's bin of f: the histogram slot, without a lookup. */
export interface RowMajorBins {
  readonly features: number;
  readonly slots: Uint16Array | Int32Array;
}

export function toRowMajor(binned: BinnedMatrix, offsets: Int32Array): RowMajorBins {
  const { rows, features } = binned;
  const slots = offsets[features]! <= 65536 ? new Uint16Array(rows * features) : new Int32Array(rows * features);
  for (let f = 0; f < features; f++) {
    const col = binned.bins[f]!;
    const base = offsets[f]!;
    for (let i = 0; i < rows; i++) slots[i * features + f] = base + col[i]!;
  }
  return { features, slots };
}

/**
 * Fills the histograms of `features[0..count)` from rows[start..end). With `hess` null every hessian is 1
 * (the forest's squared error); with `counts` a row counts that many times (a bootstrap's weights, already
 * multiplied into grad and hess), else once.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: RowMajorBins,
  offsets: Int32Array,
  features: Int32Array,
  count: number,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array | null,
  counts: Float64Array | null,
): void {
  const all = count === bins.features;
  if (all) hist.fill(0);
  else for (let j = 0; j < count; j++) hist.fill(0, offsets[features[j]!]! * 3, offsets[features[j]! + 1]! * 3);
  if (all && hess && !counts) accumulateAll(hist, bins, rows, start, end, grad, hess);
  else accumulateSome(hist, bins, features, count, rows, start, end, grad, hess, counts);
}

function accumulateAll(hist: Float64Array, bins: RowMajorBins, rows: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array): void {
  const { slots, features: width } = bins;
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const stop = (r + 1) * width;
    for (let o = r * width; o < stop; o++) {
      const b = slots[o]! * 3;
      hist[b]! += g;
      hist[b + 1]! += h;
      hist[b + 2]! += 1;
    }
  }
}

function accumulateSome(hist: Float64Array, bins: RowMajorBins, features: Int32Array, count: number, rows: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array | null, counts: Float64Array | null): void {
  const { slots, features: width } = bins;
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    const g = grad[r]!;
    const h = hess ? hess[r]! : 1;
    const c = counts ? counts[r]! : 1;
    const o = r * width;
    for (let j = 0; j < count; j++) {
      const b = slots[o + features[j]!]! * 3;
      hist[b]! += g;
      hist[b + 1]! += h;
      hist[b + 2]! += c;
    }
  }
}

/** parent −= child over the given features: the parent's histogram becomes the sibling's (LightGBM's trick). */
export function subtractHistogram(parent: Float64Array, child: Float64Array, offsets: Int32Array, features: Int32Array, count: number): void {
  for (let j = 0; j < count; j++) {
    const f = features[j]!;
    const stop = offsets[f + 1]! * 3;
    for (let b = offsets[f]! * 3; b < stop; b++) parent[b]! -= child[b]!;
  }
}
