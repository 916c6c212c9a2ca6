import { describe, expect, it } from "vitest";
import { newcombeInterval } from "./difference-interval";
import { observedUpliftAt, qiniCoefficient, qiniCurve, qiniScore, upliftByDecile, upliftCurve } from "./qini";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

// Eight rows already in rank order, treated and holdout alternating.
//   row   uplift  t  y   N_t N_c Y_t Y_c   Q = Y_t − Y_c·N_t/N_c
//   0     0.9     1  1    1   0   1   0    1      (no holdout row yet: ratio taken as 0)
//   1     0.8     0  0    1   1   1   0    1
//   2     0.7     1  1    2   1   2   0    2
//   3     0.6     0  1    2   2   2   1    2 − 1·2/2 = 1
//   4     0.5     1  0    3   2   2   1    2 − 1·3/2 = 0.5
//   5     0.4     0  0    3   3   2   1    2 − 1 = 1
//   6     0.3     1  0    4   3   2   1    2 − 4/3 = 2/3
//   7     0.2     0  1    4   4   2   2    0
// Trapezoids (x in rows): .5 + 1 + 1.5 + 1.5 + .75 + .75 + 5/6 + 1/3 = 43/6. The random line ends at Q = 0,
// so its area is 0. Perfect ranking (oracle score y·t − y·(1 − t)): {0, 2} at +1, {1, 4, 5, 6} at 0,
// {3, 7} at −1, curve (0,0) (2,2) (6,2) (8,0), area 2 + 8 + 2 = 12. Coefficient 43/72.
const handUplift = f64([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);
const handTreated = u8([1, 0, 1, 0, 1, 0, 1, 0]);
const handOutcome = u8([1, 0, 1, 1, 0, 0, 0, 1]);

// A fixed 30-row example (rounded predictions, so ties). Reference values: the formula of scikit-uplift
// 0.5.1's qini_curve / uplift_curve / qini_auc_score(negative_effect=True) (sklift/metrics/metrics.py,
// transcribed into numpy 1.24.2, areas by sklearn 1.2.1 sklearn.metrics.auc; scikit-uplift is not
// installed here): ranks by np.argsort(uplift, kind="mergesort")[::-1], points at the end of each tie group,
//   qini_auc = (auc(model) − auc(baseline)) / (auc(perfect) − auc(baseline)).
const refUplift = f64([0.5, 0.1, 0.5, -0.2, 0.2, 0, 0.3, -0.2, 0.4, 0.1, 0.4, 0.1, 0, 0.3, 0.5, 0, 0.5, 0.4, -0.2, 0.2, 0.3, 0.5, 0.2, -0.2, 0.1, 0.1, 0.1, 0.5, 0, -0.1]);
const refTreated = u8([1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1]);
const refOutcome = u8([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0]);

describe("Qini curve and coefficient", () => {
  it("gives the hand-worked curve and coefficient on eight rows", () => {
    const curve = qiniCurve(handUplift, handOutcome, handTreated);
    expect(curve.map((p) => p.rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    curve.forEach((p, k) => expect(p.qini).toBeCloseTo([0, 1, 1, 2, 1, 0.5, 1, 2 / 3, 0][k]!, 12));
    expect(curve[4]!.share).toBe(0.5);
    const score = qiniScore(handUplift, handOutcome, handTreated);
    expect(score.coefficient).toBeCloseTo(43 / 72, 12);
    // Areas in shares: 43/6 / 8 and 12 / 8.
    expect(score.modelArea).toBeCloseTo(43 / 48, 12);
    expect(score.perfectArea).toBeCloseTo(1.5, 12);
  });

  it("moves tied rows together, whatever their file order", () => {
    // Rows 4 and 5 tie: the point (5, 0.5) goes, (4, 1)–(6, 1) is one segment of area 2 instead of 1.5.
    const tied = f64([0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.3, 0.2]);
    expect(qiniCurve(tied, handOutcome, handTreated).map((p) => p.rows)).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    expect(qiniCoefficient(tied, handOutcome, handTreated)).toBeCloseTo(46 / 6 / 12, 12);
    const swapped = (a: Uint8Array) => u8([...a.slice(0, 4), a[5]!, a[4]!, ...a.slice(6)]);
    expect(qiniCoefficient(tied, swapped(handOutcome), swapped(handTreated))).toBeCloseTo(46 / 6 / 12, 12);
  });

  it("matches scikit-uplift's formula on a 30-row example with ties", () => {
    const score = qiniScore(refUplift, refOutcome, refTreated);
    expect(score.coefficient).toBeCloseTo(0.5008403361344538, 12);
    expect(score.modelArea).toBeCloseTo(2.4833333333333334, 12);
    expect(score.perfectArea).toBeCloseTo(4.958333333333333, 12);
    const qini = qiniCurve(refUplift, refOutcome, refTreated);
    expect(qini.map((p) => p.rows)).toEqual([0, 6, 9, 12, 15, 21, 25, 26, 30]);
    qini.forEach((p, k) => expect(p.qini).toBeCloseTo([0, 5, 5, 5, 6, 4.75, 3.5, 3.2, 3.5][k]!, 12));
    const uplift = upliftCurve(refUplift, refOutcome, refTreated);
    uplift.forEach((p, k) => expect(p.incremental).toBeCloseTo([0, 6, 7.5, 7.5, 9, 7.673076923076923, 5.833333333333333, 5.2, 5.833333333333332][k]!, 12));
  });

  it("scores the perfect ranking 1 and the reversed perfect ranking below 0", () => {
    const oracle = Float64Array.from(refOutcome, (y, i) => (refTreated[i] ? y : -y));
    expect(qiniCoefficient(oracle, refOutcome, refTreated)).toBeCloseTo(1, 12);
    expect(qiniCoefficient(oracle.map((v) => -v), refOutcome, refTreated)).toBeLessThan(0);
  });

  it("thins the curve to maxPoints, keeping both ends", () => {
    const curve = qiniCurve(refUplift, refOutcome, refTreated, { maxPoints: 4 });
    expect(curve.length).toBeLessThanOrEqual(4);
    expect(curve[0]!.rows).toBe(0);
    expect(curve[curve.length - 1]!.rows).toBe(30);
  });
});

describe("uplift by decile", () => {
  it("gives the hand-counted rates in four groups", () => {
    const rows = upliftByDecile(handUplift, handOutcome, handTreated, { groups: 4 });
    expect(rows.map((r) => [r.decile, r.treated, r.control, r.treatedRate, r.controlRate, r.observedUplift])).toEqual([
      [1, 1, 1, 1, 0, 1],
      [2, 1, 1, 1, 1, 0],
      [3, 1, 1, 0, 0, 0],
      [4, 1, 1, 0, 1, -1],
    ]);
    rows.forEach((r, g) => expect(r.meanPredicted).toBeCloseTo([0.85, 0.65, 0.45, 0.25][g]!, 12));
  });

  it("sums back to the totals", () => {
    const rows = upliftByDecile(refUplift, refOutcome, refTreated);
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(rows).toHaveLength(10);
    expect(sum((r) => r.rows)).toBe(30);
    expect(sum((r) => r.treated)).toBe(refTreated.reduce((s, t) => s + t, 0));
    expect(sum((r) => r.control)).toBe(30 - refTreated.reduce((s, t) => s + t, 0));
    expect(sum((r) => r.treatedConversions + r.controlConversions)).toBe(refOutcome.reduce((s, y) => s + y, 0));
    expect(sum((r) => (r.treatedRate ?? 0) * r.treated)).toBeCloseTo(sum((r) => r.treatedConversions), 12);
    expect(sum((r) => r.meanPredicted * r.rows)).toBeCloseTo(refUplift.reduce((s, u) => s + u, 0), 12);
  });

  it("leaves the rates of an empty group null", () => {
    // Ranked rows 0 and 1 are both treated: the first of two groups has no holdout.
    const rows = upliftByDecile(f64([4, 3, 2, 1]), u8([1, 0, 1, 0]), u8([1, 1, 0, 0]), { groups: 2 });
    expect(rows[0]).toMatchObject({ treated: 2, control: 0, treatedRate: 0.5, controlRate: null, observedUplift: null, low: null, high: null });
  });

  it("takes the top share of rows by rank, ties by row index", () => {
    // ⌊0.3·8⌋ = 2 rows: one treated buyer, one holdout non-buyer.
    expect(observedUpliftAt(handUplift, handOutcome, handTreated, 0.3)).toMatchObject({ rows: 2, treated: 1, control: 1, observedUplift: 1 });
    expect(observedUpliftAt(handUplift, handOutcome, handTreated, 1)).toMatchObject({ rows: 8, treatedRate: 0.5, controlRate: 0.5, observedUplift: 0 });
    // All predictions equal: the first rows of the file.
    expect(observedUpliftAt(new Float64Array(8), handOutcome, handTreated, 0.25)).toMatchObject({ rows: 2, treatedConversions: 1, controlConversions: 0 });
  });
});

describe("Newcombe interval", () => {
  it("matches statsmodels", () => {
    // statsmodels 0.13.5: confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff", alpha=0.05)
    const cases: [number, number, number, number, number, number][] = [
      [7, 12, 2, 9, -0.057636808209291124, 0.6353199387877726],
      [0, 5, 3, 4, -0.9544127391902995, -0.12494179003727846],
      [30, 400, 12, 380, 0.011764031310934543, 0.07633099585155209],
    ];
    for (const [c1, n1, c2, n2, low, high] of cases) {
      const r = newcombeInterval(c1, n1, c2, n2)!;
      expect(r.estimate).toBeCloseTo(c1 / n1 - c2 / n2, 12);
      expect(r.low).toBeCloseTo(low, 10);
      expect(r.high).toBeCloseTo(high, 10);
    }
    expect(newcombeInterval(1, 2, 0, 0)).toBeNull();
  });
});

describe("uplift metric inputs", () => {
  it("names what is wrong", () => {
    expect(() => qiniScore(f64([1, 2]), u8([1]), u8([1, 0]))).toThrow("qiniScore: uplift has 2 values but the outcome has 1");
    expect(() => qiniScore(f64([1, 2]), u8([1, 0]), u8([1]))).toThrow("qiniScore: treated has 1 values for 2 rows");
    expect(() => qiniScore(f64([1, 2]), u8([1, 0]), u8([1, 1]))).toThrow("qiniScore: there are no control rows (all 2 rows were treated)");
    expect(() => qiniScore(f64([1, 2]), u8([1, 0]), u8([0, 0]))).toThrow("qiniScore: there are no treated rows (all 2 rows are in the holdout)");
    expect(() => qiniScore(f64([1, 2]), u8([0, 0]), u8([1, 0]))).toThrow("qiniScore: none of the 2 rows converted");
    expect(() => qiniCurve(f64([1, NaN]), u8([1, 0]), u8([1, 0]))).toThrow("qiniCurve: uplift[1] is NaN");
    expect(() => upliftByDecile(f64([1, 2]), u8([2, 0]), u8([1, 0]))).toThrow("upliftByDecile: outcome[0] is 2; outcomes must be 0 or 1");
    expect(() => upliftByDecile(f64([1, 2]), u8([1, 0]), u8([1, 0]))).toThrow("upliftByDecile: groups must be a whole number from 1 to 2, got 10");
    expect(() => observedUpliftAt(f64([1, 2]), u8([1, 0]), u8([1, 0]), 0)).toThrow("observedUpliftAt: share must be in (0, 1], got 0");
  });
});
