import { describe, expect, it } from "vitest";
import { expectRel } from "../../stats/test-helpers";
import { compareRates, fisherExactTwoSided, pooledZTest } from "./significance";

describe("fisherExactTwoSided", () => {
  it("matches scipy.stats.fisher_exact", () => {
    // scipy 1.17.1: scipy.stats.fisher_exact(table).pvalue (alternative="two-sided")
    const cases: [number, number, number, number, number][] = [
      [3, 1, 1, 3, 0.48571428571428565], // the mirror table ties exactly and counts
      [8, 2, 1, 5, 0.034965034965034975],
      [10, 90, 30, 70, 0.0006504107076034208],
      [0, 30, 6, 24, 0.023720703916957266],
      [1, 29, 12, 18, 0.001050756087532551],
      [5, 0, 0, 5, 0.007936507936507938],
      [400, 9600, 3, 97, 0.7996176610067317],
      [2, 7, 3, 7, 1],
    ];
    for (const [a, b, c, d, p] of cases) expectRel(fisherExactTwoSided(a, b, c, d), p, 1e-12);
  });

  it("is 1 when a margin is empty, as scipy says", () => {
    expect(fisherExactTwoSided(0, 0, 3, 4)).toBe(1);
    expect(fisherExactTwoSided(0, 5, 0, 4)).toBe(1);
  });

  it("refuses counts that are not whole and non-negative", () => {
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow("Fisher's test needs whole counts >= 0, got a = 1.5");
    expect(() => fisherExactTwoSided(1, 2, -3, 4)).toThrow("got c = -3");
  });
});

describe("pooledZTest", () => {
  it("matches the pooled z by hand", () => {
    // scipy 1.17.1: p = (x1+x2)/(n1+n2); z = (x1/n1 − x2/n2) / sqrt(p(1−p)(1/n1+1/n2));
    // 2 * scipy.stats.norm.sf(abs(z)). For 14/40 vs 20/40: z = −1.3569938190957023.
    expectRel(pooledZTest(14, 40, 20, 40), 0.17478317445653047, 1e-12);
    // 350/1000 vs 500/1000: z = −6.784969095478511.
    expectRel(pooledZTest(350, 1000, 500, 1000), 1.1611136377897591e-11, 1e-9);
    expectRel(pooledZTest(30, 100, 45, 120), 0.24258357934832098, 1e-12);
  });

  it("is 1 when both rates are 0 or both are 1", () => {
    expect(pooledZTest(0, 10, 0, 20)).toBe(1);
    expect(pooledZTest(10, 10, 20, 20)).toBe(1);
  });
});

describe("compareRates", () => {
  it("uses Fisher's test when an expected cell is under 5, the z test otherwise", () => {
    // 2/9 vs 3/10: 5 selected of 19, expected selected in the smaller group 9·5/19 = 2.4.
    expect(compareRates(2, 9, 3, 10)).toEqual({ test: "fisher", pValue: 1 });
    // 14/40 vs 20/40: the smallest expected cell is 40·34/80 = 17.
    expect(compareRates(14, 40, 20, 40)).toEqual({ test: "z", pValue: pooledZTest(14, 40, 20, 40) });
    // 1/30 vs 12/30: 13 selected of 60, expected 30·13/60 = 6.5 ≥ 5 → z; 4/30 vs 0/30: 2 < 5 → Fisher.
    expect(compareRates(1, 30, 12, 30).test).toBe("z");
    expect(compareRates(4, 30, 0, 30).test).toBe("fisher");
  });

  it("refuses impossible counts", () => {
    expect(() => compareRates(5, 4, 1, 10)).toThrow("the first rate must be whole counts with 0 <= successes <= trials, got 5 of 4");
  });
});
