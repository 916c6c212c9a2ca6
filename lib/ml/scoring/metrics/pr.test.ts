import { describe, expect, it } from "vitest";
import { averagePrecision, prCurve } from "./pr";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

const scores = f64([0.9, 0.8, 0.8, 0.4, 0.4, 0.1]);
const labels = u8([1, 1, 0, 1, 0, 0]);

describe("averagePrecision", () => {
  it("sums recall steps times precision, tied rows entering together", () => {
    // At 0.9: recall 1/3, precision 1. At 0.8 (one positive, one negative enter together): recall 2/3,
    // precision 2/3. At 0.4: recall 1, precision 3/5. At 0.1 recall does not move.
    expect(averagePrecision(scores, labels)).toBeCloseTo(1 / 3 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 5), 15);
  });

  it("is the positive rate for a constant score and 1 for a perfect ranking", () => {
    expect(averagePrecision(f64([0.5, 0.5, 0.5, 0.5]), u8([0, 1, 0, 0]))).toBe(0.25);
    expect(averagePrecision(f64([0.9, 0.1, 0.8, 0.2]), u8([1, 0, 1, 0]))).toBe(1);
    // All positive: every step has precision 1.
    expect(averagePrecision(f64([0.3, 0.2]), u8([1, 1]))).toBe(1);
  });

  it("takes weights, and weight 0 removes a row", () => {
    expect(averagePrecision(f64([0.9, 0.8, 0.1]), u8([1, 0, 1]), f64([1, 0, 1]))).toBe(1);
    // Weight 3 on the 0.9 positive: recall 3/4 at precision 1, then the last 1/4 at precision 4/5.
    expect(averagePrecision(f64([0.9, 0.8, 0.1]), u8([1, 0, 1]), f64([3, 1, 1]))).toBeCloseTo(3 / 4 + (1 / 4) * (4 / 5), 15);
  });

  it("needs positives, not negatives", () => {
    expect(() => averagePrecision(f64([0.2, 0.1]), u8([0, 0]))).toThrow("averagePrecision: the labels hold no positives (1s), so there is nothing to find");
    expect(() => averagePrecision(f64([0.2, 0.1]), u8([1, 0]), f64([0, 1]))).toThrow("averagePrecision: the labels hold no positives (1s) of weight above 0");
    expect(() => averagePrecision(f64([Infinity, 0.1]), u8([1, 0]))).toThrow("averagePrecision: scores[0] is Infinity");
  });
});

describe("prCurve", () => {
  it("starts at (recall 0, precision 1) and steps down the distinct scores", () => {
    expect(prCurve(scores, labels)).toEqual([
      { recall: 0, precision: 1, threshold: Infinity },
      { recall: 1 / 3, precision: 1, threshold: 0.9 },
      { recall: 2 / 3, precision: 2 / 3, threshold: 0.8 },
      { recall: 1, precision: 3 / 5, threshold: 0.4 },
      { recall: 1, precision: 1 / 2, threshold: 0.1 },
    ]);
  });

  it("thins along recall, keeping the ends", () => {
    const s = Float64Array.from({ length: 500 }, (_, i) => 1 - i / 500);
    const y = Uint8Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const thin = prCurve(s, y, { maxPoints: 11 });
    expect(thin.length).toBeLessThanOrEqual(11);
    expect(thin[0]).toEqual({ recall: 0, precision: 1, threshold: Infinity });
    expect(thin[thin.length - 1]).toMatchObject({ recall: 1, precision: 0.5 });
  });
});
