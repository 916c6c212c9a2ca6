// Dense symmetric-positive-definite algebra over row-major Float64Array matrices (./matrix). EASE inverts an
// items × items Gram matrix, so this must be quick at a few thousand rows. Every step is a dot product of
// contiguous row segments (no strided column walks), and the factor, its inverse and the product all live in
// one buffer. The bulk goes through a 2 × 4 register-blocked kernel, where each value loaded feeds two to
// four multiply-adds, run as WebAssembly SIMD (./wasm/dot-kernels.wat, two multiply-adds per instruction):
// 1682 × 1682, MovieLens' item count, inverts in ~0.5 s, against ~1.5 s for the same kernel in plain
// JavaScript, where V8 does one multiply-add at a time. The matrix is copied into the kernels' memory and
// back, which costs a few milliseconds.
import type { Matrix } from "./matrix";
import { createDotKernels, type DotKernels } from "./wasm/dot-kernels";
import { MlRangeError } from "./errors";

/** Runs `step` on a kernel workspace holding a copy of `m`, then copies the workspace back into `m`. */
function inWorkspace(m: Matrix, step: (k: DotKernels, n: number) => void): void {
  const k = createDotKernels(m.data.length);
  k.a.set(m.data);
  step(k, m.rows);
  m.data.set(k.a);
}

function assertSquare(m: Matrix, what: string): number {
  if (m.rows !== m.cols) throw new MlRangeError(`${what}: the matrix must be square, got ${m.rows} × ${m.cols}`);
  if (m.data.length !== m.rows * m.cols) throw new MlRangeError(`${what}: ${m.data.length} values for ${m.rows} × ${m.cols}`);
  return m.rows;
}

function pivot(d: number, i: number): number {
  // `!(d > 0)` also catches NaN from non-finite input.
  if (!(d > 0)) throw new MlRangeError(`matrix is not symmetric positive definite: pivot ${i} is ${d}`);
  return Math.sqrt(d);
}

/**
 * Overwrites the lower triangle (with the diagonal) of `m` by L, where m = L·Lᵀ; the strict upper triangle is
 * left alone and never read. Throws a RangeError naming the first pivot that is not positive.
 */
export function choleskyInPlace(m: Matrix): void {
  assertSquare(m, "cholesky");
  inWorkspace(m, cholesky);
}

/** Rows go two at a time against four earlier rows. */
function cholesky(k: DotKernels, n: number): void {
  const { a, out: t } = k;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let j = 0;
    for (; j + 3 < i; j += 4) {
      k.dot2x4(i * n, j * n, n, j);
      // L_{i,j+q} = (A_{i,j+q} − Σ_{k<j+q} L_ik · L_{j+q,k}) / L_{j+q,j+q}; the kernel covered k < j.
      for (let r = 0; r < 2; r++) {
        const ri = (i + r) * n;
        for (let q = 0; q < 4; q++) {
          const rq = (j + q) * n;
          let s = a[ri + j + q]! - t[4 * r + q]!;
          for (let p = 0; p < q; p++) s -= a[ri + j + p]! * a[rq + j + p]!;
          a[ri + j + q] = s / a[rq + j + q]!;
        }
      }
    }
    for (; j < i; j++) {
      choleskyEntry(k, n, i, j);
      choleskyEntry(k, n, i + 1, j);
    }
    a[i * n + i] = pivot(a[i * n + i]! - k.dot(i * n, i * n, i), i);
    choleskyEntry(k, n, i + 1, i);
    a[(i + 1) * n + i + 1] = pivot(a[(i + 1) * n + i + 1]! - k.dot((i + 1) * n, (i + 1) * n, i + 1), i + 1);
  }
  if (i < n) {
    for (let j = 0; j < i; j++) choleskyEntry(k, n, i, j);
    a[i * n + i] = pivot(a[i * n + i]! - k.dot(i * n, i * n, i), i);
  }
}

function choleskyEntry(k: DotKernels, n: number, i: number, j: number): void {
  k.a[i * n + j] = (k.a[i * n + j]! - k.dot(i * n, j * n, j)) / k.a[j * n + j]!;
}

/**
 * Replaces `m` (symmetric positive definite; only its lower triangle is read) by its inverse, in place, as
 * A⁻¹ = V·Vᵀ with V = (L⁻¹)ᵀ upper triangular: row j of V is column j of L⁻¹, found by forward substitution.
 */
export function invertSpdInPlace(m: Matrix): void {
  assertSquare(m, "invertSpd");
  inWorkspace(m, (k, n) => {
    cholesky(k, n);
    const diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = k.a[i * n + i]!;
    invertLowerIntoUpper(k, n, diag);
    multiplyUpperByItsTranspose(k, n);
  });
}

/**
 * Writes V = (L⁻¹)ᵀ into the upper triangle (with the diagonal); L is the strict lower triangle plus `diag`.
 * Column c of L⁻¹ is w with w_c = 1/L_cc and w_i = −(Σ_{c≤k<i} L_ik · w_k) / L_ii. Columns go two at a time
 * (rows j, j + 1 of V) against four rows of L.
 */
function invertLowerIntoUpper(k: DotKernels, n: number, diag: Float64Array): void {
  const { a, out: t } = k;
  for (let j = 0; j < n; j += 2) {
    const cols = Math.min(2, n - j);
    for (let c = 0; c < cols; c++) a[(j + c) * n + j + c] = 1 / diag[j + c]!;
    if (cols === 1) break;
    inverseEntry(k, n, diag, j, j + 1);
    let i = j + 2;
    for (; i + 3 < n; i += 4) {
      k.dot2x4(j * n + j + 1, i * n + j + 1, n, i - j - 1);
      for (let c = 0; c < 2; c++) {
        const rc = (j + c) * n;
        for (let q = 0; q < 4; q++) {
          const rq = (i + q) * n;
          // The kernel covered j < k < i; add k = j (first column only) and the rows of this block above.
          let s = t[4 * c + q]! + (c === 0 ? a[rq + j]! * a[rc + j]! : 0);
          for (let p = 0; p < q; p++) s += a[rq + i + p]! * a[rc + i + p]!;
          a[rc + i + q] = -s / diag[i + q]!;
        }
      }
    }
    for (; i < n; i++) {
      inverseEntry(k, n, diag, j, i);
      inverseEntry(k, n, diag, j + 1, i);
    }
  }
}

function inverseEntry(k: DotKernels, n: number, diag: Float64Array, c: number, i: number): void {
  k.a[c * n + i] = -k.dot(i * n + c, c * n + c, i - c) / diag[i]!;
}

/**
 * Overwrites the buffer with C = V·Vᵀ (symmetric), C_ij = Σ_{k≥j} V_ik · V_jk for i ≤ j. Rows go in pairs in
 * order, and C_ij only lands on V_ij (or the spent lower triangle) once nothing still to compute reads it.
 */
function multiplyUpperByItsTranspose(k: DotKernels, n: number): void {
  const { a, out } = k;
  const t = new Float64Array(8);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const c00 = k.dot(r0 + i, r0 + i, n - i);
    const c01 = k.dot(r0 + i + 1, r1 + i + 1, n - i - 1);
    a[r1 + i + 1] = k.dot(r1 + i + 1, r1 + i + 1, n - i - 1);
    a[r0 + i] = c00;
    a[r0 + i + 1] = a[r1 + i] = c01;
    let j = i + 2;
    for (; j + 3 < n; j += 4) {
      k.dot2x4(r0 + j + 3, j * n + j + 3, n, n - j - 3);
      t.set(out);
      // The kernel covered k ≥ j + 3; add j + q ≤ k < j + 3 from the block, then write (reads come first).
      for (let q = 0; q < 3; q++) {
        const rq = (j + q) * n;
        for (let p = j + q; p < j + 3; p++) {
          t[q]! += a[r0 + p]! * a[rq + p]!;
          t[4 + q]! += a[r1 + p]! * a[rq + p]!;
        }
      }
      for (let q = 0; q < 4; q++) {
        const rq = (j + q) * n;
        a[r0 + j + q] = a[rq + i] = t[q]!;
        a[r1 + j + q] = a[rq + i + 1] = t[4 + q]!;
      }
    }
    for (; j < n; j++) {
      const rj = j * n;
      a[r0 + j] = a[rj + i] = k.dot(r0 + j, rj + j, n - j);
      a[r1 + j] = a[rj + i + 1] = k.dot(r1 + j, rj + j, n - j);
    }
  }
  if (i < n) a[i * n + i] = a[i * n + i]! * a[i * n + i]!;
}

/** The inverse of a symmetric positive definite matrix, leaving the input untouched. */
export function invertSpd(m: Matrix): Matrix {
  const copy = { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  invertSpdInPlace(copy);
  return copy;
}
