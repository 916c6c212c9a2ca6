// Isotonic calibration: the non-decreasing step function closest to the labels in squared error, by
// pool-adjacent-violators. It is scikit-learn's IsotonicRegression(increasing=True, out_of_bounds="clip"):
// rows with equal inputs are pooled first (their mean label, their count as weight), violating neighbours
// are merged while the earlier block's mean is >= the later one's, only the first and last point of each
// block are kept, and a new input is interpolated linearly between them and clipped to the training range.
import { MlRangeError } from "../../errors";
import { checkLabelled, requireBothClasses } from "./inputs";
import { descendingOrder } from "./order";

export interface IsotonicCalibration {
  readonly kind: "isotonic";
  /** Strictly increasing inputs (on the scale the fit was given: margins in chooseCalibration). */
  readonly x: number[];
  /** Non-decreasing outputs at x. */
  readonly y: number[];
}

export function fitIsotonic(scores: Float64Array, labels: Uint8Array): IsotonicCalibration {
  const totals = checkLabelled("fitIsotonic", scores, labels);
  requireBothClasses("fitIsotonic", totals);
  const { xs, sums, weights } = poolTies(scores, labels);
  // A stack of blocks over the distinct inputs: block j covers xs[starts[j]..ends[j]].
  const m = xs.length;
  const starts = new Int32Array(m);
  const ends = new Int32Array(m);
  const blockSum = new Float64Array(m);
  const blockWeight = new Float64Array(m);
  let top = -1;
  for (let u = 0; u < m; u++) {
    top++;
    starts[top] = u;
    ends[top] = u;
    blockSum[top] = sums[u]!;
    blockWeight[top] = weights[u]!;
    while (top > 0 && blockSum[top - 1]! / blockWeight[top - 1]! >= blockSum[top]! / blockWeight[top]!) {
      blockSum[top - 1]! += blockSum[top]!;
      blockWeight[top - 1]! += blockWeight[top]!;
      ends[top - 1] = ends[top]!;
      top--;
    }
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j <= top; j++) {
    const value = blockSum[j]! / blockWeight[j]!;
    x.push(xs[starts[j]!]!);
    y.push(value);
    if (ends[j]! > starts[j]!) {
      x.push(xs[ends[j]!]!);
      y.push(value);
    }
  }
  return { kind: "isotonic", x, y };
}

/** np.interp(clip(v, x[0], x[last]), x, y). */
export function interpolateIsotonic(cal: IsotonicCalibration, v: number): number {
  const { x, y } = cal;
  const last = x.length - 1;
  if (last < 0 || y.length !== x.length) throw new MlRangeError(`isotonic calibration: x has ${x.length} points and y ${y.length}; both need the same number, at least 1`);
  if (v <= x[0]!) return y[0]!;
  if (v >= x[last]!) return y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const y0 = y[lo]!;
  const y1 = y[hi]!;
  return y0 === y1 ? y0 : ((y1 - y0) / (x[hi]! - x[lo]!)) * (v - x[lo]!) + y0;
}

/** Distinct inputs ascending, with each one's label sum and row count. */
function poolTies(scores: Float64Array, labels: Uint8Array): { xs: Float64Array; sums: Float64Array; weights: Float64Array } {
  const order = descendingOrder(scores);
  const n = order.length;
  const xs = new Float64Array(n);
  const sums = new Float64Array(n);
  const weights = new Float64Array(n);
  let m = 0;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    if (m === 0 || xs[m - 1] !== scores[i]) {
      xs[m] = scores[i]!;
      m++;
    }
    sums[m - 1]! += labels[i]!;
    weights[m - 1]!++;
  }
  return { xs: xs.slice(0, m), sums: sums.slice(0, m), weights: weights.slice(0, m) };
}
