import { describe, expect, it } from "vitest";
import { studentTQuantile, normalQuantile } from "./distributions";
import { buildContrast, logRatioSe, relativeByDelta, type Contrast } from "./frequentist";
import { summariseArm } from "./moments";
import { expectRel } from "./test-helpers";
import type { ArmMoments } from "./types";

function contrastOf(a: ArmMoments, b: ArmMoments): Contrast {
  const ctl = summariseArm({ name: "A", moments: a }, "units");
  const vnt = summariseArm({ name: "B", moments: b }, "units");
  const est = (s: typeof ctl) => ({ value: s.value!, variance: s.variance! });
  return buildContrast(ctl, vnt, est(ctl), est(vnt))!;
}
const prop = (units: number, successes: number): ArmMoments => ({ kind: "proportion", units, successes });

describe("proportions: pooled z-test, Wald difference, delta-method relative lift", () => {
  it("works by hand on 50 of 1,000 against 60 of 1,000", () => {
    // pooled p = 110/2000 = 0.055; se0 = √(0.055·0.945·(2/1000)) = 0.0101955; z = 0.01/0.0101955 = 0.98082
    // Wald se = √(0.05·0.95/1000 + 0.06·0.94/1000) = √(0.0001039) = 0.0101931
    // relative = 0.06/0.05 − 1 = 0.2; Var = 0.0000564/0.0025 + 0.0036·0.0000475/0.00000625 = 0.02256 + 0.02736 = 0.04992
    const c = contrastOf(prop(1000, 50), prop(1000, 60));
    expectRel(c.absolute, 0.01, 1e-12);
    expectRel(c.absoluteSe, Math.sqrt(0.0001039), 1e-12);
    expectRel(c.relative!, 0.2, 1e-12);
    expectRel(c.relativeSe!, Math.sqrt(0.04992), 1e-12);
    expect(c.df).toBe(Infinity);
  });

  it("gives the p-value of statsmodels' proportions_ztest (pooled)", () => {
    // statsmodels 0.13.5: proportions_ztest([sB, sA], [nB, nA])[1]
    const ref = [
      [580, 10000, 500, 10000, 0.01232023220024796],
      [52, 1000, 37, 1000, 0.10382196624518536],
      [3, 40, 0, 40, 0.0774848651326447],
      [1210, 20000, 1100, 19500, 0.08330199272618893],
    ];
    for (const [sB, nB, sA, nA, p] of ref) expectRel(contrastOf(prop(nA!, sA!), prop(nB!, sB!)).pValue!, p!, 1e-10);
  });
});

describe("means: Welch's t", () => {
  it("works by hand on 1..5 against 2, 4, .., 10", () => {
    // var A = 2.5, var B = 10; se² = 2.5/5 + 10/5 = 2.5; t = 3/√2.5; df = 2.5² / (0.5²/4 + 2²/4) = 100/17
    const c = contrastOf({ kind: "mean", units: 5, sum: 15, sumSquares: 55 }, { kind: "mean", units: 5, sum: 30, sumSquares: 220 });
    expectRel(c.absolute, 3, 1e-14);
    expectRel(c.absoluteSe, Math.sqrt(2.5), 1e-14);
    expectRel(c.df, 100 / 17, 1e-14);
    // scipy.stats.ttest_ind([2, 4, 6, 8, 10], [1, 2, 3, 4, 5], equal_var=False): t 1.8973665961010275, p 0.10753119493062728
    expectRel(c.absolute / c.absoluteSe, 1.8973665961010275, 1e-14);
    expectRel(c.pValue!, 0.10753119493062728, 1e-12);
  });

  it("matches scipy's Welch test and interval on 400 + 380 lognormal revenues, from their sums alone", () => {
    // A = numpy.random.default_rng(7).lognormal(3, 1, 400); B = (same generator, next) .lognormal(3.1, 1, 380)
    // r = scipy.stats.ttest_ind(B, A, equal_var=False); r.confidence_interval(0.95)
    const c = contrastOf(
      { kind: "mean", units: 400, sum: 10918.075309036998, sumSquares: 616557.3612036821 },
      { kind: "mean", units: 380, sum: 12361.864475849192, sumSquares: 957540.4992337677 },
    );
    expectRel(c.absolute / c.absoluteSe, 2.1644134216501163, 1e-10);
    expectRel(c.pValue!, 0.03077207536008607, 1e-9);
    expectRel(c.df, 695.7942176817144, 1e-10);
    const half = studentTQuantile(0.975, c.df) * c.absoluteSe;
    expectRel(c.absolute - half, 0.486331155861742, 1e-9);
    expectRel(c.absolute + half, 9.985736908685865, 1e-9);
    // mB/mA − 1 and √(vB/mA² + mB²·vA/mA⁴), vX = X.var(ddof=1)/len(X), in numpy
    expectRel(c.relative!, 0.19182992914290997, 1e-12);
    expectRel(c.relativeSe!, 0.09477080738580625, 1e-10);
    // √(vB/mB² + vA/mA²) in numpy on the same samples
    expectRel(c.logSe!, 0.07951705614068572, 1e-10);
  });
});

describe("ratio metrics: delta method", () => {
  it("matches the delta-method variance computed from per-customer rows in numpy", () => {
    // 500 and 520 customers; den = poisson(20) + 1 impressions, num = binomial(den, p_i) clicks (rng seed 11).
    // Var(R) = (1/n)(σ²_num/μ_den² − 2μ_num·σ_num,den/μ_den³ + μ_num²·σ²_den/μ_den⁴) with numpy.cov(num, den, ddof=1)
    const a: ArmMoments = { kind: "ratio", units: 500, numSum: 458, numSumSquares: 920, denSum: 10272, denSumSquares: 220910, sumProducts: 9769 };
    const b: ArmMoments = { kind: "ratio", units: 520, numSum: 645, numSumSquares: 1519, denSum: 10973, denSumSquares: 243075, sumProducts: 14401 };
    const sa = summariseArm({ name: "A", moments: a }, "customers");
    const sb = summariseArm({ name: "B", moments: b }, "customers");
    expectRel(sa.value!, 0.044587227414330216, 1e-14);
    expectRel(sa.variance!, 4.634517916781263e-6, 1e-10);
    expectRel(sb.variance!, 5.540777394841896e-6, 1e-10);
    const c = contrastOf(a, b);
    // z = (rB − rA)/√(VA + VB); p = 2·scipy.stats.norm.sf(|z|); interval diff ± norm.ppf(0.975)·se
    expectRel(c.absolute / c.absoluteSe, 4.449522632546233, 1e-10);
    expectRel(c.pValue!, 8.606136092734265e-6, 1e-8);
    const half = normalQuantile(0.975) * c.absoluteSe;
    expectRel(c.absolute - half, 0.007941378081103213, 1e-9);
    expectRel(c.absolute + half, 0.020445453885096464, 1e-9);
  });
});

describe("relativeByDelta", () => {
  it("is undefined against a control of 0 and exact when both variances are 0", () => {
    expect(relativeByDelta({ value: 0, variance: 1 }, { value: 1, variance: 1 })).toBeNull();
    expect(relativeByDelta({ value: 2, variance: 0 }, { value: 3, variance: 0 })).toEqual({ relative: 0.5, se: 0 });
  });
});

describe("logRatioSe", () => {
  it("is √(vB/b² + vA/a²), and undefined unless both estimates are above 0", () => {
    // by hand: vB/b² = 0.09/9 = 0.01, vA/a² = 0.16/4 = 0.04
    expectRel(logRatioSe({ value: 2, variance: 0.16 }, { value: 3, variance: 0.09 })!, Math.sqrt(0.05), 1e-15);
    expect(logRatioSe({ value: 2, variance: 1 }, { value: 0, variance: 1 })).toBeNull();
    expect(logRatioSe({ value: -2, variance: 1 }, { value: 3, variance: 1 })).toBeNull();
  });
});

describe("buildContrast", () => {
  it("returns null when neither arm varies (0 of 100 against 0 of 100)", () => {
    const s = (m: ArmMoments) => summariseArm({ name: "x", moments: m }, "units");
    const a = s(prop(100, 0));
    const b = s(prop(100, 0));
    expect(buildContrast(a, b, { value: 0, variance: 0 }, { value: 0, variance: 0 })).toBeNull();
  });
});
