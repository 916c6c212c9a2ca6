import { describe, expect, it } from "vitest";
import { gainCurve } from "../../ml/scoring/metrics/gain-lift";
import { SHOP } from "./fixtures";
import { gainSummary, targetingGain } from "./gain";

describe("gain of the EV ranking", () => {
  it("gives the share of expected revenue the top quarters hold", () => {
    // EV order 0, 1 | 3, 5 | 2, 7 | 4, 6: EV 20, 34, 40, 41 cumulated, of 41.
    const points = targetingGain(SHOP, { points: 4 });
    expect(points.map((p) => p.populationShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(points.map((p) => p.valueShare)).toEqual([0, 20 / 41, 34 / 41, 40 / 41, 1]);
  });

  it("sums clicks or conversions under the same ranking", () => {
    // Clicks in EV order: 0.5, 0.25, 0.125, 0.75, … of 3.375; the top half holds 1.625 / 3.375.
    expect(targetingGain(SHOP, { value: "clicks", points: 2 })[1]!.valueShare).toBe(1.625 / 3.375);
    expect(targetingGain(SHOP, { value: "conversions", points: 2 })[1]!.valueShare).toBe(0.59375 / 0.84375);
  });

  it("says what the top share holds, in words", () => {
    // Top 25% = rows 0 and 1: clicks 0.75 / 3.375 = 22.2%.
    expect(gainSummary(SHOP, 0.25, { value: "clicks" })).toEqual({ populationShare: 0.25, valueShare: 0.75 / 3.375, text: "The top 25% of customers hold 22% of expected clicks." });
    // Conversions 0.375 / 0.84375 = 44.4%; revenue of the top half 34 / 41 = 82.9%.
    expect(gainSummary(SHOP, 0.25, { value: "conversions" }).text).toBe("The top 25% of customers hold 44% of expected conversions.");
    expect(gainSummary(SHOP, 0.5).text).toBe("The top 50% of customers hold 83% of expected revenue.");
    expect(gainSummary(SHOP, 1).valueShare).toBe(1);
  });

  it("splits a row a share falls inside, as gainCurve does", () => {
    // 20% of 8 rows = 1.6: row 0's 0.5 clicks and 0.6 of row 1's 0.25, = 0.65 / 3.375 = 19.3%.
    const s = gainSummary(SHOP, 0.2, { value: "clicks" });
    expect(s.valueShare).toBeCloseTo(0.65 / 3.375, 15);
    expect(s.valueShare).toBe(gainCurve(Float64Array.from([10, 10, 4, 8, 1, 6, 0, 2]), SHOP.pClick, 5)[1]!.valueShare);
    expect(s.text).toBe("The top 20% of customers hold 19% of expected clicks.");
  });

  it("refuses a share outside (0, 1] and values that sum to nothing", () => {
    expect(() => gainSummary(SHOP, 0)).toThrow("gainSummary: share is 0; it must lie in (0, 1] (0.2 = the top 20%)");
    expect(() => gainSummary(SHOP, 1.5)).toThrow("share is 1.5");
    const noClicks = { ...SHOP, pClick: new Float64Array(8) };
    expect(() => gainSummary(noClicks, 0.5)).toThrow("the values sum to 0");
  });
});
