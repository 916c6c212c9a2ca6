import { describe, expect, it } from "vitest";
import { choleskyInPlace, invertSpd } from "./linalg";
import { fromRows, matrix, toRows, type Matrix } from "./matrix";
import { createRng } from "./random";

const lowerOf = (m: Matrix) => toRows(m).map((row, i) => row.map((v, j) => (j <= i ? v : 0)));

/** R·Rᵀ + I for a seeded random R: symmetric positive definite, and not diagonally dominant. */
function randomSpd(n: number, seed: number): Matrix {
  const rng = createRng(seed);
  const r = Array.from({ length: n * n }, () => rng.next() - 0.5);
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += r[i * n + k]! * r[j * n + k]!;
      a.data[i * n + j] = s;
    }
  }
  return a;
}

function maxErrorFromIdentity(a: Matrix, inv: Matrix): number {
  const n = a.rows;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a.data[i * n + k]! * inv.data[k * n + j]!;
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe("cholesky", () => {
  it("factors small matrices exactly", () => {
    // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]].
    const a = fromRows([[4, 2], [2, 3]]);
    choleskyInPlace(a);
    expect(lowerOf(a)).toEqual([[2, 0], [1, Math.SQRT2]]);
    const b = fromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
    choleskyInPlace(b);
    expect(lowerOf(b)).toEqual([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
  });

  it("reads only the lower triangle and leaves the upper one alone", () => {
    const a = fromRows([[4, 99], [2, 3]]);
    choleskyInPlace(a);
    expect(toRows(a)).toEqual([[2, 99], [1, Math.SQRT2]]);
  });

  it("refuses a matrix that is not positive definite, naming the pivot", () => {
    // L00 = 1, L10 = 2, then 1 − 2² = −3 is left for the second pivot.
    expect(() => choleskyInPlace(fromRows([[1, 2], [2, 1]]))).toThrow("matrix is not symmetric positive definite: pivot 1 is -3");
    expect(() => choleskyInPlace(fromRows([[0]]))).toThrow(RangeError);
    expect(() => choleskyInPlace(fromRows([[1, 0], [0, Number.NaN]]))).toThrow("pivot 1 is NaN");
    expect(() => choleskyInPlace(matrix(2, 3))).toThrow("cholesky: the matrix must be square, got 2 × 3");
  });
});

describe("invertSpd", () => {
  it("inverts a hand-checked 3 × 3 matrix", () => {
    // The adjugate of [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] over its determinant 36.
    const inv = invertSpd(fromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]));
    const expected = [[1777, -488, 76], [-488, 136, -20], [76, -20, 4]].map((row) => row.map((v) => v / 36));
    toRows(inv).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 10)));
  });

  it("gives A·A⁻¹ = I and a symmetric inverse for every size around the 2 × 4 blocks", () => {
    for (let n = 1; n <= 23; n++) {
      const a = randomSpd(n, n);
      const inv = invertSpd(a);
      expect(maxErrorFromIdentity(a, inv)).toBeLessThan(1e-9);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inv.data[i * n + j]).toBe(inv.data[j * n + i]);
    }
  });

  it("leaves its input untouched", () => {
    const a = randomSpd(9, 3);
    const before = Array.from(a.data);
    invertSpd(a);
    expect(Array.from(a.data)).toEqual(before);
  });
});
