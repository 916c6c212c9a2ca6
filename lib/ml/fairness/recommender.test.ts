import { describe, expect, it } from "vitest";
import { expectRel, nonFinitePaths } from "../../stats/test-helpers";
import { recommenderFairness } from "./recommender";

// Six users: F F F M M M (user 2's nDCG is unknown), then one user of unknown gender.
const input = {
  groups: [{ name: "gender", values: ["F", "F", "F", "M", "M", "M", null] }],
  ndcg: Float64Array.from([0.2, 0.4, Number.NaN, 0.6, 0.8, 1.0, 0.5]),
  recommendations: [["a", "a"], ["a", "b"], ["b", "b", "b"], ["a", "c"], ["c", "c"], ["c", "c"], ["a"]],
  catalogueShares: { a: 0.5, b: 0.3, c: 0.2 },
  minGroupSize: 2,
};

describe("recommenderFairness", () => {
  const r = recommenderFairness(input);

  it("gives nDCG by group with a 95% normal interval and the ratio to the best group", () => {
    // F: 0.2, 0.4 → mean 0.3, sd 0.141421, se 0.1, half-width 1.959964 · 0.1.
    // M: 0.6, 0.8, 1.0 → mean 0.8, sd 0.2, se 0.115470; the upper end 1.026 is clipped to 1.
    // scipy 1.17.1: m ± scipy.stats.norm.ppf(0.975) · np.std(v, ddof=1) / √n →
    //   F 0.10400360154599464–0.49599639845400545, M 0.5736828531847655–1.0263171468152343.
    const [f, m, unknown] = r.ndcg;
    expect(f).toMatchObject({ attribute: "gender", value: "F", users: 2, isBest: false, tooSmall: false, unknown: false });
    expectRel(f!.mean, 0.3, 1e-12);
    expectRel(f!.low, 0.10400360154599464, 1e-12);
    expectRel(f!.high, 0.49599639845400545, 1e-12);
    expectRel(f!.ratioToBest, 0.3 / 0.8, 1e-12);
    expect(m).toMatchObject({ value: "M", users: 3, isBest: true, high: 1, ratioToBest: 1 });
    expectRel(m!.low, 0.5736828531847655, 1e-12);
    // One evaluated user: a mean, no interval, too small, never the best.
    expect(unknown).toEqual({ attribute: "gender", value: "unknown", unknown: true, users: 1, mean: 0.5, low: null, high: null, ratioToBest: 0.625, isBest: false, tooSmall: true });
  });

  it("gives each group's category exposure against the overall share", () => {
    // Slots: F a 3, b 4 (7); M a 1, c 5 (6); unknown a 1. Overall a 5, b 4, c 5 of 14.
    const f = r.exposure.find((g) => g.value === "F")!;
    expect(f).toMatchObject({ users: 3, slots: 7, tooSmall: false });
    expect(f.categories.map((c) => [c.category, c.share, c.overallShare, c.catalogueShare])).toEqual([
      ["a", 3 / 7, 5 / 14, 0.5],
      ["b", 4 / 7, 4 / 14, 0.3],
      ["c", 0, 5 / 14, 0.2],
    ]);
    // Differences: F a +0.071, b +0.286, c −0.357; M a 1/6 − 5/14 = −0.190, b −0.286, c 5/6 − 5/14 = +0.476.
    expect(r.largestExposureDifferences).toEqual([{ attribute: "gender", value: "M", category: "c", share: 5 / 6, overallShare: 5 / 14, difference: 5 / 6 - 5 / 14 }]);
  });

  it("says what the numbers show", () => {
    expect(r.summary).toEqual([
      'nDCG for gender "F" is 0.38× that of "M" (0.30, 95% interval 0.10–0.50, against 0.80, 95% interval 0.57–1.00); the intervals do not overlap.',
      'By gender, the largest exposure difference is "c" for "M": 83.3% of their recommendations against 35.7% of all recommendations and 20% of the catalogue.',
    ]);
    expect(nonFinitePaths(r)).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("mentions groups too small to compare, with the default minGroupSize of 30", () => {
    const small = recommenderFairness({ ...input, minGroupSize: undefined });
    expect(small.largestExposureDifferences).toEqual([]);
    expect(small.summary).toEqual(['2 groups have fewer than 30 evaluated users and are not compared: gender "F" (2), gender "M" (3).']);
  });

  it("refuses inputs that do not line up, naming them", () => {
    expect(() => recommenderFairness({ ...input, ndcg: Float64Array.from([0.2, 1.5, 0, 0, 0, 0, 0]) })).toThrow("nDCG must be between 0 and 1 (NaN for a user not evaluated), got 1.5 at user 1");
    expect(() => recommenderFairness({ ...input, recommendations: [] })).toThrow("recommendations has 0 lists for 7 users");
    expect(() => recommenderFairness({ ...input, catalogueShares: { a: 0.5, b: 0.2 } })).toThrow("the catalogue's category shares must add up to 1, got 0.7");
    expect(() => recommenderFairness({ ...input, catalogueShares: { a: 1.5, b: -0.5 } })).toThrow('the catalogue share of "a" must be between 0 and 1, got 1.5');
  });
});
