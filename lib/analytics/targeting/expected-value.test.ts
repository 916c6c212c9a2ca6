import { describe, expect, it } from "vitest";
import { expectedValues, selectionTotals } from "./expected-value";
import { SHOP } from "./fixtures";

describe("expected values per impression", () => {
  it("gives clicks = pClick, conversions = pClick × pConvert and EV = conversions × order value", () => {
    const v = expectedValues(SHOP);
    expect(Array.from(v.clicks)).toEqual([0.5, 0.25, 0.5, 0.125, 0.25, 0.75, 0, 1]);
    expect(Array.from(v.conversions)).toEqual([0.25, 0.125, 0.125, 0.125, 0.0625, 0.09375, 0, 0.0625]);
    expect(Array.from(v.ev)).toEqual([10, 10, 4, 8, 1, 6, 0, 2]);
  });

  it("totals everyone, a list of rows or a mask, times the impressions per customer", () => {
    const v = expectedValues(SHOP);
    expect(selectionTotals(v)).toEqual({ customers: 8, impressions: 8, clicks: 3.375, conversions: 0.84375, revenue: 41 });
    // Rows 3 and 5: clicks 0.125 + 0.75, conversions 0.125 + 0.09375, EV 8 + 6.
    expect(selectionTotals(v, Int32Array.from([3, 5]))).toEqual({ customers: 2, impressions: 2, clicks: 0.875, conversions: 0.21875, revenue: 14 });
    // Rows 0, 1, 7 shown twice each: clicks 2 × 1.75, conversions 2 × 0.4375, EV 2 × 22.
    const mask = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 1]);
    expect(selectionTotals(v, mask, 2)).toEqual({ customers: 3, impressions: 6, clicks: 3.5, conversions: 0.875, revenue: 44 });
    expect(selectionTotals(v, new Int32Array(0))).toEqual({ customers: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0 });
  });

  it("names the array, the row and the value it refuses", () => {
    const bad = (over: Partial<typeof SHOP>) => () => expectedValues({ ...SHOP, ...over });
    expect(bad({ pConvert: Float64Array.from([0.5]) })).toThrow(
      "expectedValues: the inputs have mismatched lengths (pClick 8, pConvert 1, orderValue 8, segment 8); give one entry per customer",
    );
    expect(bad({ segment: ["A"] })).toThrow("(pClick 8, pConvert 8, orderValue 8, segment 1)");
    expect(bad({ pClick: Float64Array.from([0.5, Number.NaN, 0, 0, 0, 0, 0, 0]) })).toThrow("expectedValues: pClick[1] is NaN; probabilities must lie in [0, 1]");
    expect(bad({ pConvert: Float64Array.from([0, 0, 1.5, 0, 0, 0, 0, 0]) })).toThrow("pConvert[2] is 1.5; probabilities must lie in [0, 1]");
    expect(bad({ orderValue: Float64Array.from([1, 1, 1, -3, 1, 1, 1, 1]) })).toThrow("orderValue[3] is -3; order values must be finite and >= 0");
  });

  it("refuses a selection that does not fit the customers", () => {
    const v = expectedValues(SHOP);
    expect(() => selectionTotals(v, Int32Array.from([2, 8]))).toThrow("selectionTotals: rows[1] is 8; rows must lie in 0..7");
    expect(() => selectionTotals(v, Int32Array.from([2, 5, 2]))).toThrow("selectionTotals: row 2 is listed twice (at rows[2])");
    expect(() => selectionTotals(v, new Uint8Array(3))).toThrow("selectionTotals: the mask has 3 entries but there are 8 customers");
    expect(() => selectionTotals(v, Uint8Array.from([0, 2, 0, 0, 0, 0, 0, 0]))).toThrow("mask[1] is 2; a mask holds 0 or 1");
    expect(() => selectionTotals(v, undefined, 0)).toThrow("impressionsPerCustomer is 0; it must be a finite number above 0");
  });
});
