import { describe, expect, it } from "vitest";
import { averagePrecision } from "./pr";
import { baselineMetrics, brierScore, logLoss } from "./losses";
import { rocAuc } from "./roc";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);

describe("logLoss", () => {
  it("is the mean negative log-likelihood, a certain mistake clipped at 1 − 1e-15", () => {
    const got = logLoss(f64([0.5, 0.9, 0.2, 1]), u8([1, 1, 0, 0]));
    // The last row predicted 1 for a 0: −log(1 − (1 − 1e-15)) ≈ 34.54 nats, not Infinity.
    const expected = -(Math.log(0.5) + Math.log(0.9) + Math.log(0.8) + Math.log(1 - (1 - 1e-15))) / 4;
    expect(got).toBeCloseTo(expected, 13);
    expect(logLoss(f64([0]), u8([1]))).toBeCloseTo(-Math.log(1e-15), 13);
  });

  it("weights rows, and needs only one class", () => {
    expect(logLoss(f64([0.5, 0.8]), u8([1, 1]), f64([1, 3]))).toBeCloseTo(-(Math.log(0.5) + 3 * Math.log(0.8)) / 4, 15);
  });

  it("refuses a probability outside [0, 1]", () => {
    expect(() => logLoss(f64([0.5, 1.2]), u8([1, 0]))).toThrow("logLoss: probabilities[1] is 1.2; probabilities must lie in [0, 1]");
    expect(() => logLoss(f64([0.5]), u8([1, 0]))).toThrow("logLoss: scores has 1 rows but labels has 2");
  });
});

describe("brierScore", () => {
  it("is the mean squared error of the probabilities", () => {
    // (0.5² + 0.1² + 0.2² + 1²) / 4 = 1.3 / 4
    expect(brierScore(f64([0.5, 0.9, 0.2, 1]), u8([1, 1, 0, 0]))).toBeCloseTo(0.325, 15);
    expect(brierScore(f64([0.5, 0.9]), u8([1, 1]), f64([2, 0]))).toBe(0.25);
    expect(() => brierScore(f64([-0.1]), u8([0]))).toThrow("brierScore: probabilities[0] is -0.1");
  });
});

describe("baselineMetrics", () => {
  it("scores the constant predictor at the positive rate", () => {
    const labels = u8([1, 0, 0, 0]);
    const b = baselineMetrics(labels);
    expect(b).toEqual({ positiveRate: 0.25, logLoss: -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), brier: 0.1875, auc: 0.5, averagePrecision: 0.25 });
    // The same figures as the metrics themselves give for a constant prediction.
    const constant = f64([0.25, 0.25, 0.25, 0.25]);
    expect(b.logLoss).toBeCloseTo(logLoss(constant, labels), 15);
    expect(b.brier).toBeCloseTo(brierScore(constant, labels), 15);
    expect(b.auc).toBe(rocAuc(constant, labels));
    expect(b.averagePrecision).toBe(averagePrecision(constant, labels));
  });

  it("weights the rate, and needs both classes", () => {
    expect(baselineMetrics(u8([1, 0]), f64([3, 1])).positiveRate).toBe(0.75);
    expect(() => baselineMetrics(u8([0, 0]))).toThrow("baselineMetrics: the labels hold no positives (1s)");
  });
});
