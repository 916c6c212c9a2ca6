import { describe, expect, it } from "vitest";
import { createRng } from "../../random";
import { gainByDecile, gainCurve } from "./gain-lift";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

describe("gainByDecile", () => {
  it("ranks highest first and splits ties by row index", () => {
    // Rows 1, 2 and 3 tie at 0.5; by index, row 1 (a positive) falls in the first group, rows 2 and 3 in the second.
    const rows = gainByDecile(f64([0.9, 0.5, 0.5, 0.5, 0.2, 0.1]), u8([1, 1, 0, 0, 0, 1]), { groups: 3 });
    expect(rows).toEqual([
      { decile: 1, count: 2, positives: 2, rate: 1, lift: 2, cumulativeShare: 2 / 3, cumulativeLift: 2, minScore: 0.5, maxScore: 0.9 },
      { decile: 2, count: 2, positives: 0, rate: 0, lift: 0, cumulativeShare: 2 / 3, cumulativeLift: 1, minScore: 0.5, maxScore: 0.5 },
      { decile: 3, count: 2, positives: 1, rate: 0.5, lift: 1, cumulativeShare: 1, cumulativeLift: 1, minScore: 0.1, maxScore: 0.2 },
    ]);
  });

  it("makes groups differ in size by at most one, and sums to the totals", () => {
    expect(gainByDecile(f64([7, 6, 5, 4, 3, 2, 1]), u8([1, 0, 0, 1, 0, 0, 1]), { groups: 3 }).map((r) => r.count)).toEqual([2, 2, 3]);
    const rng = createRng(5);
    const n = 1234;
    const s = Float64Array.from({ length: n }, () => Math.round(rng.next() * 20) / 20);
    const y = Uint8Array.from(s, (p) => (rng.next() < p ? 1 : 0));
    const rows = gainByDecile(s, y);
    expect(rows).toHaveLength(10);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(n);
    expect(rows.reduce((a, r) => a + r.positives, 0)).toBe(y.reduce((a, v) => a + v, 0));
    expect(rows[9]!.cumulativeShare).toBe(1);
    expect(rows[9]!.cumulativeLift).toBeCloseTo(1, 14);
    // Scores fall from one group to the next.
    for (let g = 1; g < 10; g++) expect(rows[g]!.maxScore).toBeLessThanOrEqual(rows[g - 1]!.minScore);
  });

  it("names bad settings", () => {
    expect(() => gainByDecile(f64([1, 2]), u8([1, 0]), { groups: 3 })).toThrow("gainByDecile: groups = 3 is more than the 2 rows");
    expect(() => gainByDecile(f64([1, 2]), u8([1, 0]), { groups: 1.5 })).toThrow("gainByDecile: groups must be a whole number of at least 1, got 1.5");
    expect(() => gainByDecile(f64([1, 2]), u8([0, 0]))).toThrow("gainByDecile: the labels hold no positives (1s)");
  });
});

describe("gainCurve", () => {
  it("sums the scores themselves by default: the expected value held by the top rows", () => {
    // Sorted 0.4, 0.3, 0.2, 0.1 (total 1): the top quarter holds 0.4, the top half 0.7.
    const curve = gainCurve(f64([0.4, 0.1, 0.3, 0.2]), undefined, 4);
    expect(curve.map((p) => p.populationShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    [0, 0.4, 0.7, 0.9, 1].forEach((v, i) => expect(curve[i]!.valueShare).toBeCloseTo(v, 15));
    // A share falling inside a row takes that fraction of it: the top eighth is half of the 0.4 row.
    expect(gainCurve(f64([0.4, 0.1, 0.3, 0.2]), undefined, 8)[1]!.valueShare).toBeCloseTo(0.2, 15);
  });

  it("takes 0/1 labels or any non-negative values", () => {
    const curve = gainCurve(f64([0.9, 0.8, 0.7, 0.6]), u8([1, 0, 1, 0]), 2);
    expect(curve.map((p) => p.valueShare)).toEqual([0, 0.5, 1]);
    expect(() => gainCurve(f64([0.9, 0.8]), f64([1, -2]))).toThrow("gainCurve: values[1] is -2; values must be finite and >= 0");
    expect(() => gainCurve(f64([0.9, 0.8]), f64([0, 0]))).toThrow("gainCurve: the values sum to 0");
    expect(() => gainCurve(f64([0.9, 0.8]), f64([1]))).toThrow("gainCurve: scores has 2 rows but values has 1");
  });
});
