import { describe, expect, it } from "vitest";
import { benjaminiHochbergAdjust, holmAdjust } from "./multiple-testing";
import { expectRel } from "./test-helpers";

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expectRel(a, expected[i]!, 1e-14));
};

describe("holmAdjust", () => {
  it("multiplies the k-th smallest by (m − k + 1) and keeps the order monotone (by hand)", () => {
    // sorted 0.01, 0.02, 0.04 → 3·0.01 = 0.03, 2·0.02 = 0.04, 1·0.04 = 0.04
    close(holmAdjust([0.04, 0.01, 0.02]), [0.04, 0.03, 0.04]);
    // 0.03·2 = 0.06 would fall below the running max 0.08 of 0.02·4... monotone: [0.08, 0.08]
    close(holmAdjust([0.02, 0.03, 0.5, 0.6]), [0.08, 0.09, 1, 1]);
  });

  it("matches statsmodels' multipletests(method='holm')", () => {
    // statsmodels 0.13.5: multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5], method="holm")[1]
    close(holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5]), [0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5]);
    // multipletests([0.0001, 0.012, 0.012, 0.3, 0.049, 1.0, 0.0], method="holm")[1]
    close(holmAdjust([0.0001, 0.012, 0.012, 0.3, 0.049, 1, 0]), [0.0006000000000000001, 0.06, 0.06, 0.6, 0.14700000000000002, 1, 0]);
  });
});

describe("benjaminiHochbergAdjust", () => {
  it("multiplies the k-th smallest by m/k and takes the running minimum from the top (by hand)", () => {
    // sorted 0.01, 0.02, 0.04 → 0.03, 0.03, 0.04
    close(benjaminiHochbergAdjust([0.04, 0.01, 0.02]), [0.04, 0.03, 0.03]);
  });

  it("matches statsmodels' multipletests(method='fdr_bh')", () => {
    // statsmodels 0.13.5: multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5], method="fdr_bh")[1]
    close(benjaminiHochbergAdjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5]), [0.035, 0.056, 0.056, 0.035, 0.23333333333333336, 0.056, 0.5]);
    // multipletests([0.0001, 0.012, 0.012, 0.3, 0.049, 1.0, 0.0], method="fdr_bh")[1]
    close(benjaminiHochbergAdjust([0.0001, 0.012, 0.012, 0.3, 0.049, 1, 0]), [0.00035000000000000005, 0.021, 0.021, 0.35000000000000003, 0.0686, 1, 0]);
  });
});

describe("both adjustments", () => {
  it("leave a single p-value alone and an empty list empty", () => {
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(benjaminiHochbergAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([])).toEqual([]);
  });

  it("refuse a p-value outside [0, 1]", () => {
    expect(() => holmAdjust([0.1, 1.5])).toThrow("p-value 1 must be between 0 and 1, got 1.5");
    expect(() => benjaminiHochbergAdjust([Number.NaN])).toThrow("p-value 0 must be between 0 and 1, got NaN");
  });
});
