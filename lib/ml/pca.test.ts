import { describe, expect, it } from "vitest";
import { fromRows } from "./matrix";
import { fitPca, projectRows } from "./pca";

describe("PCA", () => {
  it("finds the direction of most variance and projects rows onto it", () => {
    // Points on the line y = x, plus a small spread across it: component 1 is (1, 1)/√2.
    const X = fromRows([[0, 0], [1, 1], [2, 2], [3, 3], [1, 2], [2, 1]]);
    const pca = fitPca(X, 2);
    expect(pca.components[0]![0]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(pca.components[0]![1]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(Math.abs(pca.components[1]![0]!)).toBeCloseTo(Math.SQRT1_2, 9);
    // Mean (1.5, 1.5); covariance [[1.1, 0.9], [0.9, 1.1]] (n − 1 = 5): eigenvalues 2.0 along (1,1) and 0.2 across.
    expect(pca.explained[0]).toBeCloseTo(2 / 2.2, 9);
    expect(pca.explained[1]).toBeCloseTo(0.2 / 2.2, 9);
    const rows = projectRows(X, pca, [0, 3]);
    expect(rows[0]![0]).toBeCloseTo(-1.5 * Math.SQRT2, 9);
    expect(rows[1]![0]).toBeCloseTo(1.5 * Math.SQRT2, 9);
  });

  it("refuses more components than columns", () => {
    expect(() => fitPca(fromRows([[1, 2], [3, 4]]), 3)).toThrow("components must be between 1 and 2, got 3");
  });
});
