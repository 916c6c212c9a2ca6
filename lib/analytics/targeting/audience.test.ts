import { describe, expect, it } from "vitest";
import { audienceByBudget, audienceByScore, audienceBySize } from "./audience";
import { SHOP } from "./fixtures";

// CPM 4000 makes every impression cost 4, so a customer's ROI is EV / 4 − 1:
// row 0: 1.5, 1: 1.5, 3: 1, 5: 0.5, 2: 0, 7: −0.5, 4: −0.75, 6: −1.
const CPM4 = { kind: "cpm", cpm: 4000 } as const;
// CPC 8: a customer costs 8 × pClick (0: 4, 1: 2, 3: 1, 5: 6, 2: 4, 7: 8, 4: 2, 6: 0) and their ROI is
// pConvert × orderValue / 8 − 1 (row 3: 64 / 8 − 1 = 7).
const CPC8 = { kind: "cpc", cpc: 8 } as const;

describe("audience by size", () => {
  it("takes the top N by EV, ties by row, with totals, cost and ROI", () => {
    // Rows 0, 1, 3, 5: EV 10 + 10 + 8 + 6 = 34 over 4 impressions costing 16: ROI 34 / 16 − 1 = 1.125.
    const a = audienceBySize(SHOP, 4, { cost: CPM4 });
    expect(Array.from(a.rows)).toEqual([0, 1, 3, 5]);
    expect(a).toMatchObject({
      size: 4,
      expectedImpressions: 4,
      expectedClicks: 1.625,
      expectedConversions: 0.59375,
      expectedRevenue: 34,
      expectedCost: 16,
      expectedRoi: 1.125,
      marginalRoi: 0.5,
    });
  });

  it("costs clicks × CPC and counts several impressions per customer", () => {
    // Rows 0, 1, 3: clicks 0.875, cost 0.875 × 8 = 7, EV 28: ROI 3; row 3's own ROI is 7.
    expect(audienceBySize(SHOP, 3, { cost: CPC8 })).toMatchObject({ expectedClicks: 0.875, expectedCost: 7, expectedRevenue: 28, expectedRoi: 3, marginalRoi: 7 });
    // Twice each: everything doubles but the ROIs.
    expect(audienceBySize(SHOP, 3, { cost: CPC8, impressionsPerCustomer: 2 })).toMatchObject({ expectedImpressions: 6, expectedClicks: 1.75, expectedCost: 14, expectedRevenue: 56, expectedRoi: 3, marginalRoi: 7 });
  });

  it("ranks by clicks or conversions or a score of one's own, and stops at everyone", () => {
    expect(Array.from(audienceBySize(SHOP, 3, { rankBy: "clicks" }).rows)).toEqual([7, 5, 0]);
    // Conversions 0.25, then 0.125 three times (rows 1, 2, 3 in row order).
    expect(Array.from(audienceBySize(SHOP, 3, { rankBy: "conversions" }).rows)).toEqual([0, 1, 2]);
    expect(Array.from(audienceBySize(SHOP, 2, { rankBy: Float64Array.from([0, 0, 0, 0, 0, 0, 9, 3]) }).rows)).toEqual([6, 7]);
    expect(audienceBySize(SHOP, 100).size).toBe(8);
  });

  it("gives no cost and no ROI without a price, and an empty audience for size 0", () => {
    expect(audienceBySize(SHOP, 2)).toMatchObject({ expectedRevenue: 20, expectedCost: null, expectedRoi: null, marginalRoi: null });
    expect(audienceBySize(SHOP, 0, { cost: CPM4 })).toMatchObject({ size: 0, expectedRevenue: 0, expectedCost: 0, expectedRoi: null, marginalRoi: null });
  });

  it("refuses a size, ranking or price it cannot use", () => {
    expect(() => audienceBySize(SHOP, 2.5)).toThrow("audienceBySize: size is 2.5; it must be a whole number >= 0");
    expect(() => audienceBySize(SHOP, 2, { rankBy: new Float64Array(3) })).toThrow("the ranking has 3 entries but there are 8 customers");
    expect(() => audienceBySize(SHOP, 2, { rankBy: Float64Array.from([0, 0, Number.NaN, 0, 0, 0, 0, 0]) })).toThrow("ranking[2] is NaN; ranking values must be finite");
    expect(() => audienceBySize(SHOP, 2, { cost: { kind: "cpc", cpc: -1 } })).toThrow("cpc is -1; a price must be finite and >= 0");
  });
});

describe("audience by score", () => {
  it("takes everyone with pClick at or above the threshold, highest first", () => {
    // pClick ≥ 0.5: rows 7 (1), 5 (0.75), 0 and 2 (0.5); EV 2 + 6 + 10 + 4 = 22.
    const a = audienceByScore(SHOP, { on: "pClick", threshold: 0.5 });
    expect(Array.from(a.rows)).toEqual([7, 5, 0, 2]);
    expect(a).toMatchObject({ expectedClicks: 2.75, expectedRevenue: 22 });
  });

  it("takes everyone with EV at or above the threshold, or no one", () => {
    expect(Array.from(audienceByScore(SHOP, { on: "ev", threshold: 6 }, { cost: CPM4 }).rows)).toEqual([0, 1, 3, 5]);
    expect(audienceByScore(SHOP, { on: "ev", threshold: 6 }, { cost: CPM4 }).marginalRoi).toBe(0.5);
    expect(audienceByScore(SHOP, { on: "ev", threshold: 11 }).size).toBe(0);
    expect(() => audienceByScore(SHOP, { on: "ev", threshold: Number.NaN })).toThrow("audienceByScore: threshold is NaN; give a number");
  });
});

describe("audience by budget", () => {
  it("leaves out the customer that would take the cost over the budget", () => {
    // 4 a customer: three cost 12, the fourth would make 16 > 15.99.
    const a = audienceByBudget(SHOP, { cost: CPM4, budget: 15.99 });
    expect(Array.from(a.rows)).toEqual([0, 1, 3]);
    // EV 28 for 12: ROI 28 / 12 − 1 = 4/3; the last customer (row 3) earns 8 / 4 − 1 = 1.
    expect(a).toMatchObject({ size: 3, expectedCost: 12, expectedRevenue: 28, marginalRoi: 1, limitedBy: "budget" });
    expect(a.expectedRoi).toBeCloseTo(4 / 3, 12);
  });

  it("takes the customer that fits the budget exactly, float drift or not", () => {
    expect(audienceByBudget(SHOP, { cost: CPM4, budget: 16 })).toMatchObject({ size: 4, expectedCost: 16, expectedRoi: 1.125, marginalRoi: 0.5 });
    // 0.01 + 0.01 + 0.01 = 0.030000000000000002 in floating point, yet three fit 0.03.
    expect(audienceByBudget(SHOP, { cost: { kind: "cpm", cpm: 10 }, budget: 0.03 }).size).toBe(3);
  });

  it("walks in EV order without skipping ahead to cheaper customers", () => {
    // CPC 8: rows 0, 1, 3 cost 4 + 2 + 1 = 7; row 5 (6) would make 13 > 10. Row 4 (cost 2) would still fit, but
    // it ranks below row 5, and the audience stays the top of the ranking.
    const a = audienceByBudget(SHOP, { cost: CPC8, budget: 10 });
    expect(Array.from(a.rows)).toEqual([0, 1, 3]);
    expect(a).toMatchObject({ expectedCost: 7, expectedRoi: 3, limitedBy: "budget" });
  });

  it("stops at the first customer below the ROI floor", () => {
    const a = audienceByBudget(SHOP, { cost: CPM4, budget: 1000, roiFloor: 0.5 });
    // Row 5's ROI 0.5 is not below 0.5; row 2's 0 is.
    expect(Array.from(a.rows)).toEqual([0, 1, 3, 5]);
    expect(a).toMatchObject({ limitedBy: "roiFloor", marginalRoi: 0.5 });
    expect(audienceByBudget(SHOP, { cost: CPM4, budget: 1000, roiFloor: 0.6 }).size).toBe(3);
  });

  it("takes everyone when the budget covers all, and no one for a budget of 0", () => {
    // 8 × 4 = 32 for EV 41.
    expect(audienceByBudget(SHOP, { cost: CPM4, budget: 1000 })).toMatchObject({ size: 8, expectedCost: 32, expectedRevenue: 41, marginalRoi: -1, limitedBy: "customers" });
    const none = audienceByBudget(SHOP, { cost: CPC8, budget: 0 });
    expect(Array.from(none.rows)).toEqual([]);
    expect(none).toMatchObject({ size: 0, expectedImpressions: 0, expectedRevenue: 0, expectedCost: 0, expectedRoi: null, marginalRoi: null, limitedBy: "budget" });
  });

  it("names the budget, floor or impressions it refuses", () => {
    expect(() => audienceByBudget(SHOP, { cost: CPM4, budget: -5 })).toThrow("audienceByBudget: budget is -5; it must be finite and >= 0");
    expect(() => audienceByBudget(SHOP, { cost: CPM4, budget: Number.NaN })).toThrow("budget is NaN");
    expect(() => audienceByBudget(SHOP, { cost: CPM4, budget: 5, roiFloor: Number.NaN })).toThrow("roiFloor is NaN; give a finite number (0.2 = 20%)");
    expect(() => audienceByBudget(SHOP, { cost: CPM4, budget: 5, impressionsPerCustomer: -1 })).toThrow("impressionsPerCustomer is -1");
    expect(() => audienceByBudget(SHOP, { cost: { kind: "cpm", cpm: Number.POSITIVE_INFINITY }, budget: 5 })).toThrow("cpm is Infinity; a price must be finite and >= 0");
  });
});
