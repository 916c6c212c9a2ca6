import { describe, expect, it } from "vitest";
import { createRng, normal } from "../../random";
import { applyCalibration, applyCalibrationAll, chooseCalibration, fitIsotonic, fitPlatt, parseCalibration, toMargin, type Calibration } from "./calibrate";

const f64 = (a: number[]) => Float64Array.from(a);
const u8 = (a: number[]) => Uint8Array.from(a);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Margins ~ N(0, 2²) and labels drawn from P(y = 1 | m) = truth(m). */
function simulate(n: number, seed: number, truth: (m: number) => number) {
  const rng = createRng(seed);
  const margins = Float64Array.from({ length: n }, () => normal(rng, 0, 2));
  const labels = Uint8Array.from(margins, (m) => (rng.next() < truth(m) ? 1 : 0));
  return { margins, labels };
}

describe("fitPlatt", () => {
  it("minimises the log-loss against Platt's smoothed targets", () => {
    // scipy 1.10: scipy.optimize.minimize(BFGS, gtol=1e-13) of Σ log(1 + e^z) − t·z, z = a·m + b, with
    // targets t = 5/6 for the 4 positives and 1/6 for the 4 negatives (Platt 1999): a = 0.65055…, b = −0.13101….
    const cal = fitPlatt(f64([-2, -1, -0.5, 0, 0.5, 1, 1.5, 2]), u8([0, 0, 1, 0, 1, 0, 1, 1]));
    expect(cal.kind).toBe("platt");
    expect(cal.a).toBeCloseTo(0.6505525867501891, 8);
    expect(cal.b).toBeCloseTo(-0.13101611471951308, 8);
  });

  it("recovers a and b from labels drawn with a known logistic link", () => {
    const { margins, labels } = simulate(20000, 3, (m) => sigmoid(1.5 * m - 0.7));
    const cal = fitPlatt(margins, labels);
    expect(Math.abs(cal.a - 1.5)).toBeLessThan(0.05);
    expect(Math.abs(cal.b + 0.7)).toBeLessThan(0.05);
  });

  it("stays finite when the margins separate the classes", () => {
    const cal = fitPlatt(f64([-3, -2, -1, 1, 2, 3]), u8([0, 0, 0, 1, 1, 1]));
    expect(Number.isFinite(cal.a) && Number.isFinite(cal.b)).toBe(true);
    expect(cal.a).toBeGreaterThan(0);
    // The targets 4/5 and 1/5 keep the fitted probabilities off 0 and 1.
    expect(applyCalibration(cal, 3)).toBeLessThan(0.99);
    expect(() => fitPlatt(f64([1, 2]), u8([1, 1]))).toThrow("fitPlatt: the labels hold no negatives (0s)");
    expect(() => fitPlatt(f64([1, Number.NaN]), u8([1, 0]))).toThrow("fitPlatt: scores[1] is NaN");
  });
});

describe("fitIsotonic", () => {
  it("pools tied inputs, then adjacent violators, keeping each block's ends", () => {
    // Ties at x = 2 pool to 1/2 (weight 2); x = 3's 0 violates it, so x = 2..3 pool to 1/3; x = 4 and 5 both
    // give 1, which pools too (a block merges with an equal one, as scikit-learn's PAVA does).
    const cal = fitIsotonic(f64([1, 2, 2, 3, 4, 5]), u8([0, 1, 0, 0, 1, 1]));
    expect(cal).toEqual({ kind: "isotonic", x: [1, 2, 3, 4, 5], y: [0, 1 / 3, 1 / 3, 1, 1] });
    expect(applyCalibration(cal, 1.5)).toBeCloseTo(1 / 6, 15);
    expect(applyCalibration(cal, 3.5)).toBeCloseTo(2 / 3, 15);
    expect(applyCalibration(cal, 2.5)).toBe(1 / 3);
    // Clipped outside the training range.
    expect(applyCalibration(cal, -10)).toBe(0);
    expect(applyCalibration(cal, 10)).toBe(1);
  });

  it("never decreases", () => {
    const { margins, labels } = simulate(3000, 8, (m) => sigmoid(m / 2) * 0.8);
    const cal = fitIsotonic(margins, labels);
    for (let i = 1; i < cal.y.length; i++) {
      expect(cal.x[i]!).toBeGreaterThan(cal.x[i - 1]!);
      expect(cal.y[i]!).toBeGreaterThanOrEqual(cal.y[i - 1]!);
    }
    const grid = Float64Array.from({ length: 200 }, (_, i) => -8 + i * 0.08);
    const out = applyCalibrationAll(cal, grid);
    for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]!);
  });
});

describe("applyCalibration and parseCalibration", () => {
  it("treats the input as a margin: none is σ(margin), Platt σ(a·margin + b)", () => {
    expect(applyCalibration({ kind: "none" }, 0)).toBe(0.5);
    expect(applyCalibration({ kind: "none" }, toMargin(0.8))).toBeCloseTo(0.8, 15);
    expect(applyCalibration({ kind: "platt", a: 2, b: -1 }, 0.5)).toBe(0.5);
    expect(applyCalibration({ kind: "none" }, -800)).toBe(0);
    expect(() => applyCalibration({ kind: "none" }, Number.NaN)).toThrow("applyCalibration: the margin is NaN");
    expect(() => applyCalibrationAll({ kind: "none" }, f64([0, Number.NaN]))).toThrow("applyCalibrationAll: margins[1] is NaN");
  });

  it("round-trips through JSON and rejects what it cannot use", () => {
    const cals: Calibration[] = [{ kind: "none" }, { kind: "platt", a: 1.2, b: -0.3 }, { kind: "isotonic", x: [-1, 0, 2], y: [0.1, 0.1, 0.7] }];
    for (const cal of cals) expect(parseCalibration(JSON.parse(JSON.stringify(cal)))).toEqual(cal);
    expect(() => parseCalibration({ kind: "platt", a: 1 })).toThrow("platt calibration needs finite a and b, got a = 1, b = undefined");
    expect(() => parseCalibration({ kind: "isotonic", x: [0, 0], y: [0.1, 0.2] })).toThrow("isotonic calibration: x[1] = 0; x must be finite and increasing");
    expect(() => parseCalibration({ kind: "isotonic", x: [0, 1], y: [0.3, 0.2] })).toThrow("isotonic calibration: y[1] = 0.2; y must lie in [0, 1] and not decrease");
    expect(() => parseCalibration({ kind: "beta" })).toThrow('unknown calibration kind "beta" (kinds: none, platt, isotonic)');
    expect(() => parseCalibration(null)).toThrow('unknown calibration kind "undefined"');
  });
});

describe("chooseCalibration", () => {
  it("picks Platt for an overconfident model and leaves isotonic out on small data, saying why", () => {
    const { margins, labels } = simulate(300, 11, (m) => sigmoid(m / 3));
    const choice = chooseCalibration(margins, labels, 1);
    expect(choice.calibration.kind).toBe("platt");
    expect(choice.candidates.map((c) => c.kind)).toEqual(["none", "platt"]);
    expect(choice.candidates[1]!.logLoss).toBeLessThan(choice.candidates[0]!.logLoss);
    expect(choice.excluded).toBe("isotonic needs at least 1,000 rows and 50 of each class; there are 300 rows, 149 positives and 151 negatives");
    expect(choice.folds).toBe(5);
    // The winner is refitted on all rows, so the model is one fitPlatt of the whole data.
    expect(choice.calibration).toEqual(fitPlatt(margins, labels));
  });

  it("picks isotonic when the true link is a step no sigmoid fits", () => {
    const { margins, labels } = simulate(3000, 11, (m) => (m < 0 ? 0.1 : 0.6));
    const choice = chooseCalibration(margins, labels, 1);
    expect(choice.calibration.kind).toBe("isotonic");
    expect(choice.candidates.map((c) => c.kind)).toEqual(["none", "platt", "isotonic"]);
    expect(choice.excluded).toBeNull();
  });

  it("is the same for the same seed, and falls back to none without two of each class", () => {
    const { margins, labels } = simulate(400, 2, (m) => sigmoid(m / 2));
    expect(chooseCalibration(margins, labels, 9)).toEqual(chooseCalibration(margins, labels, 9));
    const thin = chooseCalibration(f64([0.1, 0.2, 0.3]), u8([1, 0, 0]), 1);
    expect(thin.calibration).toEqual({ kind: "none" });
    expect(thin.excluded).toBe("only 1 positive and 2 negatives: too few to fit a calibration");
    expect(() => chooseCalibration(margins, labels, 1, { folds: 1 })).toThrow("chooseCalibration: folds must be a whole number of at least 2, got 1");
  });
});
