// The dense arithmetic behind implicit ALS for one row at a time, kept apart from the model plumbing in ./als:
// folding a new history in, scoring and explaining. (The fit's sweeps over every row run the same solver in
// WebAssembly, ./als-fit, which its test checks against solveRow here.) Factors are row-major Float32Array
// (rows × f); every accumulation runs in doubles. Here c = 1 + alpha·r and p = 1 for r > 0; entries with
// r <= 0 are treated as unobserved (c = 1, p = 0), like every cell not stored.
import { MlRangeError } from "../errors";

/** Fixed-size work vectors for one row solve, allocated once per fit or call instead of per row. */
export interface RowScratch {
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly ap: Float64Array;
}

export function rowScratch(f: number): RowScratch {
  return { r: new Float64Array(f), p: new Float64Array(f), ap: new Float64Array(f) };
}

/** YᵀY + reg·I (f × f): the part of every row's normal equations shared by all rows (Hu et al. §4). */
export function gram(Y: Float32Array, rows: number, f: number, reg: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let i = 0; i < rows; i++) {
    const o = i * f;
    for (let a = 0; a < f; a++) {
      const ya = Y[o + a]!;
      if (ya === 0) continue;
      const ga = a * f;
      for (let b = a; b < f; b++) g[ga + b]! += ya * Y[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a]! += reg;
    for (let b = a + 1; b < f; b++) g[b * f + a] = g[a * f + b]!;
  }
  return g;
}

// Four accumulators per loop let V8 overlap the multiply-adds: about twice as fast as the plain loops.

/** Row `o / f` of Y dotted with v. */
export function dotRow(Y: Float32Array, o: number, v: Float64Array, f: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let a = 0;
  for (; a + 3 < f; a += 4) {
    s0 += Y[o + a]! * v[a]!;
    s1 += Y[o + a + 1]! * v[a + 1]!;
    s2 += Y[o + a + 2]! * v[a + 2]!;
    s3 += Y[o + a + 3]! * v[a + 3]!;
  }
  for (; a < f; a++) s0 += Y[o + a]! * v[a]!;
  return s0 + s1 + s2 + s3;
}

/** out += w · (row `o / f` of Y). */
function addRow(out: Float64Array, w: number, Y: Float32Array, o: number, f: number): void {
  let a = 0;
  for (; a + 3 < f; a += 4) {
    out[a]! += w * Y[o + a]!;
    out[a + 1]! += w * Y[o + a + 1]!;
    out[a + 2]! += w * Y[o + a + 2]!;
    out[a + 3]! += w * Y[o + a + 3]!;
  }
  for (; a < f; a++) out[a]! += w * Y[o + a]!;
}

/** out = G·v for a dense f × f G. */
function multiply(G: Float64Array, v: Float64Array, out: Float64Array, f: number): void {
  for (let a = 0; a < f; a++) {
    const ga = a * f;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let b = 0;
    for (; b + 3 < f; b += 4) {
      s0 += G[ga + b]! * v[b]!;
      s1 += G[ga + b + 1]! * v[b + 1]!;
      s2 += G[ga + b + 2]! * v[b + 2]!;
      s3 += G[ga + b + 3]! * v[b + 3]!;
    }
    for (; b < f; b++) s0 += G[ga + b]! * v[b]!;
    out[a] = s0 + s1 + s2 + s3;
  }
}

/** out = G·v + Σ_k alpha·r_k (y_k · v) y_k: the row's system matrix times v, without forming it. */
function applySystem(G: Float64Array, Y: Float32Array, f: number, items: Int32Array, values: Float32Array, alpha: number, v: Float64Array, out: Float64Array): void {
  multiply(G, v, out, f);
  for (let k = 0; k < items.length; k++) {
    const r = values[k]!;
    if (!(r > 0)) continue;
    const o = items[k]! * f;
    addRow(out, alpha * r * dotRow(Y, o, v, f), Y, o, f);
  }
}

/**
 * Conjugate-gradient steps on (G + Σ (c−1) y yᵀ) x = Σ c y, starting from x (Takács et al. 2011, as in
 * benfred/implicit's least_squares_cg). Warm-started from the previous iteration, three steps are enough;
 * each costs O(f² + nnz·f) because YᵀY is shared. Returns the steps taken.
 */
export function solveRow(
  G: Float64Array,
  Y: Float32Array,
  f: number,
  items: Int32Array,
  values: Float32Array,
  alpha: number,
  x: Float64Array,
  steps: number,
  s: RowScratch,
): number {
  const { r, p, ap } = s;
  // r = b − A·x
  applySystem(G, Y, f, items, values, alpha, x, ap);
  for (let a = 0; a < f; a++) r[a] = -ap[a]!;
  for (let k = 0; k < items.length; k++) {
    const v = values[k]!;
    if (!(v > 0)) continue;
    addRow(r, 1 + alpha * v, Y, items[k]! * f, f);
  }
  p.set(r);
  let rs = dot(r, r, f);
  let step = 0;
  for (; step < steps && rs > 1e-20; step++) {
    applySystem(G, Y, f, items, values, alpha, p, ap);
    const pAp = dot(p, ap, f);
    if (!(pAp > 0)) break;
    const a = rs / pAp;
    for (let i = 0; i < f; i++) {
      x[i]! += a * p[i]!;
      r[i]! -= a * ap[i]!;
    }
    const rsNew = dot(r, r, f);
    const beta = rsNew / rs;
    for (let i = 0; i < f; i++) p[i] = r[i]! + beta * p[i]!;
    rs = rsNew;
  }
  return step;
}

function dot(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let i = 0; i < f; i++) s += a[i]! * b[i]!;
  return s;
}

/** The row's full system matrix G + Σ (c−1) y yᵀ, for an exact factorisation. */
export function rowSystem(G: Float64Array, Y: Float32Array, f: number, items: Int32Array, values: Float32Array, alpha: number): Float64Array {
  const A = Float64Array.from(G);
  for (let k = 0; k < items.length; k++) {
    const v = values[k]!;
    if (!(v > 0)) continue;
    const o = items[k]! * f;
    const w = alpha * v;
    for (let a = 0; a < f; a++) {
      const wa = w * Y[o + a]!;
      for (let b = 0; b < f; b++) A[a * f + b]! += wa * Y[o + b]!;
    }
  }
  return A;
}

/** Lower-triangular L with A = L·Lᵀ. A is symmetric positive definite whenever reg > 0. */
export function cholesky(A: Float64Array, f: number): Float64Array {
  const L = new Float64Array(f * f);
  for (let i = 0; i < f; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * f + j]!;
      for (let k = 0; k < j; k++) s -= L[i * f + k]! * L[j * f + k]!;
      if (i === j) {
        if (!(s > 0)) throw new MlRangeError(`ALS: the weighted Gram matrix is not positive definite at column ${i}`);
        L[i * f + i] = Math.sqrt(s);
      } else L[i * f + j] = s / L[j * f + j]!;
    }
  }
  return L;
}

/** Solves L·Lᵀ·z = b. */
export function choleskySolve(L: Float64Array, f: number, b: ArrayLike<number>): Float64Array {
  const z = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * f + k]! * z[k]!;
    z[i] = s / L[i * f + i]!;
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < f; k++) s -= L[k * f + i]! * z[k]!;
    z[i] = s / L[i * f + i]!;
  }
  return z;
}
