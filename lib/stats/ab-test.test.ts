import { describe, expect, it } from "vitest";
import { analyseAbTest, analyseAbTests } from "./ab-test";
import { probabilityGreater } from "./bayesian";
import { alwaysValidPValue } from "./sequential";
import { expectRel, nonFinitePaths } from "./test-helpers";
import type { AbTestInput, AbTestOptions, ArmInput, ArmMoments } from "./types";

const prop = (name: string, units: number, successes: number): ArmInput => ({ name, moments: { kind: "proportion", units, successes } });
const ctr = (...arms: ArmInput[]): AbTestInput => ({ metric: { key: "ctr", label: "CTR" }, arms, controlIndex: 0 });

describe("frequentist proportions", () => {
  const r = analyseAbTest(ctr(prop("A", 10000, 500), prop("B", 10000, 580)));
  const c = r.comparisons[0]!;

  it("gives statsmodels' pooled p-value and Wald interval, the delta-method relative interval, and a win", () => {
    // statsmodels 0.13.5: proportions_ztest([580, 500], [10000, 10000])[1]
    expectRel(c.pValue!, 0.01232023220024796, 1e-10);
    // confint_proportions_2indep(580, 10000, 500, 10000, method="wald", compare="diff")
    expectRel(c.ciAbsolute![0], 0.0017362053185755255, 1e-10);
    expectRel(c.ciAbsolute![1], 0.014263794681424476, 1e-10);
    // 0.058/0.05 − 1 ± norm.ppf(0.975)·√(vB/pA² + pB²vA/pA⁴), v = p(1 − p)/n
    expectRel(c.relativeLift!, 0.16, 1e-12);
    expectRel(c.ci![0], 0.025031466465560148, 1e-10);
    expectRel(c.ci![1], 0.2949685335344397, 1e-10);
    expect(c).toMatchObject({ outcome: "variant-wins", significant: true, chanceToBeatControl: null, moreUnitsNeeded: null, reason: null });
    expect(c.verdict).toBe("B beats A: CTR +16.0% (95% interval +2.5% to +29.5%)");
    expect(r.correction).toBeNull();
  });

  it("reports each arm's rate with its Wilson interval", () => {
    // scipy.stats.binomtest(500, 10000).proportion_ci(method="wilson")
    expect(r.arms[0]).toMatchObject({ name: "A", units: 10000, value: 0.05 });
    expectRel(r.arms[0]!.interval![0], 0.045898482690584774, 1e-9);
    expect(r.srm).toMatchObject({ chiSquare: 0, pValue: 1, flagged: false });
  });

  it("says no winner yet, and about how many more impressions per arm the observed lift needs", () => {
    const c2 = analyseAbTest(ctr(prop("A", 10000, 500), prop("B", 10000, 510))).comparisons[0]!;
    // σ = relSe/√(2/10000), d = 0.02/σ; NormalIndPower().solve_power(d, alpha=0.05, power=0.8, ratio=1) = 767759.8
    // minus the 10,000 already in → 757,760 → three significant figures
    expect(c2.moreUnitsNeeded).toBe(758000);
    expect(c2.verdict).toBe("No winner yet: CTR +2.0% (95% interval −10.3% to +14.3%); about 758,000 more impressions per arm to detect a +2.0% lift");
    expect(c2).toMatchObject({ outcome: "inconclusive", significant: false });
  });

  it("calls two arms equivalent when the interval sits inside ±2%", () => {
    const c3 = analyseAbTest(ctr(prop("A", 1_000_000, 50_000), prop("B", 1_000_000, 50_050))).comparisons[0]!;
    expect(c3.verdict).toBe("A and B perform the same within ±2%: CTR +0.1% (95% interval −1.1% to +1.3%)");
    expect(c3.outcome).toBe("equivalent");
    const wide = analyseAbTest(ctr(prop("A", 1_000_000, 50_000), prop("B", 1_000_000, 50_050)), { equivalenceMargin: 0.01 }).comparisons[0]!;
    expect(wide.outcome).toBe("inconclusive");
  });

  it("lets the control win, and turns the sides round when lower is better", () => {
    const input = ctr(prop("A", 10000, 580), prop("B", 10000, 500));
    expect(analyseAbTest(input).comparisons[0]!.verdict).toMatch(/^A beats B: CTR −13\.8% \(95% interval /);
    const lower = analyseAbTest(input, { higherIsBetter: false }).comparisons[0]!;
    expect(lower.outcome).toBe("variant-wins");
    expect(lower.verdict).toMatch(/^B beats A: CTR −13\.8%/);
  });

  it("gives no verdict while an arm has no impressions, and uses the metric's unit label", () => {
    const c4 = analyseAbTest(ctr(prop("A", 100, 5), prop("B", 0, 0))).comparisons[0]!;
    expect(c4).toMatchObject({ outcome: "no-data", significant: false, ci: null, pValue: null, reason: "arm B has no impressions yet" });
    expect(c4.verdict).toBe("No verdict: arm B has no impressions yet");
    const clicks = analyseAbTest({ ...ctr(prop("A", 0, 0), prop("B", 10, 1)), metric: { key: "cr", label: "Conversion rate", unitLabel: "clicks" } });
    expect(clicks.comparisons[0]!.verdict).toBe("No verdict: arm A has no clicks yet");
  });
});

describe("bayesian and sequential modes", () => {
  it("bayesian: the exact chance to beat of Beta(1 + s, 1 + n − s) posteriors, quoted in the verdict", () => {
    const r = analyseAbTest(ctr(prop("A", 10000, 500), prop("B", 10000, 580)), { method: "bayesian" });
    const c = r.comparisons[0]!;
    expectRel(c.chanceToBeatControl!, probabilityGreater({ a: 581, b: 9421 }, { a: 501, b: 9501 }), 1e-14);
    expect(c.pValue).toBeNull();
    expect(c.verdict).toMatch(/^B beats A: CTR \+16\.0% \(95% interval \+3\.3% to \+30\.3%\), 99% chance to be better$/);
    expect(r.notes[0]).toMatch(/expected loss is in the metric's own units/);
  });

  it("bayesian: credible interval from the posteriors even when no arm has converted yet", () => {
    const c = analyseAbTest(ctr(prop("A", 50, 0), prop("B", 50, 0)), { method: "bayesian" }).comparisons[0]!;
    expectRel(c.chanceToBeatControl!, 0.5, 1e-12);
    expect(c.ci).not.toBeNull();
    expect(c.outcome).toBe("inconclusive");
  });

  it("sequential: a wider always-valid interval and the always-valid p-value", () => {
    const input = ctr(prop("A", 10000, 500), prop("B", 10000, 580));
    const fixed = analyseAbTest(input).comparisons[0]!;
    const r = analyseAbTest(input, { method: "sequential" });
    const c = r.comparisons[0]!;
    expect(c.ci![0]).toBeLessThan(fixed.ci![0]);
    expect(c.ci![1]).toBeGreaterThan(fixed.ci![1]);
    const z = 0.008 / Math.sqrt((0.05 * 0.95 + 0.058 * 0.942) / 10000);
    expectRel(c.pValue!, alwaysValidPValue(z, 20000, 5000), 1e-12);
    expect(c.outcome).toBe("inconclusive"); // significant at a fixed horizon, not yet under continuous monitoring
    expect(r.notes[0]).toMatch(/p-values are always-valid/);
  });
});

describe("several comparisons", () => {
  const three = ctr(prop("A", 10000, 500), prop("B", 10000, 580), prop("C", 10000, 530));

  it("Holm: adjusted p-values as statsmodels, Bonferroni intervals quoted at 97.5%", () => {
    const r = analyseAbTest(three);
    const [b, c] = r.comparisons;
    // multipletests([0.01232023220024796, 0.33715228991869806], method="holm")[1]
    expectRel(b!.adjustedPValue!, 0.02464046440049592, 1e-10);
    expectRel(c!.adjustedPValue!, 0.33715228991869806, 1e-10);
    // 0.16 ± norm.ppf(1 − 0.025/2)·relSe
    expectRel(b!.ci![0], 0.00565081726441749, 1e-9);
    expect(b!.verdict).toBe("B beats A: CTR +16.0% (97.5% interval +0.6% to +31.4%)");
    expect(r.correction).toBe("holm");
    expect(r.notes[1]).toMatch(/^Holm correction over 2 comparisons; intervals are Bonferroni-adjusted \(97\.5% each, 95% together\)/);
  });

  it("Benjamini–Hochberg: FCR-adjusted intervals at 1 − Rα/m", () => {
    const r = analyseAbTest(three, { correction: "benjamini-hochberg" });
    expect(r.correction).toBe("benjamini-hochberg");
    // one discovery of two → level 1 − 0.05/2
    expect(r.comparisons[0]!.verdict).toContain("(97.5% interval");
    expectRel(r.comparisons[0]!.adjustedPValue!, 0.02464046440049592, 1e-10);
  });

  it("analyseAbTests corrects over the comparisons of every metric together", () => {
    const conv: AbTestInput = { metric: { key: "cr", label: "Conversion rate", unitLabel: "clicks" }, arms: [prop("A", 500, 100), prop("B", 580, 130)], controlIndex: 0 };
    const [first, second] = analyseAbTests([ctr(prop("A", 10000, 500), prop("B", 10000, 580)), conv]);
    // multipletests([0.01232023220024796, proportions_ztest([130, 100], [580, 500])[1] = 0.33397694184813365], method="holm")
    expectRel(first!.comparisons[0]!.adjustedPValue!, 0.02464046440049592, 1e-10);
    expectRel(second!.comparisons[0]!.adjustedPValue!, 0.33397694184813365, 1e-10);
    expect(first!.correction).toBe("holm");
    expect(second!.metric).toEqual({ key: "cr", label: "Conversion rate", kind: "proportion" });
  });

  it("bayesian mode applies no correction and says so", () => {
    const r = analyseAbTest(three, { method: "bayesian" });
    expect(r.correction).toBeNull();
    expect(r.notes).toContain("Bayesian mode applies no multiplicity correction: each chance to beat stands on its own.");
  });
});

describe("sample ratio mismatch", () => {
  it("is flagged in the notes when the split is off", () => {
    const r = analyseAbTest(ctr(prop("A", 10400, 500), prop("B", 9600, 500)));
    expect(r.srm!.flagged).toBe(true);
    expect(r.notes.at(-1)).toMatch(/^Sample ratio mismatch \(p = 1\.5e-8\): the split of impressions differs from the intended one/);
    expect(analyseAbTest({ ...ctr(prop("A", 10400, 500), prop("B", 9600, 500)), intendedShares: [0.52, 0.48] }).srm!.flagged).toBe(false);
    // An arm left at 0 of an intended half is a mismatch too; its p-value underflows to 0.
    expect(analyseAbTest(ctr(prop("A", 1_000_000, 500), prop("B", 0, 0))).notes.at(-1)).toMatch(/^Sample ratio mismatch \(p < 1e-300\)/);
  });
});

describe("impossible arguments throw, naming the value", () => {
  it.each<[string, () => unknown]>([
    ["successes (5) cannot exceed trials (3)", () => analyseAbTest(ctr(prop("A", 3, 5), prop("B", 3, 1)))],
    ["arm A units must be a finite count >= 0, got -1", () => analyseAbTest(ctr(prop("A", -1, 0), prop("B", 3, 1)))],
    ["controlIndex must be a whole number from 0 to 1, got 2", () => analyseAbTest({ ...ctr(prop("A", 3, 1), prop("B", 3, 1)), controlIndex: 2 })],
    ['arm name "A" appears twice', () => analyseAbTest(ctr(prop("A", 3, 1), prop("A", 3, 1)))],
    ["confidence must be strictly between 0 and 1, got 1.5", () => analyseAbTest(ctr(prop("A", 3, 1)), { confidence: 1.5 })],
    ["prior.alpha must be > 0, got 0", () => analyseAbTest(ctr(prop("A", 3, 1)), { prior: { alpha: 0, beta: 1 } })],
    ["equivalenceMargin must be a finite share >= 0, got -0.1", () => analyseAbTest(ctr(prop("A", 3, 1)), { equivalenceMargin: -0.1 })],
    ["an A/B test needs at least one arm", () => analyseAbTest(ctr())],
    [
      "every arm must have the same kind of moments, got proportion and mean",
      () => analyseAbTest(ctr(prop("A", 3, 1), { name: "B", moments: { kind: "mean", units: 3, sum: 3, sumSquares: 5 } })),
    ],
    [
      "sum of squares 1 is below sum²/units = 3, impossible for real data",
      () => analyseAbTest(ctr({ name: "A", moments: { kind: "mean", units: 3, sum: 3, sumSquares: 1 } }, { name: "B", moments: { kind: "mean", units: 3, sum: 3, sumSquares: 5 } })),
    ],
  ])("%s", (message, run) => {
    expect(run).toThrow(message);
  });
});

describe("data that is merely too thin never yields NaN or Infinity", () => {
  const mean = (name: string, units: number, sum: number, sumSquares: number): ArmInput => ({ name, moments: { kind: "mean", units, sum, sumSquares } });
  const ratio = (name: string, m: Omit<Extract<ArmMoments, { kind: "ratio" }>, "kind">): ArmInput => ({ name, moments: { kind: "ratio", ...m } });
  const zeroRatio = { units: 0, numSum: 0, numSumSquares: 0, denSum: 0, denSumSquares: 0, sumProducts: 0 };
  const cases: [string, ArmInput[]][] = [
    ["0 trials in both arms", [prop("A", 0, 0), prop("B", 0, 0)]],
    ["0 trials in the variant", [prop("A", 100, 4), prop("B", 0, 0)]],
    ["0 successes in both", [prop("A", 100, 0), prop("B", 100, 0)]],
    ["0 successes in the control only", [prop("A", 1000, 0), prop("B", 1000, 40)]],
    ["0 successes in the variant only", [prop("A", 1000, 40), prop("B", 1000, 0)]],
    ["all successes in both", [prop("A", 20, 20), prop("B", 30, 30)]],
    ["all against none", [prop("A", 3, 3), prop("B", 3, 0)]],
    ["n = 1 per arm", [prop("A", 1, 1), prop("B", 1, 0)]],
    ["one arm only", [prop("A", 100, 5)]],
    ["means: n = 1", [mean("A", 1, 5, 25), mean("B", 1, 7, 49)]],
    ["means: zero variance", [mean("A", 4, 8, 16), mean("B", 4, 8, 16)]],
    ["means: control mean 0", [mean("A", 3, 0, 2), mean("B", 3, 3, 5)]],
    ["means: no customers", [mean("A", 0, 0, 0), mean("B", 5, 10, 30)]],
    ["ratio: no impressions", [ratio("A", zeroRatio), ratio("B", zeroRatio)]],
    ["ratio: customers without impressions", [ratio("A", { ...zeroRatio, units: 5 }), ratio("B", { units: 5, numSum: 1, numSumSquares: 1, denSum: 10, denSumSquares: 30, sumProducts: 3 })]],
    ["ratio: n = 1", [ratio("A", { units: 1, numSum: 1, numSumSquares: 1, denSum: 10, denSumSquares: 100, sumProducts: 10 }), ratio("B", { units: 1, numSum: 2, numSumSquares: 4, denSum: 10, denSumSquares: 100, sumProducts: 20 })]],
  ];
  const methods: AbTestOptions["method"][] = ["frequentist", "bayesian", "sequential"];

  it.each(cases)("%s", (_, arms) => {
    for (const method of methods) {
      const r = analyseAbTest({ metric: { key: "m", label: "Metric" }, arms, controlIndex: 0 }, { method });
      expect(nonFinitePaths(r), `${method}: ${nonFinitePaths(r).join(", ")}`).toEqual([]);
      for (const c of r.comparisons) {
        expect(c.verdict.length).toBeGreaterThan(10);
        expect(c.verdict).not.toMatch(/NaN|Infinity|undefined|null/);
        if (c.ci === null && c.outcome !== "no-data") expect(c.reason, `${method}: a missing interval needs a reason`).not.toBeNull();
        expect(c.significant).toBe(c.outcome === "variant-wins" || c.outcome === "control-wins");
      }
    }
  });

  it("explains the missing figures in plain English", () => {
    const reasonOf = (arms: ArmInput[]) => analyseAbTest({ metric: { key: "m", label: "Metric" }, arms, controlIndex: 0 }).comparisons[0]!.reason;
    expect(reasonOf([prop("A", 100, 0), prop("B", 100, 0)])).toBe("neither arm shows any variation yet, so there is no spread to test the difference against");
    expect(reasonOf([prop("A", 1000, 0), prop("B", 1000, 40)])).toBe("the control's value is 0, so a relative lift cannot be computed");
    expect(reasonOf([mean("A", 1, 5, 25), mean("B", 1, 7, 49)])).toBe("arm A has only 1 unit; a spread needs at least 2");
    expect(reasonOf([ratio("A", { ...zeroRatio, units: 5 }), ratio("B", { units: 5, numSum: 1, numSumSquares: 1, denSum: 10, denSumSquares: 30, sumProducts: 3 })])).toBe(
      "arm A has a denominator of 0 so far",
    );
    const one = analyseAbTest(ctr(prop("A", 100, 5)));
    expect(one.comparisons).toEqual([]);
    expect(one.srm).toBeNull();
    expect(one.notes).toContain("Only one arm: there is nothing to compare it with yet.");
  });
});
