import { describe, expect, it } from "vitest";
import { sampleRatioMismatch } from "./srm";
import { expectRel } from "./test-helpers";

describe("sampleRatioMismatch", () => {
  it("computes χ² by hand: 5,200 vs 4,800 against 5,000 each is 2·200²/5000 = 16", () => {
    const srm = sampleRatioMismatch([5200, 4800])!;
    expect(srm.chiSquare).toBe(16);
    expect(srm.df).toBe(1);
    expect(srm.expected).toEqual([5000, 5000]);
    // scipy.stats.chisquare([5200, 4800]).pvalue
    expectRel(srm.pValue, 6.334248366623988e-5, 1e-12);
    expect(srm.flagged).toBe(true);
  });

  it("matches scipy.stats.chisquare, with equal or intended shares", () => {
    // [observed, shares, *scipy.stats.chisquare(observed, f_exp = total·share/Σshares)]
    const ref: [number[], number[] | undefined, number, number][] = [
      [[5030, 4970], undefined, 0.36, 0.5485062355001471],
      [[1000, 1100, 900], undefined, 20, 4.539992976248486e-5],
      [[2010, 7990], [0.2, 0.8], 0.0625, 0.8025873486341526],
      [[100, 150], [1, 2], 5.000000000000001, 0.025347318677468297],
      [[3, 0], undefined, 3, 0.08326451666355042],
    ];
    for (const [obs, shares, chi, p] of ref) {
      const srm = sampleRatioMismatch(obs, shares)!;
      expectRel(srm.chiSquare, chi, 1e-12);
      expectRel(srm.pValue, p, 1e-12);
      expect(srm.df).toBe(obs.length - 1);
    }
  });

  it("flags only below p = 0.001: 5,030 vs 4,970 is fine", () => {
    expect(sampleRatioMismatch([5030, 4970])!.flagged).toBe(false);
  });

  it("returns null with fewer than two arms or no units at all", () => {
    expect(sampleRatioMismatch([100])).toBeNull();
    expect(sampleRatioMismatch([0, 0])).toBeNull();
    expect(sampleRatioMismatch([])).toBeNull();
  });

  it("refuses negative counts and mismatched or non-positive shares", () => {
    expect(() => sampleRatioMismatch([10, -1])).toThrow("observed units of arm 1 must be a finite count >= 0, got -1");
    expect(() => sampleRatioMismatch([10, 10], [1])).toThrow("intendedShares has 1 entries for 2 arms");
    expect(() => sampleRatioMismatch([10, 10], [1, 0])).toThrow("intended share of arm 1 must be > 0, got 0");
  });
});
