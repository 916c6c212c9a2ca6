// The k-means kernels against plain JavaScript on the same values, for row widths with and without an odd
// value left over after the pairs.
import { describe, expect, it } from "vitest";
import { columnStats, matrix } from "../matrix";
import { createRng } from "../random";
import { instantiateKernels, Layout } from "./kernels";

function setUp(n: number, d: number, k: number, trials: number) {
  const layout = new Layout();
  const at = { x: layout.take(n * d, 8), cents: layout.take(k * d, 8), labels: layout.take(n, 4), upper: layout.take(n, 8), lower: layout.take(n, 8), closest: layout.take(n, 8), dist: layout.take(trials * n, 8), cands: layout.take(trials, 4), pot: layout.take(trials, 8) };
  const kernels = instantiateKernels(layout.bytes, "test");
  const b = kernels.memory.buffer;
  const rng = createRng(d);
  const x = new Float64Array(b, at.x, n * d);
  // Small integers: every squared distance is exact, whatever the order of the adds.
  for (let i = 0; i < x.length; i++) x[i] = Math.floor(rng.next() * 9) - 4;
  const cents = new Float64Array(b, at.cents, k * d);
  for (let i = 0; i < cents.length; i++) cents[i] = Math.floor(rng.next() * 9) - 4;
  const sq = (a: Float64Array, i: number, c: Float64Array, j: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (a[i * d + t]! - c[j * d + t]!) ** 2;
    return s;
  };
  return { kernels, at, b, x, cents, sq };
}

describe("input checks", () => {
  it("find the first value that is NaN or infinite, and take population variances as columnStats does", () => {
    const n = 7;
    const d = 3;
    const layout = new Layout();
    const at = { x: layout.take(n * d, 8), mean: layout.take(d, 8), variance: layout.take(d, 8) };
    const kernels = instantiateKernels(layout.bytes, "test");
    const x = new Float64Array(kernels.memory.buffer, at.x, n * d);
    x.set(Array.from({ length: n * d }, (_, i) => ((i * 37) % 11) / 4 - 1));
    expect(kernels.firstNonFinite(at.x, n * d)).toBe(-1);
    kernels.columnMoments(at.x, n, d, at.mean, at.variance);
    const stats = columnStats(matrix(n, d, Float64Array.from(x)));
    expect(Array.from(new Float64Array(kernels.memory.buffer, at.mean, d))).toEqual(Array.from(stats.mean));
    expect(Array.from(new Float64Array(kernels.memory.buffer, at.variance, d))).toEqual(Array.from(stats.variance));
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      x[16] = bad;
      expect(kernels.firstNonFinite(at.x, n * d)).toBe(16);
      expect(kernels.firstNonFinite(at.x, 16)).toBe(-1);
    }
  });
});

describe("k-means kernels", () => {
  for (const d of [1, 2, 3, 10]) {
    it(`measure seeding candidates against every row, capped by the nearest centre so far (d = ${d})`, () => {
      const n = 37;
      const trials = 3;
      const { kernels, at, b, x, sq } = setUp(n, d, 1, trials);
      const closest = new Float64Array(b, at.closest, n);
      for (let i = 0; i < n; i++) closest[i] = i % 4 === 0 ? Infinity : i % 7;
      const cands = [5, 0, 36];
      new Int32Array(b, at.cands, trials).set(cands);
      kernels.seedTrials(at.x, n, d, at.cands, trials, at.closest, at.dist, at.pot);
      const dist = new Float64Array(b, at.dist, trials * n);
      const pot = new Float64Array(b, at.pot, trials);
      cands.forEach((c, t) => {
        const expected = Array.from({ length: n }, (_, i) => Math.min(sq(x, i, x, c), closest[i]!));
        expect(Array.from(dist.subarray(t * n, (t + 1) * n))).toEqual(expected);
        expect(pot[t]).toBe(expected.reduce((a, v) => a + v, 0));
      });
    });

    it(`find each row's nearest and second-nearest centroid, the first on ties (d = ${d})`, () => {
      const n = 29;
      const k = 5;
      const { kernels, at, b, x, cents, sq } = setUp(n, d, k, 1);
      cents.copyWithin(4 * d, 1 * d, 2 * d); // centroid 4 = centroid 1: ties go to 1
      kernels.assignAll(at.x, n, d, at.cents, k, at.labels, at.upper, at.lower);
      const labels = new Int32Array(b, at.labels, n);
      const upper = new Float64Array(b, at.upper, n);
      const lower = new Float64Array(b, at.lower, n);
      for (let i = 0; i < n; i++) {
        const ds = Array.from({ length: k }, (_, j) => sq(x, i, cents, j));
        const best = ds.indexOf(Math.min(...ds));
        const second = Math.min(...ds.filter((_, j) => j !== best));
        expect([labels[i], upper[i], lower[i]], `row ${i}`).toEqual([best, Math.sqrt(ds[best]!), Math.sqrt(second)]);
        expect(labels[i]).not.toBe(4);
      }
    });
  }
});
