// Every metric against scikit-learn 1.2.1 (numpy 1.24, Debian bookworm) on one seeded 40-row example. The
// data came from numpy.random.default_rng(20240601): p = round(uniform(0.02, 0.98), 2), y ~ Bernoulli(p),
// q = round(clip(p + normal(0, 0.25), 0.01, 0.99), 1) (a worse, coarser model full of ties), w =
// round(uniform(0.5, 2.0), 1). The numbers below are those calls' outputs, pasted.
import { describe, expect, it } from "vitest";
import { calibrationCurve } from "./calibration-curve";
import { applyCalibrationAll, fitIsotonic } from "./calibrate";
import { brierScore, logLoss } from "./losses";
import { averagePrecision } from "./pr";
import { delongTest, rocAuc, rocAucInterval } from "./roc";

const p = Float64Array.from([0.78, 0.58, 0.42, 0.93, 0.16, 0.47, 0.59, 0.54, 0.78, 0.72, 0.37, 0.16, 0.74, 0.95, 0.94, 0.78, 0.07, 0.2, 0.59, 0.03, 0.7, 0.36, 0.06, 0.17, 0.25, 0.04, 0.5, 0.62, 0.11, 0.17, 0.91, 0.67, 0.18, 0.26, 0.02, 0.83, 0.41, 0.25, 0.67, 0.88]);
const y = Uint8Array.from([0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1]);
const q = Float64Array.from([0.6, 0.6, 0.1, 0.7, 0.0, 0.4, 0.6, 0.6, 0.8, 0.6, 0.2, 0.0, 1.0, 1.0, 1.0, 0.4, 0.3, 0.2, 0.8, 0.0, 0.9, 0.7, 0.0, 0.1, 0.1, 0.1, 1.0, 0.6, 0.3, 0.0, 0.3, 0.7, 0.2, 0.6, 0.0, 0.9, 0.0, 0.7, 0.9, 0.6]);
const w = Float64Array.from([1.0, 0.9, 0.5, 1.2, 0.8, 0.5, 1.5, 1.5, 1.5, 0.9, 1.3, 1.6, 1.0, 1.6, 1.5, 2.0, 1.8, 1.1, 1.9, 1.4, 0.7, 1.1, 1.7, 0.6, 1.6, 0.7, 1.6, 1.6, 1.2, 2.0, 0.5, 1.0, 1.0, 0.7, 1.2, 1.6, 1.4, 0.7, 1.4, 0.9]);

const closeAll = (got: readonly number[], want: readonly number[], digits = 13) => {
  expect(got).toHaveLength(want.length);
  want.forEach((v, i) => expect(got[i]!, `index ${i}`).toBeCloseTo(v, digits));
};

describe("against scikit-learn 1.2.1", () => {
  it("roc_auc_score", () => {
    expect(rocAuc(p, y)).toBeCloseTo(0.88671875, 15); // roc_auc_score(y, p)
    expect(rocAuc(q, y)).toBeCloseTo(0.73828125, 15); // roc_auc_score(y, q)
    expect(rocAuc(p, y, w)).toBeCloseTo(0.8938653637350705, 14); // roc_auc_score(y, p, sample_weight=w)
  });

  it("average_precision_score", () => {
    expect(averagePrecision(p, y)).toBeCloseTo(0.8363147451963241, 14); // average_precision_score(y, p)
    expect(averagePrecision(q, y)).toBeCloseTo(0.6328821493973293, 14); // average_precision_score(y, q)
    expect(averagePrecision(p, y, w)).toBeCloseTo(0.8362466138873335, 14); // average_precision_score(y, p, sample_weight=w)
  });

  it("log_loss and brier_score_loss", () => {
    expect(logLoss(p, y)).toBeCloseTo(0.4230945912576531, 14); // log_loss(y, p, eps=1e-15)
    expect(logLoss(p, y, w)).toBeCloseTo(0.4239672799416752, 14); // log_loss(y, p, eps=1e-15, sample_weight=w)
    expect(brierScore(p, y)).toBeCloseTo(0.138735, 15); // brier_score_loss(y, p)
    expect(brierScore(p, y, w)).toBeCloseTo(0.13988665297741273, 14); // brier_score_loss(y, p, sample_weight=w)
  });

  it("calibration_curve, uniform and quantile", () => {
    const check = (bins: number, strategy: "uniform" | "quantile", observed: number[], predicted: number[]) => {
      const curve = calibrationCurve(p, y, { bins, strategy });
      closeAll(curve.bins.map((b) => b.observedRate), observed);
      closeAll(curve.bins.map((b) => b.meanPredicted), predicted);
    };
    // calibration_curve(y, p, n_bins=5, strategy="uniform") → (prob_true, prob_pred)
    check(5, "uniform", [0.0, 0.2, 0.5, 0.5555555555555556, 1.0], [0.11416666666666668, 0.298, 0.5125, 0.7177777777777778, 0.9066666666666666]);
    // calibration_curve(y, p, n_bins=10, strategy="uniform")
    check(10, "uniform", [0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.6, 1, 1], [0.044, 0.1642857142857143, 0.25333333333333335, 0.365, 0.44999999999999996, 0.575, 0.6649999999999999, 0.7600000000000001, 0.855, 0.9325]);
    // calibration_curve(y, p, n_bins=4, strategy="quantile"); edges np.percentile(p, [0, 25, 50, 75, 100]) = 0.02, 0.1775, 0.485, 0.725, 0.95
    check(4, "quantile", [0.0, 0.3, 0.5, 0.8], [0.099, 0.317, 0.618, 0.8520000000000001]);
    closeAll(calibrationCurve(p, y, { bins: 4, strategy: "quantile" }).bins.map((b) => b.upper), [0.1775, 0.485, 0.725, 0.95], 15);
    // calibration_curve(y, p, n_bins=10, strategy="quantile")
    check(10, "quantile", [0, 0, 0, 0, 0.75, 0.4, 0.3333333333333333, 0.6666666666666666, 1, 1], [0.0375, 0.125, 0.18, 0.28, 0.4174999999999999, 0.5599999999999999, 0.6533333333333333, 0.7500000000000001, 0.855, 0.9325]);
  });

  it("IsotonicRegression(out_of_bounds='clip')", () => {
    // IsotonicRegression(out_of_bounds="clip").fit(q, y): X_thresholds_, y_thresholds_ and predict(grid)
    const cal = fitIsotonic(q, y);
    closeAll(cal.x, [0.0, 0.1, 0.2, 0.3, 0.4, 0.8, 0.9, 1.0], 15);
    closeAll(cal.y, [0.0, 0.25, 0.3333333333333333, 0.3333333333333333, 0.4375, 0.4375, 0.8571428571428571, 0.8571428571428571], 15);
    const grid = Float64Array.from([-1, 0.0, 0.05, 0.1, 0.15, 0.33, 0.5, 0.55, 0.72, 0.9, 0.95, 1.0, 2]);
    const want = [0.0, 0.0, 0.125, 0.25, 0.29166666666666663, 0.3645833333333333, 0.4375, 0.4375, 0.4375, 0.8571428571428571, 0.8571428571428571, 0.8571428571428571, 0.8571428571428571];
    closeAll(Array.from(applyCalibrationAll(cal, grid)), want, 14);
    // IsotonicRegression(out_of_bounds="clip").fit(p, y): X_thresholds_, y_thresholds_
    const onP = fitIsotonic(p, y);
    closeAll(onP.x, [0.02, 0.36, 0.37, 0.67, 0.7, 0.78, 0.83, 0.95], 15);
    closeAll(onP.y, [0.0, 0.0, 0.5, 0.5, 0.6666666666666666, 0.6666666666666666, 1.0, 1.0], 15);
  });

  it("DeLong's SE, interval and paired test against a plain O(n²) implementation", () => {
    // DeLong et al. 1988 structural components, computed with numpy: V10_i = mean_j ψ(X_i, Y_j), V01_j =
    // mean_i ψ(X_i, Y_j), ψ = 1, ½, 0; S = cov(V10)/m + cov(V01)/n (ddof 1) for the pair (p, q).
    const r = rocAucInterval(p, y);
    expect(r.se).toBeCloseTo(0.05011382239334954, 14); // sqrt(S[0, 0])
    // expit(logit(auc) ± 1.959963984540054 · se / (auc (1 − auc)))
    expect(r.low).toBeCloseTo(0.7464614189338835, 12);
    expect(r.high).toBeCloseTo(0.9541515203805055, 12);
    const t = delongTest(p, q, y);
    expect(t.difference).toBeCloseTo(0.1484375, 15);
    expect(t.se).toBeCloseTo(0.06218247897054202, 14); // sqrt(S00 + S11 − 2 S01)
    expect(t.z).toBeCloseTo(2.3871274104449896, 12);
    expect(t.pValue).toBeCloseTo(0.016980605222955, 12); // 2 · scipy.stats.norm.sf(|z|)
  });
});
