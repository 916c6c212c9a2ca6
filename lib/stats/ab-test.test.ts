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

  it("gives statsmodels' pooled p-value and Wald interval, the log-scale delta-method relative interval, and a win", () => {
    // statsmodels 0.13.5: proportions_ztest([580, 500], [10000, 10000])[1]
    expectRel(c.pValue!, 0.01232023220024796, 1e-10);
    // confint_proportions_2indep(580, 10000, 500, 10000, method="wald", compare="diff")
    expectRel(c.ciAbsolute![0], 0.0017362053185755255, 1e-10);
    expectRel(c.ciAbsolute![1], 0.014263794681424476, 1e-10);
    // numpy: expm1(log(0.058/0.05) ∓ scipy.stats.norm.ppf(0.975)·√(vB/pB² + vA/pA²)), v = p(1 − p)/n
    // (the linear delta interval was 0.025031466465560148 to 0.2949685335344397)
    expectRel(c.relativeLift!, 0.16, 1e-12);
    expectRel(c.ci![0], 0.0325875340875894, 1e-10);
    expectRel(c.ci![1], 0.30313407394463, 1e-10);
    expect(c).toMatchObject({ outcome: "variant-wins", significant: true, chanceToBeatControl: null, moreUnitsNeeded: null, reason: null });
    expect(c.verdict).toBe("B beats A: CTR +16.0% (95% interval +3.3% to +30.3%)");
    expect(c.disagreement).toBeNull();
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
    // The weaker evidence in standard errors: min(log(pB/pA)/√(vB/pB² + vA/pA²) = 0.32291156567409496,
    // (pB − pA)/√(vA + vB) = 0.32291852548579253); d = z·√(2/10000); n solves
    // norm.cdf(d√(n/2) − z₀.₉₇₅) + norm.cdf(−d√(n/2) − z₀.₉₇₅) = 0.8 (scipy.optimize.brentq, as statsmodels'
    // NormalIndPower) = 752730.3; minus the 10,000 already in → 742,730 → three significant figures
    expect(c2.moreUnitsNeeded).toBe(743000);
    // interval: expm1(log(1.02) ∓ norm.ppf(0.975)·0.06132523390681433) = −0.09551777176511242, 0.1502713569401555
    expectRel(c2.ci![0], -0.09551777176511242, 1e-10);
    expectRel(c2.ci![1], 0.1502713569401555, 1e-10);
    expect(c2.verdict).toBe("No winner yet: CTR +2.0% (95% interval −9.6% to +15.0%); about 743,000 more impressions per arm to detect a +2.0% lift");
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
    // expm1(log(1.16) ∓ norm.ppf(1 − 0.025/2)·0.059364450060911726), the log-scale se of the first test
    expectRel(b!.ci![0], 0.015478941582278326, 1e-9);
    expectRel(b!.ci![1], 0.32508902439999415, 1e-9);
    expect(b!.verdict).toBe("B beats A: CTR +16.0% (97.5% interval +1.5% to +32.5%)");
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

const mean = (name: string, units: number, sum: number, sumSquares: number): ArmInput => ({ name, moments: { kind: "mean", units, sum, sumSquares } });
const revenue = (...arms: ArmInput[]): AbTestInput => ({ metric: { key: "rev", label: "Revenue per customer" }, arms, controlIndex: 0 });
// Arms given by n, mean and sd: sum = n·mean, sumSquares = (n − 1)·sd² + n·mean².
// References: scipy.stats.ttest_ind_from_stats(mB, sdB, nB, mA, sdA, nA, equal_var=False);
// df = Welch–Satterthwaite; t = scipy.stats.t.ppf(0.975, df); se_log = √(vB/mB² + vA/mA²), v = sd²/n;
// log interval expm1(log(mB/mA) ∓ t·se_log); the old linear one mB/mA − 1 ∓ t·√(vB/mA² + mB²vA/mA⁴).

describe("relative intervals on the log scale", () => {
  it("never fall below −100% for a skewed mean where the linear delta interval gave −537% to +737%", () => {
    // 12 customers each: mean 30, sd 90 against mean 60, sd 250. df = 13.804101856560905;
    // linear −5.366252653723058 to 7.366252653723058; log (se_log 1.4821468413282333) below
    const c = analyseAbTest(revenue(mean("A", 12, 360, 99900), mean("B", 12, 720, 730700))).comparisons[0]!;
    expectRel(c.ci![0], -0.9170883044273607, 1e-9);
    expectRel(c.ci![1], 47.24409840341021, 1e-9);
    expectRel(c.pValue!, 0.7016791740652146, 1e-9);
    expect(c.verdict).toBe("No winner yet: Revenue per customer +100.0% (95% interval \u221291.7% to +4724.4%); about 604 more customers per arm to detect a +100.0% lift");
    // n = 615.6995 solves norm.cdf(d√(n/2) − z) + norm.cdf(−d√(n/2) − z) = 0.8 for d = min(z_log, z_Welch)·√(2/12),
    // z_log = |log 2|/se_log = 0.4676643104665513, z_Welch = 0.3911195523740686; minus 12 → 603.7 → 604
    expect(c.moreUnitsNeeded).toBe(604);
  });

  it("match numpy on lognormal revenues (Welch's t quantile, log-scale se)", () => {
    // The 400 + 380 lognormal revenues of frequentist.test.ts; se_log = 0.07951705614068572 (numpy, ddof=1),
    // relative 0.19182992914290997, df 695.7942176817144: expm1(log1p(rel) ∓ t.ppf(0.975, df)·se_log)
    const c = analyseAbTest(revenue(mean("A", 400, 10918.075309036998, 616557.3612036821), mean("B", 380, 12361.864475849192, 957540.4992337677))).comparisons[0]!;
    expectRel(c.ci![0], 0.019556513700441053, 1e-9);
    expectRel(c.ci![1], 0.3932122063987352, 1e-9);
    expect(c.outcome).toBe("variant-wins");
  });

  it("sequential: the confidence sequence's multiplier on the log scale, as numpy", () => {
    // m = GrowthBook's halfwidth/√V at n = 20000, α = 0.05, N* = 5000 = 3.1271141436879906 (sequential.test.ts);
    // expm1(log(1.16) ∓ m·√(vB/pB² + vA/pA²)), v = p(1 − p)/10000
    const c = analyseAbTest(ctr(prop("A", 10000, 500), prop("B", 10000, 580)), { method: "sequential" }).comparisons[0]!;
    expectRel(c.ci![0], -0.036535278072118246, 1e-9);
    expectRel(c.ci![1], 0.3966261237956588, 1e-9);
  });

  it("fall back to the linear delta interval, with a note, when an estimate is not above 0", () => {
    // Profit per customer: mean 10 (sd 20) against −2 (sd 20), 50 each; df = 98,
    // −1.2 ∓ t.ppf(0.975, 98)·√(vB/mA² + mB²vA/mA⁴) = −1.7724079329375866, −0.6275920670624134
    const r = analyseAbTest(revenue(mean("A", 50, 500, 24600), mean("B", 50, -100, 19800)));
    const c = r.comparisons[0]!;
    expectRel(c.ci![0], -1.7724079329375866, 1e-9);
    expectRel(c.ci![1], -0.6275920670624134, 1e-9);
    expect(r.notes).toContain(
      "The relative-lift interval of B against A is the linear delta-method one: an estimate is not above 0, so the log scale cannot be used and the interval may reach below \u2212100%.",
    );
    expect(analyseAbTest(ctr(prop("A", 10000, 500), prop("B", 10000, 580))).notes.some((n) => n.startsWith("The relative-lift interval of"))).toBe(false);
  });

  it("give a reason instead of an unprintable bound on two customers per arm", () => {
    const c = analyseAbTest(revenue(mean("A", 2, 101, 10001), mean("B", 2, 1001, 1000001))).comparisons[0]!;
    expect(c).toMatchObject({ ci: null, outcome: "inconclusive", reason: "the interval of the relative lift is still too wide to print (too little data)" });
    expect(c.verdict).toBe("No winner yet: the interval of the relative lift is still too wide to print (too little data)");
  });
});

describe("when the interval and the test disagree", () => {
  it("the issue's case: the linear interval −86.0% to −8.0% beside p = 0.09; the log one agrees with the test", () => {
    // 200 customers each: mean 100 (sd 321) against 53 (sd 223). Welch p = 0.08990055202736431, df 354.7934679728938;
    // linear −0.8600592394723354 to −0.07994076052766447 (excluded 0); log −0.74610617257865 to 0.10636797614552422
    const c = analyseAbTest(revenue(mean("A", 200, 20000, 22505159), mean("B", 200, 10600, 10457871))).comparisons[0]!;
    expectRel(c.pValue!, 0.08990055202736431, 1e-9);
    expectRel(c.ci![0], -0.74610617257865, 1e-9);
    expectRel(c.ci![1], 0.10636797614552422, 1e-9);
    expect(c.disagreement).toBeNull();
    expect(c.verdict).toBe("No winner yet: Revenue per customer \u221247.0% (95% interval \u221274.6% to +10.6%); about 346 more customers per arm to detect a \u221247.0% lift");
  });

  it("says so when the log interval excludes 0 but Welch's test does not reject, and stays inconclusive", () => {
    // 400 customers each: mean 20 (sd 96) against 40 (sd 192). Welch t 1.8633899812498247, p 0.0629067650778089,
    // df 586.7647058823528; log interval (se_log 0.33941125496954283) 0.026893606391487572 to 2.8952428714168668.
    // Advice: d = min(z_log 2.0422, z_Welch 1.8634)·√(2/400); n = 904.19 per arm (power 0.8) → 505 more.
    const c = analyseAbTest(revenue(mean("A", 400, 8000, 3837184), mean("B", 400, 16000, 15348736))).comparisons[0]!;
    expectRel(c.pValue!, 0.0629067650778089, 1e-9);
    expectRel(c.ci![0], 0.026893606391487572, 1e-9);
    expectRel(c.ci![1], 2.8952428714168668, 1e-9);
    const sentence =
      "the 95% interval of the lift (+2.7% to +289.5%) excludes no change, but Welch's t-test does not reject it (p = 0.063, not below 0.05); the metric is skewed or the sample small \u2014 wait for more data";
    expect(c).toMatchObject({ outcome: "inconclusive", significant: false, disagreement: sentence, moreUnitsNeeded: 505 });
    expect(c.verdict).toBe(`No winner yet: Revenue per customer +100.0%; ${sentence}; about 505 more customers per arm to detect a +100.0% lift`);
    // Never "equivalent" either, whatever the margin.
    expect(analyseAbTest(revenue(mean("A", 400, 8000, 3837184), mean("B", 400, 16000, 15348736)), { equivalenceMargin: 5 }).comparisons[0]!.outcome).toBe("inconclusive");
  });

  it("names the corrected p-value when the family is corrected", () => {
    const r = analyseAbTest(revenue(mean("A", 400, 8000, 3837184), mean("B", 400, 16000, 15348736), mean("C", 400, 8000, 3837184)), { correction: "benjamini-hochberg", confidence: 0.9 });
    const c = r.comparisons[0]!;
    // BH over p = [0.0629067650778089, 1]: adjusted 0.1258135301556178 ≥ 0.1, no discovery, intervals at 1 − 0.1/2
    expectRel(c.adjustedPValue!, 2 * 0.0629067650778089, 1e-9);
    expect(c.disagreement).toBe(
      "the 95% interval of the lift (+2.7% to +289.5%) excludes no change, but Welch's t-test does not reject it (Benjamini\u2013Hochberg-adjusted p = 0.13, not below 0.1); the metric is skewed or the sample small \u2014 wait for more data",
    );
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

  const conversion = (assignedUnits?: number[]): AbTestInput => ({
    metric: { key: "cr", label: "Conversion rate", unitLabel: "clicks" },
    // a real difference in CTR: 10,400 against 9,600 clicks from equal traffic
    arms: [prop("A", 10400, 520), prop("B", 9600, 480)],
    controlIndex: 0,
    ...(assignedUnits ? { assignedUnits } : {}),
  });

  it("uses the assigned counts when given, not the clicks a rate per click is measured on", () => {
    // scipy.stats.chisquare([50400, 49600]).pvalue = 0.01141203638600166: not below 0.001
    const r = analyseAbTest(conversion([50400, 49600]));
    expect(r.srm).toMatchObject({ flagged: false, basis: "assigned-units", observed: [50400, 49600], expected: [50000, 50000] });
    expectRel(r.srm!.pValue, 0.01141203638600166, 1e-12);
    expect(r.notes.some((n) => n.startsWith("Sample ratio mismatch"))).toBe(false);
    // scipy.stats.chisquare([50000, 51000]).pvalue = 0.001651898732357361; [50000, 52000] is flagged
    expectRel(analyseAbTest(conversion([50000, 51000])).srm!.pValue, 0.001651898732357361, 1e-12);
    expect(analyseAbTest(conversion([50000, 52000])).notes.at(-1)).toMatch(
      /^Sample ratio mismatch \(p = .*\): the split of assigned units differs from the intended one, so every figure may be biased\.$/,
    );
  });

  it("falls back to a rate's own units, and then says that a mismatch may be the effect itself", () => {
    // scipy.stats.chisquare([10400, 9600]).pvalue = 1.5417257900280013e-08
    const r = analyseAbTest(conversion());
    expect(r.srm).toMatchObject({ flagged: true, basis: "metric-units", observed: [10400, 9600] });
    expectRel(r.srm!.pValue, 1.5417257900280013e-8, 1e-10);
    expect(r.notes.at(-1)).toBe(
      "Sample ratio mismatch (p = 1.5e-8): the split of clicks differs from the intended one, so every figure may be biased. The check used the rate's own denominators (clicks), not the assigned counts; if the arms themselves change how many clicks there are, the mismatch is the effect, not broken assignment.",
    );
    // Means and ratios count customers, the assigned unit: no such caveat.
    const m = analyseAbTest(revenue(mean("A", 10400, 1e5, 5e6), mean("B", 9600, 1e5, 5e6)));
    expect(m.srm!.basis).toBe("metric-units");
    expect(m.notes.at(-1)).toMatch(/^Sample ratio mismatch \(p = 1\.5e-8\): the split of customers differs from the intended one, so every figure may be biased\.$/);
  });

  it("refuses assignedUnits of the wrong length or with impossible counts", () => {
    expect(() => analyseAbTest(conversion([100]))).toThrow("metric cr: assignedUnits has 1 entries for 2 arms");
    expect(() => analyseAbTest(conversion([100, -1]))).toThrow("assignedUnits of arm B must be a finite count >= 0, got -1");
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
