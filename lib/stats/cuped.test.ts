import { describe, expect, it } from "vitest";
import { analyseAbTest } from "./ab-test";
import { adjustArm, fitCuped } from "./cuped";
import { summariseArm } from "./moments";
import { expectRel } from "./test-helpers";
import type { ArmInput } from "./types";

// A: x = 1, 2, 3, 4 and y = 1, 3, 2, 4; B: same x, y + 1.
// Per arm Sxx = 5, Sxy = 4, Syy = 5, so θ = (4 + 4)/(5 + 5) = 0.8 and ρ² = 16/25 = 0.64.
// Residual Syy − 2θSxy + θ²Sxx = 5 − 6.4 + 3.2 = 1.8 = 5·(1 − ρ²): the variance falls by 64%.
const handArms: ArmInput[] = [
  { name: "A", moments: { kind: "mean", units: 4, sum: 10, sumSquares: 30, covariate: { sum: 10, sumSquares: 30, sumProductsWithMetric: 29 } } },
  { name: "B", moments: { kind: "mean", units: 4, sum: 14, sumSquares: 54, covariate: { sum: 10, sumSquares: 30, sumProductsWithMetric: 39 } } },
];

describe("fitCuped and adjustArm", () => {
  it("pool the within-arm slope and cut the variance to Var(y)(1 − ρ²), by hand", () => {
    const arms = handArms.map((a) => summariseArm(a, "customers"));
    const { fit, skipped } = fitCuped(arms);
    expect(skipped).toBeNull();
    expectRel(fit!.theta, 0.8, 1e-14);
    expectRel(fit!.meanX, 2.5, 1e-14);
    const a = adjustArm(arms[0]!, fit!);
    expectRel(a.value, 2.5, 1e-14); // both arms have x̄ = 2.5, so the means do not move
    expectRel(a.variance, 1.8 / 3 / 4, 1e-14);
    expectRel(a.variance / arms[0]!.variance!, 1 - 0.64, 1e-14);
  });

  it("is skipped, with a reason, when an arm lacks the covariate or it does not vary", () => {
    const noCov = summariseArm({ name: "C", moments: { kind: "mean", units: 4, sum: 10, sumSquares: 30 } }, "customers");
    expect(fitCuped([summariseArm(handArms[0]!, "customers"), noCov]).skipped).toBe("CUPED skipped: every arm needs a covariate and at least 2 units.");
    const flat = (name: string): ArmInput => ({ name, moments: { kind: "mean", units: 3, sum: 6, sumSquares: 14, covariate: { sum: 3, sumSquares: 3, sumProductsWithMetric: 6 } } });
    expect(fitCuped([flat("A"), flat("B")].map((a) => summariseArm(a, "customers"))).skipped).toBe("CUPED skipped: the covariate does not vary within the arms.");
    expect(fitCuped([noCov]).fit).toBeNull();
  });
});

describe("CUPED in analyseAbTest", () => {
  it("reports the hand-computed 64% reduction", () => {
    const c = analyseAbTest({ metric: { key: "rev", label: "Revenue" }, arms: handArms, controlIndex: 0 }).comparisons[0]!;
    expectRel(c.cupedVarianceReduction!, 0.64, 1e-12);
    expectRel(c.absoluteLift!, 1, 1e-14);
  });

  it("matches Welch's test in scipy on the adjusted per-customer values (means)", () => {
    // rng = numpy.random.default_rng(21); x = rng.lognormal(3, 0.6, n); y = 0.8x + rng.normal(0, 8, n) + effect,
    // n = 300 (effect 0) and 320 (effect 2). θ = Σ_arms Σ(x − x̄ₖ)(y − ȳₖ) / Σ_arms Σ(x − x̄ₖ)², x̄ pooled;
    // r = scipy.stats.ttest_ind(yB − θ(xB − x̄), yA − θ(xA − x̄), equal_var=False); r.confidence_interval(0.95)
    const arms: ArmInput[] = [
      { name: "A", moments: { kind: "mean", units: 300, sum: 5560.744266645021, sumSquares: 147419.63015909356, covariate: { sum: 6538.217220323497, sumSquares: 184954.6269513957, sumProductsWithMetric: 154329.10761340839 } } },
      { name: "B", moments: { kind: "mean", units: 320, sum: 7094.269041136135, sumSquares: 226144.79844363267, covariate: { sum: 8201.5309369839, sumSquares: 307318.9087344984, sumProductsWithMetric: 252088.95558314957 } } },
    ];
    const r = analyseAbTest({ metric: { key: "rev", label: "Revenue" }, arms, controlIndex: 0 });
    const c = r.comparisons[0]!;
    expectRel(c.absoluteLift!, 20.7946077148735 - 20.002462796738786, 1e-10);
    expectRel(c.pValue!, 0.2014636634722652, 1e-9);
    expectRel(c.ciAbsolute![0], -0.42438229344120937, 1e-9);
    expectRel(c.ciAbsolute![1], 2.0086721297106367, 1e-9);
    // 1 − (Var(adjA)/nA + Var(adjB)/nB) / (Var(yA)/nA + Var(yB)/nB), numpy var(ddof=1)
    expectRel(c.cupedVarianceReduction!, 0.6717560087080545, 1e-10);
    expect(r.notes.some((n) => n.startsWith("CUPED used the pre-period covariate (θ = 0.741)"))).toBe(true);
    // Without CUPED the same data are not adjusted and no reduction is reported.
    const plain = analyseAbTest({ metric: { key: "rev", label: "Revenue" }, arms, controlIndex: 0 }, { cuped: false });
    expect(plain.comparisons[0]!.cupedVarianceReduction).toBeNull();
    expect(plain.notes).toContain("CUPED is switched off: the covariate was ignored.");
  });

  it("adjusts ratio metrics through the delta-method linearisation, as numpy does on per-customer rows", () => {
    // rng = numpy.random.default_rng(33); den = poisson(20) + 1; p = clip(normal(p0, 0.02), 0.001, 0.5);
    // num = binomial(den, p); x = binomial(int(1.1·den), p) (pre-period clicks); 400 and 410 customers.
    // ψ = (num − R·den)/mean(den) per arm; θ = pooled within-arm Cov(ψ, x)/Var(x); R_adj = R − θ(x̄ₖ − x̄);
    // V = var(ψ − θx, ddof=1)/n; z = (R_adj,B − R_adj,A)/√(V_A + V_B); p = 2·scipy.stats.norm.sf(|z|)
    const arms: ArmInput[] = [
      { name: "A", moments: { kind: "ratio", units: 400, numSum: 402, numSumSquares: 884, denSum: 8251, denSumSquares: 178571, sumProducts: 8719, covariate: { sum: 470, sumSquares: 1090, sumProductsWithMetric: 603, sumProductsWithDen: 10110 } } },
      { name: "B", moments: { kind: "ratio", units: 410, numSum: 459, numSumSquares: 1077, denSum: 8476, denSumSquares: 184218, sumProducts: 10039, covariate: { sum: 469, sumSquares: 1087, sumProductsWithMetric: 674, sumProductsWithDen: 10212 } } },
    ];
    const c = analyseAbTest({ metric: { key: "ctr", label: "CTR" }, arms, controlIndex: 0 }).comparisons[0]!;
    expectRel(c.absoluteLift!, 0.054311033125346186 - 0.048559283023759295, 1e-10);
    expectRel(c.relativeLift!, 0.054311033125346186 / 0.048559283023759295 - 1, 1e-10);
    expectRel(c.cupedVarianceReduction!, 0.04979118253643677, 1e-9);
    expectRel(c.pValue!, 0.11665083099357014, 1e-9);
    // Without Σx·den the ratio cannot be linearised against x: skipped, and said so.
    const partial = arms.map((a) => {
      const m = a.moments as Extract<ArmInput["moments"], { kind: "ratio" }>;
      return { ...a, moments: { ...m, covariate: { ...m.covariate!, sumProductsWithDen: undefined } } };
    });
    const skipped = analyseAbTest({ metric: { key: "ctr", label: "CTR" }, arms: partial, controlIndex: 0 });
    expect(skipped.comparisons[0]!.cupedVarianceReduction).toBeNull();
    expect(skipped.notes).toContain("CUPED skipped: every arm needs a covariate and at least 2 units (a ratio metric also needs sumProductsWithDen).");
  });
});
