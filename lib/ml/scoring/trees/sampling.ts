// The draws a tree makes before growing: which rows (a share without replacement, or a bootstrap held as
// weights) and which features. Each takes the tree's generator, so a seed fixes the whole tree.
import type { Rng } from "../../random";

export function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

export function sumOf(a: Float64Array, rows: Int32Array): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) s += a[rows[k]!]!;
  return s;
}

/** round(fraction × n) of the rows without replacement, in the order given (Knuth's selection sampling). */
export function drawRows(rows: Int32Array, fraction: number, rng: Rng): Int32Array {
  if (fraction >= 1) return Int32Array.from(rows);
  const n = rows.length;
  const size = Math.max(1, Math.round(fraction * n));
  const out = new Int32Array(size);
  let taken = 0;
  for (let k = 0; k < n && taken < size; k++) if (rng.next() * (n - k) < size - taken) out[taken++] = rows[k]!;
  return out;
}

/** n draws with replacement from n distinct rows: weights[row] = times drawn; returns the rows drawn, in order. */
export function drawBootstrap(rows: Int32Array, weights: Float64Array, rng: Rng): Int32Array {
  const n = rows.length;
  weights.fill(0);
  for (let k = 0; k < n; k++) weights[rows[Math.floor(rng.next() * n)]!]!++;
  let drawn = 0;
  for (let k = 0; k < n; k++) if (weights[rows[k]!]! > 0) drawn++;
  const out = new Int32Array(drawn);
  let at = 0;
  for (let k = 0; k < n; k++) if (weights[rows[k]!]! > 0) out[at++] = rows[k]!;
  return out;
}

/** Gradients and hessians (1 when null) times the rows' weights. */
export function weigh(sample: Int32Array, weights: Float64Array, grad: Float64Array, hess: Float64Array | null, out: { grad: Float64Array; hess: Float64Array }): [Float64Array, Float64Array] {
  for (let k = 0; k < sample.length; k++) {
    const r = sample[k]!;
    out.grad[r] = grad[r]! * weights[r]!;
    out.hess[r] = (hess ? hess[r]! : 1) * weights[r]!;
  }
  return [out.grad, out.hess];
}

/** Up to `count` of `from`, drawn without replacement into `out` in ascending order; returns how many. */
export function drawFeatures(from: Int32Array, out: Int32Array, count: number, rng: Rng): number {
  const n = from.length;
  if (count >= n) {
    out.set(from);
    return n;
  }
  let taken = 0;
  for (let k = 0; k < n && taken < count; k++) if (rng.next() * (n - k) < count - taken) out[taken++] = from[k]!;
  return taken;
}
