import { describe, expect, it } from "vitest";
import { delongTest, rocAuc, rocAucInterval, rocCurve } from "./roc";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

// Positives score 0.9, 0.8, 0.4; negatives 0.8, 0.4, 0.1. Of the 9 pairs the positives win 6 outright and
// tie 2 (0.8 with 0.8, 0.4 with 0.4): AUC = (6 + 2/2) / 9 = 7/9.
const scores = f64([0.9, 0.8, 0.8, 0.4, 0.4, 0.1]);
const labels = u8([1, 1, 0, 1, 0, 0]);

describe("rocAuc", () => {
  it("counts ties half (Mann–Whitney)", () => {
    expect(rocAuc(scores, labels)).toBe(7 / 9);
    expect(rocAuc(f64([0.3, 0.3, 0.3, 0.3]), u8([1, 0, 1, 0]))).toBe(0.5);
    expect(rocAuc(f64([4, 3, 2, 1]), u8([1, 1, 0, 0]))).toBe(1);
    expect(rocAuc(f64([1, 2, 3, 4]), u8([1, 1, 0, 0]))).toBe(0);
  });

  it("weights pairs by the product of their rows' weights", () => {
    // The 0.4 negative weighs 2, so the negative weight is 4. Weighted wins: 0.9 beats all of it (4); 0.8 ties
    // the 0.8 negative (½) and beats 2 + 1 (3.5); 0.4 ties the double 0.4 (2 · ½) and beats 0.1 (2).
    const w = f64([1, 1, 1, 1, 2, 1]);
    expect(rocAuc(scores, labels, w)).toBe((4 + 3.5 + 2) / (3 * 4));
    // Weight 1 everywhere is no weights at all.
    expect(rocAuc(scores, labels, f64([1, 1, 1, 1, 1, 1]))).toBe(7 / 9);
  });

  it("is unchanged by any increasing transform of the scores", () => {
    expect(rocAuc(scores.map((s) => Math.log(s) * 3 - 1), labels)).toBe(7 / 9);
  });

  it("names bad input", () => {
    expect(() => rocAuc(scores, u8([1, 0]))).toThrow("rocAuc: scores has 6 rows but labels has 2");
    expect(() => rocAuc(f64([0.2, Number.NaN]), u8([1, 0]))).toThrow("rocAuc: scores[1] is NaN; scores must be finite numbers");
    expect(() => rocAuc(f64([0.2, 0.3]), u8([0, 0]))).toThrow("rocAuc: the labels hold no positives (1s), so there is nothing to find");
    expect(() => rocAuc(f64([0.2, 0.3]), u8([1, 1]))).toThrow("rocAuc: the labels hold no negatives (0s), so there is nothing to tell apart");
    expect(() => rocAuc(f64([0.2, 0.3]), u8([1, 2]))).toThrow("rocAuc: labels[1] is 2; labels must be 0 or 1");
    expect(() => rocAuc(f64([0.2, 0.3]), u8([1, 0]), f64([1, -1]))).toThrow("rocAuc: weights[1] is -1; weights must be finite and >= 0");
    expect(() => rocAuc(f64([]), u8([]))).toThrow("rocAuc: there are no rows to score");
  });
});

describe("rocCurve", () => {
  it("has one point per distinct score, from (0, 0) to (1, 1)", () => {
    expect(rocCurve(scores, labels)).toEqual([
      { fpr: 0, tpr: 0, threshold: Infinity },
      { fpr: 0, tpr: 1 / 3, threshold: 0.9 },
      { fpr: 1 / 3, tpr: 2 / 3, threshold: 0.8 },
      { fpr: 2 / 3, tpr: 1, threshold: 0.4 },
      { fpr: 1, tpr: 1, threshold: 0.1 },
    ]);
  });

  it("thins to maxPoints, keeping both ends", () => {
    const n = 1000;
    const s = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const full = rocCurve(s, y);
    const thin = rocCurve(s, y, { maxPoints: 50 });
    expect(full).toHaveLength(n + 1);
    expect(thin.length).toBeLessThanOrEqual(50);
    expect(thin.length).toBeGreaterThan(40);
    expect(thin[0]).toEqual(full[0]);
    expect(thin[thin.length - 1]).toEqual(full[n]);
    expect(() => rocCurve(s, y, { maxPoints: 1 })).toThrow("maxPoints must be a whole number of at least 2, got 1");
  });
});

describe("rocAucInterval (DeLong)", () => {
  it("gives the structural-components SE on the hand example", () => {
    // V10 = (1, 5/6, 1/2) for the positives, V01 = (1/2, 5/6, 1) for the negatives; both have sample
    // variance 7/108, so Var = 7/108/3 + 7/108/3 = 7/162.
    const r = rocAucInterval(scores, labels);
    expect(r.auc).toBeCloseTo(7 / 9, 15);
    expect(r.se).toBeCloseTo(Math.sqrt(7 / 162), 15);
    expect(r).toMatchObject({ method: "delong", scale: "logit", confidence: 0.95 });
    // Symmetric on the logit scale: the logits of the ends are equidistant from logit(AUC).
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(logit(r.high) - logit(7 / 9)).toBeCloseTo(logit(7 / 9) - logit(r.low), 12);
    expect(r.low).toBeGreaterThan(0);
    expect(r.high).toBeLessThan(1);
  });

  it("matches DeLong on Hanley & McNeil's CT ratings (1982, Table 1)", () => {
    // Five-point ratings, 58 normal and 51 abnormal scans: heavy ties. Hanley & McNeil report AUC 0.893;
    // the SE is DeLong et al. 1988 structural components with an O(n²) loop, computed with numpy 1.24.
    const counts = { normal: [33, 6, 6, 11, 2], abnormal: [3, 2, 2, 11, 33] };
    const s: number[] = [];
    const y: number[] = [];
    for (const [label, c] of [[0, counts.normal], [1, counts.abnormal]] as const) c.forEach((k, r) => { for (let i = 0; i < k; i++) { s.push(r + 1); y.push(label); } });
    const r = rocAucInterval(f64(s), u8(y));
    expect(r.auc).toBeCloseTo(0.8931710615280596, 14);
    expect(r.se).toBeCloseTo(0.03072440837938112, 14);
  });

  it("collapses to the point when the ranking is perfect, and checks its confidence", () => {
    const r = rocAucInterval(f64([4, 3, 2, 1]), u8([1, 1, 0, 0]));
    expect(r).toMatchObject({ auc: 1, low: 1, high: 1, se: 0 });
    expect(() => rocAucInterval(scores, labels, 1.5)).toThrow("rocAucInterval: confidence must be strictly between 0 and 1, got 1.5");
    expect(() => rocAucInterval(f64([1, 2, 3]), u8([1, 0, 0]))).toThrow("rocAucInterval: DeLong's variance needs at least 2 positives and 2 negatives, got 1 and 2");
  });
});

describe("delongTest", () => {
  it("finds no difference between a model and itself, and is antisymmetric", () => {
    expect(delongTest(scores, scores, labels)).toMatchObject({ difference: 0, se: 0, z: 0, pValue: 1 });
    const other = f64([0.2, 0.8, 0.1, 0.9, 0.4, 0.3]);
    const ab = delongTest(scores, other, labels);
    const ba = delongTest(other, scores, labels);
    expect(ab.difference).toBeCloseTo(-ba.difference, 15);
    expect(ab.z).toBeCloseTo(-ba.z, 12);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
    expect(() => delongTest(scores, f64([1, 2]), labels)).toThrow("delongTest: scoresA has 6 rows but scoresB has 2");
  });
});
