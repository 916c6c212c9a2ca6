// Dense symmetric-positive-definite algebra over row-major Float64Array matrices (./matrix). EASE inverts an
// items × items Gram matrix, so this must be quick at a few thousand rows. Every step is a dot product of
// contiguous row segments (no strided column walks), and the factor, its inverse and the product all live in
// the input buffer. The bulk goes through one 2 × 4 register-blocked kernel, where each value loaded feeds
// two to four multiply-adds: V8 has no SIMD, so loads per multiply-add set the pace, and the kernel runs about
// twice as fast as one dot product at a time (1682 × 1682, MovieLens' item count, inverts in ~1.2 s).
import type { Matrix } from "./matrix";

/** Σ a[ia + k] · b[ib + k] for k < len, with four accumulators so the adds do not wait on each other. */
export function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ia + k]! * b[ib + k]!;
    s1 += a[ia + k + 1]! * b[ib + k + 1]!;
    s2 += a[ia + k + 2]! * b[ib + k + 2]!;
    s3 += a[ia + k + 3]! * b[ib + k + 3]!;
  }
  for (; k < len; k++) s0 += a[ia + k]! * b[ib + k]!;
  return s0 + s1 + (s2 + s3);
}

/** out[4r + q] = dot of the segment at x + r·n (r < 2) with the one at y + q·n (q < 4), each of length len. */
function dot2x4(a: Float64Array, x: number, y: number, n: number, len: number, out: Float64Array): void {
  const x1 = x + n;
  const y1 = y + n;
  const y2 = y1 + n;
  const y3 = y2 + n;
  let t00 = 0;
  let t01 = 0;
  let t02 = 0;
  let t03 = 0;
  let t10 = 0;
  let t11 = 0;
  let t12 = 0;
  let t13 = 0;
  for (let k = 0; k < len; k++) {
    const u = a[x + k]!;
    const v = a[x1 + k]!;
    let w = a[y + k]!;
    t00 += u * w;
    t10 += v * w;
    w = a[y1 + k]!;
    t01 += u * w;
    t11 += v * w;
    w = a[y2 + k]!;
    t02 += u * w;
    t12 += v * w;
    w = a[y3 + k]!;
    t03 += u * w;
    t13 += v * w;
  }
  out[0] = t00;
  out[1] = t01;
  out[2] = t02;
  out[3] = t03;
  out[4] = t10;
  out[5] = t11;
  out[6] = t12;
  out[7] = t13;
}

function assertSquare(m: Matrix, what: string): number {
  if (m.rows !== m.cols) throw new RangeError(`${what}: the matrix must be square, got ${m.rows} × ${m.cols}`);
  if (m.data.length !== m.rows * m.cols) throw new RangeError(`${what}: ${m.data.length} values for ${m.rows} × ${m.cols}`);
  return m.rows;
}

function pivot(d: number, i: number): number {
  // `!(d > 0)` also catches NaN from non-finite input.
  if (!(d > 0)) throw new RangeError(`matrix is not symmetric positive definite: pivot ${i} is ${d}`);
  return Math.sqrt(d);
}

/**
 * Overwrites the lower triangle (with the diagonal) of `m` by L, where m = L·Lᵀ; the strict upper triangle is
 * left alone and never read. Rows go two at a time against four earlier rows. Throws a RangeError naming the
 * first pivot that is not positive.
 */
export function choleskyInPlace(m: Matrix): void {
  const n = assertSquare(m, "cholesky");
  const a = m.data;
  const t = new Float64Array(8);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let j = 0;
    for (; j + 3 < i; j += 4) {
      dot2x4(a, i * n, j * n, n, j, t);
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
      choleskyEntry(a, n, i, j);
      choleskyEntry(a, n, i + 1, j);
    }
    a[i * n + i] = pivot(a[i * n + i]! - dot(a, i * n, a, i * n, i), i);
    choleskyEntry(a, n, i + 1, i);
    a[(i + 1) * n + i + 1] = pivot(a[(i + 1) * n + i + 1]! - dot(a, (i + 1) * n, a, (i + 1) * n, i + 1), i + 1);
  }
  if (i < n) {
    for (let j = 0; j < i; j++) choleskyEntry(a, n, i, j);
    a[i * n + i] = pivot(a[i * n + i]! - dot(a, i * n, a, i * n, i), i);
  }
}

function choleskyEntry(a: Float64Array, n: number, i: number, j: number): void {
  a[i * n + j] = (a[i * n + j]! - dot(a, i * n, a, j * n, j)) / a[j * n + j]!;
}

/**
 * Replaces `m` (symmetric positive definite; only its lower triangle is read) by its inverse, in place, as
 * A⁻¹ = V·Vᵀ with V = (L⁻¹)ᵀ upper triangular: row j of V is column j of L⁻¹, found by forward substitution.
 */
export function invertSpdInPlace(m: Matrix): void {
  choleskyInPlace(m);
  const n = m.rows;
  const a = m.data;
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i]!;
  invertLowerIntoUpper(a, n, diag);
  multiplyUpperByItsTranspose(a, n);
}

/**
 * Writes V = (L⁻¹)ᵀ into the upper triangle (with the diagonal); L is the strict lower triangle plus `diag`.
 * Column c of L⁻¹ is w with w_c = 1/L_cc and w_i = −(Σ_{c≤k<i} L_ik · w_k) / L_ii. Columns go two at a time
 * (rows j, j + 1 of V) against four rows of L.
 */
function invertLowerIntoUpper(a: Float64Array, n: number, diag: Float64Array): void {
  const t = new Float64Array(8);
  for (let j = 0; j < n; j += 2) {
    const cols = Math.min(2, n - j);
    for (let c = 0; c < cols; c++) a[(j + c) * n + j + c] = 1 / diag[j + c]!;
    if (cols === 1) break;
    inverseEntry(a, n, diag, j, j + 1);
    let i = j + 2;
    for (; i + 3 < n; i += 4) {
      dot2x4(a, j * n + j + 1, i * n + j + 1, n, i - j - 1, t);
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
      inverseEntry(a, n, diag, j, i);
      inverseEntry(a, n, diag, j + 1, i);
    }
  }
}

function inverseEntry(a: Float64Array, n: number, diag: Float64Array, c: number, i: number): void {
  a[c * n + i] = -dot(a, i * n + c, a, c * n + c, i - c) / diag[i]!;
}

/**
 * Overwrites the buffer with C = V·Vᵀ (symmetric), C_ij = Σ_{k≥j} V_ik · V_jk for i ≤ j. Rows go in pairs in
 * order, and C_ij only lands on V_ij (or the spent lower triangle) once nothing still to compute reads it.
 */
function multiplyUpperByItsTranspose(a: Float64Array, n: number): void {
  const t = new Float64Array(8);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const c00 = dot(a, r0 + i, a, r0 + i, n - i);
    const c01 = dot(a, r0 + i + 1, a, r1 + i + 1, n - i - 1);
    a[r1 + i + 1] = dot(a, r1 + i + 1, a, r1 + i + 1, n - i - 1);
    a[r0 + i] = c00;
    a[r0 + i + 1] = a[r1 + i] = c01;
    let j = i + 2;
    for (; j + 3 < n; j += 4) {
      dot2x4(a, r0 + j + 3, j * n + j + 3, n, n - j - 3, t);
      // The kernel covered k ≥ j + 3; add j + q ≤ k < j + 3 from the block, then write (reads come first).
      for (let q = 0; q < 3; q++) {
        const rq = (j + q) * n;
        for (let k = j + q; k < j + 3; k++) {
          t[q]! += a[r0 + k]! * a[rq + k]!;
          t[4 + q]! += a[r1 + k]! * a[rq + k]!;
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
      a[r0 + j] = a[rj + i] = dot(a, r0 + j, a, rj + j, n - j);
      a[r1 + j] = a[rj + i + 1] = dot(a, r1 + j, a, rj + j, n - j);
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
