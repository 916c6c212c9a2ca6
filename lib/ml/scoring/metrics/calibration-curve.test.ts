import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../../stats/proportion";
import { calibrationCurve } from "./calibration-curve";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

describe("calibrationCurve", () => {
  const probs = f64([0.05, 0.15, 0.15, 0.62, 0.68, 0.95]);
  const labels = u8([0, 0, 1, 1, 0, 1]);

  it("bins by predicted probability, leaving empty bins out", () => {
    const { bins, ece } = calibrationCurve(probs, labels, { bins: 4 });
    // Bin [0, 0.25] holds 3 rows, (0.25, 0.5] none, (0.5, 0.75] two, (0.75, 1] one.
    expect(bins.map((b) => [b.lower, b.upper, b.count, b.positives])).toEqual([[0, 0.25, 3, 1], [0.5, 0.75, 2, 1], [0.75, 1, 1, 1]]);
    expect(bins.map((b) => b.observedRate)).toEqual([1 / 3, 0.5, 1]);
    [0.35 / 3, 0.65, 0.95].forEach((m, i) => expect(bins[i]!.meanPredicted).toBeCloseTo(m, 15));
    // ECE = 3/6 · |1/3 − 0.35/3| + 2/6 · |0.5 − 0.65| + 1/6 · |1 − 0.95| = (0.65 + 0.3 + 0.05) / 6
    expect(ece).toBeCloseTo(1 / 6, 15);
    const w = wilsonInterval(1, 3)!;
    expect(bins[0]).toMatchObject({ low: w.low, high: w.high });
  });

  it("puts a probability on an inner edge in the lower bin, as scikit-learn's searchsorted does", () => {
    const { bins } = calibrationCurve(f64([0.5, 0.5, 0.9]), u8([1, 0, 1]), { bins: 2 });
    expect(bins.map((b) => [b.lower, b.count])).toEqual([[0, 2], [0.5, 1]]);
  });

  it("gives equal-count bins with the quantile strategy", () => {
    const p = Float64Array.from({ length: 8 }, (_, i) => (i + 0.5) / 8);
    const { bins } = calibrationCurve(p, u8([0, 0, 0, 1, 0, 1, 1, 1]), { bins: 4, strategy: "quantile" });
    expect(bins.map((b) => b.count)).toEqual([2, 2, 2, 2]);
    expect(bins.map((b) => b.observedRate)).toEqual([0, 0.5, 0.5, 1]);
  });

  it("names bad settings and input", () => {
    expect(() => calibrationCurve(probs, labels, { bins: 0 })).toThrow("calibrationCurve: bins must be a whole number of at least 1, got 0");
    expect(() => calibrationCurve(probs, labels, { strategy: "equal" as "uniform" })).toThrow('calibrationCurve: strategy must be "uniform" or "quantile", got "equal"');
    expect(() => calibrationCurve(f64([2]), u8([1]))).toThrow("calibrationCurve: probabilities[0] is 2; probabilities must lie in [0, 1]");
  });
});
