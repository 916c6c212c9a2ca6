import { describe, expect, it } from "vitest";
import { nonFinitePaths } from "../../stats/test-helpers";
import { fairnessReport } from "./report";
import { blocks, groups, labels, scores } from "./test-table";

describe("fairnessReport", () => {
  it("flags a significant ratio under 0.8 and says so", () => {
    // region b: 350 of 1000 selected against a's 500 of 1000 — ratio 0.70, z p = 1.16e-11.
    const b = blocks([["a", 1000, 500], ["b", 1000, 350]]);
    const r = fairnessReport({ scores: b.scores, labels: null, groups: [{ name: "region", values: b.values }], cut: { threshold: 0.5 } });
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0]).toMatchObject({ attribute: "region", value: "b", ratioToHighest: 0.7, highestValue: "a", test: "z" });
    expect(r.summary).toEqual([
      "At a score of 0.5 or above, 850 of 2000 rows are selected.",
      'At a score of 0.5 or above, region "b" is selected at 0.70× the rate of "a" (35% vs 50%; p < 0.001 after Holm correction): flagged.',
      "Outcomes were not given, so true- and false-positive rates and calibration are not reported.",
    ]);
  });

  it("summarises the hand table at the top 25% without a flag", () => {
    // The figures are worked out in group-metrics.test.ts and flags.test.ts.
    const r = fairnessReport({ scores, labels, groups, cut: { topShare: 0.25 }, minGroupSize: 5 });
    expect(r.flags).toEqual([]);
    expect(r.summary).toEqual([
      "At the top 25%, 5 of 20 rows are selected (scores of 0.80 and above).",
      "No group's selection rate is significantly below 0.8× the highest.",
      'At the top 25%, gender "F" is selected at 0.74× the rate of "M" (22.2% vs 30%; p = 1.00 after Holm correction): under 0.8× but not significant, so not flagged.',
      'At the top 25%, gender × band "F × young" is selected at 0.50× the rate of "M × young" (20% vs 40%; p = 1.00 after Holm correction): under 0.8× but not significant, so not flagged.',
      "Unknown values are listed as their own group and not tested: gender (1 row), band (1 row).",
      'Among rows with a positive outcome, the cut selects 0% of gender "F" and 75% of "M" (equal-opportunity gap 75 points).',
      'Among rows with a negative outcome, the cut selects 0% of gender "M" and 40% of "F" (false-positive gap 40 points).',
      'Among rows with a positive outcome, the cut selects 33.3% of band "old" and 40% of "young" (equal-opportunity gap 7 points).',
      'Scores overstate the observed rate for gender "M" by 14 points (mean score 54%, observed 40%).',
      'Scores overstate the observed rate for band "old" by 16 points (mean score 53.1%, observed 37.5%).',
    ]);
  });

  it("names small groups and proxies in the summary", () => {
    const rows = Array.from({ length: 100 }, (_, i) => i);
    const band = rows.map((i) => (i < 50 ? "young" : i < 90 ? "old" : "75+"));
    const r = fairnessReport({
      scores: Float64Array.from(rows, (i) => i / 100),
      labels: null,
      groups: [{ name: "band", values: band }],
      cut: { topShare: 0.2 },
      features: [{ name: "tenure", kind: "numeric", values: Float64Array.from(rows) }],
    });
    // 75+ has 10 rows, under 30; tenure is the row number, so its quintiles follow band closely.
    expect(r.summary).toContain('1 group has fewer than 30 rows and is not tested: band "75+" (10).');
    expect(r.proxies.map((p) => p.feature)).toEqual(["tenure"]);
    expect(r.summary.at(-1)).toMatch(/^"tenure" is strongly associated with band \(Cramér's V 0\.\d\d, bias-corrected\): it may act as a proxy\.$/);
  });

  it("keeps the summary short when many groups are flagged, and says when no feature is a proxy", () => {
    // Regions b–f are selected at 10–38% against a's 50%, 1000 rows each: every ratio is under 0.8.
    const b = blocks([["a", 1000, 500], ["b", 1000, 100], ["c", 1000, 200], ["d", 1000, 300], ["e", 1000, 350], ["f", 1000, 380]]);
    const features = [{ name: "noise", kind: "categorical" as const, values: b.values.map((_, i) => (i % 2 ? "x" : "y")) }];
    const r = fairnessReport({ scores: b.scores, labels: null, groups: [{ name: "region", values: b.values }], cut: { threshold: 0.5 }, features });
    expect(r.flags).toHaveLength(5);
    // The three lowest ratios get a sentence each (b 0.2, c 0.4, d 0.6), then the rest are counted.
    expect(r.summary.slice(1, 5)).toEqual([
      'At a score of 0.5 or above, region "b" is selected at 0.20× the rate of "a" (10% vs 50%; p < 0.001 after Holm correction): flagged.',
      'At a score of 0.5 or above, region "c" is selected at 0.40× the rate of "a" (20% vs 50%; p < 0.001 after Holm correction): flagged.',
      'At a score of 0.5 or above, region "d" is selected at 0.60× the rate of "a" (30% vs 50%; p < 0.001 after Holm correction): flagged.',
      "2 more region groups are flagged.",
    ]);
    expect(r.summary.at(-1)).toBe("No model feature reaches Cramér's V 0.3 with a group attribute.");
  });

  it("has no NaN anywhere, with or without labels, and survives a JSON round trip", () => {
    // Degenerate on purpose: a group without positives, one without negatives, a cut selecting nobody.
    const awkward = fairnessReport({
      scores: Float64Array.from([0.1, 0.2, 0.3, 0.4]),
      labels: Uint8Array.from([0, 0, 1, 1]),
      groups: [{ name: "g", values: ["a", "a", "b", null] }, { name: "h", values: ["x", "y", "x", "y"] }],
      cut: { threshold: 0.9 },
      minGroupSize: 1,
      features: [{ name: "f", kind: "numeric", values: Float64Array.from([Number.NaN, 1, 2, 3]) }],
    });
    for (const r of [awkward, fairnessReport({ scores, labels, groups, cut: { topShare: 0.25 }, minGroupSize: 5 }), fairnessReport({ scores, labels: null, groups, cut: { threshold: 0.5 } })]) {
      expect(nonFinitePaths(r)).toEqual([]);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
    expect(awkward.groups.find((g) => g.value === "a")).toMatchObject({ truePositiveRate: null, falsePositiveRate: 0, ratioToHighest: null });
  });

  it("applies the defaults: minGroupSize 30, intersections on, alpha 0.05", () => {
    const r = fairnessReport({ scores, labels, groups, cut: { topShare: 0.25 }, alpha: undefined });
    expect(r).toMatchObject({ minGroupSize: 30, alpha: 0.05, ratioThreshold: 0.8, proxyThreshold: 0.3, labelled: true, featuresChecked: 0, proxies: [] });
    // Every group of 20 rows is under 30; the intersections (all under 30) are not listed at all.
    expect(r.groups.every((g) => g.tooSmall && !g.intersection)).toBe(true);
    expect(fairnessReport({ scores, labels, groups, cut: { topShare: 0.25 }, minGroupSize: 5, intersections: false }).groups.some((g) => g.intersection)).toBe(false);
  });

  it("refuses inputs that do not line up, naming them", () => {
    const base = { scores, labels, groups, cut: { topShare: 0.25 } };
    expect(() => fairnessReport({ ...base, labels: new Uint8Array(3) })).toThrow("labels has 3 entries for 20 scores");
    expect(() => fairnessReport({ ...base, labels: Uint8Array.from(scores, () => 2) })).toThrow("labels must be 0 or 1, got 2 at row 0");
    expect(() => fairnessReport({ ...base, groups: [{ name: "g", values: ["a"] }] })).toThrow('group attribute "g" has 1 values for 20 rows');
    expect(() => fairnessReport({ ...base, groups: [groups[0]!, groups[0]!] })).toThrow('group attribute "gender" is given twice');
    expect(() => fairnessReport({ ...base, groups: [] })).toThrow("at least one group attribute");
    expect(() => fairnessReport({ ...base, minGroupSize: 0 })).toThrow("minGroupSize must be a whole number of at least 1, got 0");
    expect(() => fairnessReport({ ...base, alpha: 1 })).toThrow("alpha must be strictly between 0 and 1, got 1");
    expect(() => fairnessReport({ ...base, features: [{ name: "x", kind: "numeric", values: new Float64Array(2) }] })).toThrow('model feature "x" has 2 values for 20 rows');
    expect(() => fairnessReport({ ...base, features: [{ name: "x", kind: "numeric", values: new Float64Array(20).fill(Infinity) }] })).toThrow('model feature "x" holds Infinity at row 0; use NaN for a missing value');
  });
});
