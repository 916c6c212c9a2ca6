import { describe, expect, it } from "vitest";
import { assignClusters, fitKMeans, lloyd } from "./kmeans";
import { fromRows, matrix } from "./matrix";

const sortedCentroids = (centroids: number[], d: number) =>
  Array.from({ length: centroids.length / d }, (_, j) => centroids.slice(j * d, (j + 1) * d)).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);

describe("k-means", () => {
  it("finds two groups on a line, with exact centroids and inertia", () => {
    const { model, labels } = fitKMeans(fromRows([[0], [1], [2], [10], [11], [12]]), { k: 2, seed: 1 });
    expect(sortedCentroids(model.centroids, 1)).toEqual([[1], [11]]);
    expect(model.inertia).toBe(4);
    expect(model.converged).toBe(true);
    expect(model.sizes).toEqual([3, 3]);
    expect(labels[0]).toBe(labels[2]);
    expect(labels[3]).toBe(labels[5]);
    expect(labels[0]).not.toBe(labels[3]);
  });

  it("finds two squares in the plane", () => {
    const X = fromRows([[0, 0], [0, 2], [2, 0], [2, 2], [10, 10], [10, 12], [12, 10], [12, 12]]);
    const { model } = fitKMeans(X, { k: 2, seed: 7, restarts: 3 });
    expect(sortedCentroids(model.centroids, 2)).toEqual([[1, 1], [11, 11]]);
    expect(model.inertia).toBe(16);
    expect(model).toMatchObject({ kind: "kmeans", version: 1, k: 2, cols: 2, seed: 7, restarts: 3 });
  });

  it("moves a cluster left empty to the row farthest from its centroid", () => {
    // Rows 0, 1 and 10 against centroids 0, 100 and 1: nothing is nearest 100, so it takes row 10.
    const run = lloyd(fromRows([[0], [1], [10]]), Float64Array.from([0, 100, 1]), 10, 0);
    expect(Array.from(run.centroids)).toEqual([0, 10, 1]);
    expect(Array.from(run.labels)).toEqual([0, 2, 1]);
    expect(run.inertia).toBe(0);
  });

  it("refills a cluster that an iteration's reassignment leaves empty", () => {
    // The first pass gives every centroid a row; moving the centroids then takes 26's last row away.
    const run = lloyd(fromRows([[5], [8], [19], [17]]), Float64Array.from([9, 26, 2]), 50, 0);
    expect(Array.from(run.labels)).toEqual([2, 0, 1, 1]);
    expect(Array.from(run.centroids)).toEqual([8, 18, 5]);
  });

  it("never leaves a centroid without rows or NaN when refilling one empties another", () => {
    const run = lloyd(fromRows([[1], [0], [0]]), Float64Array.from([-2, 4]), 50, 0);
    expect(Array.from(run.centroids).every(Number.isFinite)).toBe(true);
    expect(new Set(run.labels).size).toBe(2);
  });

  it("refuses more clusters than rows, or than distinct points, with the numbers", () => {
    expect(() => fitKMeans(fromRows([[1], [2], [3]]), { k: 5 })).toThrow("k = 5 is more than the 3 rows to cluster");
    expect(() => fitKMeans(fromRows([[3, 3], [3, 3], [3, 3], [3, 3], [3, 3]]), { k: 2 })).toThrow("k = 2 is more than the 1 distinct points in the data");
    expect(() => fitKMeans(fromRows([[1], [2]]), { k: 0 })).toThrow("k must be a whole number of at least 1, got 0");
    expect(() => fitKMeans(fromRows([[1], [Number.NaN]]), { k: 1 })).toThrow("the matrix holds a non-finite value at row 1, column 0");
  });

  it("gives what plain Lloyd iterations give, bounds or not, at every width", () => {
    // Plain Lloyd: every row to its nearest centroid (the first on ties), centroids to the means, until
    // nothing moves. Hamerly's bounds must only skip work, never change an assignment.
    const plain = (X: ReturnType<typeof matrix>, start: Float64Array) => {
      const { rows: n, cols: d, data } = X;
      const k = start.length / d;
      const c = Float64Array.from(start);
      const labels = new Int32Array(n);
      for (let it = 0; it < 100; it++) {
        for (let i = 0; i < n; i++) {
          let best = Infinity;
          for (let j = 0; j < k; j++) {
            let s = 0;
            for (let t = 0; t < d; t++) s += (data[i * d + t]! - c[j * d + t]!) ** 2;
            if (s < best) [best, labels[i]] = [s, j];
          }
        }
        const sums = new Float64Array(k * d);
        const counts = new Int32Array(k);
        for (let i = 0; i < n; i++) {
          counts[labels[i]!]!++;
          for (let t = 0; t < d; t++) sums[labels[i]! * d + t]! += data[i * d + t]!;
        }
        let shift = 0;
        for (let j = 0; j < k * d; j++) {
          const next = counts[Math.floor(j / d)]! > 0 ? sums[j]! / counts[Math.floor(j / d)]! : c[j]!;
          shift += (next - c[j]!) ** 2;
          c[j] = next;
        }
        if (shift === 0) break;
      }
      return { centroids: c, labels };
    };
    for (const d of [1, 2, 3, 5]) {
      // Overlapping uniform noise: rows change clusters for many iterations, and ties have no chance.
      const data = Float64Array.from({ length: 400 * d }, (_, i) => Math.sin(i * 12.9898 + d) * 43758.5453 - Math.floor(Math.sin(i * 12.9898 + d) * 43758.5453));
      const X = matrix(400, d, data);
      const start = Float64Array.from({ length: 5 * d }, (_, i) => data[(i % d) + Math.floor(i / d) * d]!);
      const ours = lloyd(X, start, 100, 0);
      const theirs = plain(X, start);
      expect(Array.from(ours.labels), `d = ${d}`).toEqual(Array.from(theirs.labels));
      Array.from(ours.centroids).forEach((v, j) => expect(v).toBeCloseTo(theirs.centroids[j]!, 9));
    }
  });

  it("is the same for the same seed, and labels new rows by the nearest centroid", () => {
    const X = matrix(200, 2, Float64Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453)));
    const a = fitKMeans(X, { k: 4, seed: 3 });
    const b = fitKMeans(X, { k: 4, seed: 3 });
    expect(b.model).toEqual(a.model);
    expect(Array.from(assignClusters(a.model, X))).toEqual(Array.from(a.labels));
    expect(JSON.parse(JSON.stringify(a.model))).toEqual(a.model);
    expect(() => assignClusters(a.model, fromRows([[1, 2, 3]]))).toThrow("the model has 2 features, the data 3");
  });
});
