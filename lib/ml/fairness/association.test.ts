import { describe, expect, it } from "vitest";
import { expectRel } from "../../stats/test-helpers";
import { cramersV, crossTabulate, quintileCodes } from "./association";
import { findProxies, measureAssociations } from "./proxy";

describe("cramersV", () => {
  it("gives the classic and the bias-corrected V of a 2×2 table by hand", () => {
    // [[10, 20], [30, 40]]: n 100, rows 30/70, columns 40/60, expected 12 18 28 42;
    // χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651, V = √(0.00793651) = 0.0890871.
    // scipy 1.17.1: scipy.stats.contingency.association([[10, 20], [30, 40]], method="cramer") = 0.0890870806374748.
    // Corrected: φ² − (1·1)/99 = 0.00794 − 0.01010 < 0, so 0.
    const v = cramersV([[10, 20], [30, 40]])!;
    expectRel(v.raw, 0.0890870806374748, 1e-12);
    expect(v.corrected).toBe(0);
    expect(v.rows).toBe(100);
  });

  it("gives the classic and the bias-corrected V of a 2×3 table by hand", () => {
    // [[20, 5, 5], [5, 10, 15]]: n 60, rows 30/30, columns 25/15/20, expected 12.5 7.5 10 in each row;
    // χ² = 2 (7.5²/12.5 + 2.5²/7.5 + 5²/10) = 15.6667, φ² = 0.261111, V = 0.510990.
    // scipy 1.17.1: association([[20, 5, 5], [5, 10, 15]], method="cramer") = 0.510990323891863.
    // Bergsma: φ̃² = 0.261111 − 2/59 = 0.227213; r̃ = 2 − 1/59, c̃ = 3 − 4/59; V = √(0.227213 / 0.983051) = 0.480760.
    const v = cramersV([[20, 5, 5], [5, 10, 15]])!;
    expectRel(v.raw, 0.510990323891863, 1e-12);
    expectRel(v.corrected, 0.480760094225003, 1e-12);
  });

  it("is null for a table with one row or column, and 1 for a perfect 2×2 association", () => {
    expect(cramersV([[3, 4]])).toBeNull();
    // [[50, 0], [0, 50]]: φ² = 1, φ̃² = 1 − 1/99, r̃ − 1 = c̃ − 1 = 1 − 1/99.
    expect(cramersV([[50, 0], [0, 50]])).toEqual({ raw: 1, corrected: 1, rows: 100 });
  });
});

describe("crossTabulate", () => {
  it("counts known pairs and drops empty rows and columns", () => {
    // x level 1 never occurs with a known y; y level 2 never occurs at all.
    const t = crossTabulate(Int32Array.from([0, 0, 2, 2, 1, -1]), Int32Array.from([0, 1, 1, 1, -1, 0]));
    expect(t).toEqual([[1, 1], [0, 2]]);
  });
});

describe("quintileCodes", () => {
  it("bins like pandas.qcut(x, 5, labels=False, duplicates='drop')", () => {
    // pandas 1.5.3 on each array:
    expect(Array.from(quintileCodes(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(Array.from(quintileCodes(Float64Array.from([0, 0, 0, 0, 0, 0, 1, 2, 3, 4])))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
    expect(Array.from(quintileCodes(Float64Array.from([5, 1, 3, 3, 3, 9, 2, 8, 3, 7, 6, 4])))).toEqual([2, 0, 0, 0, 0, 3, 0, 3, 0, 3, 2, 1]);
  });

  it("codes NaN as missing", () => {
    expect(Array.from(quintileCodes(Float64Array.from([Number.NaN, 1, Number.NaN])))).toEqual([-1, 0, -1]);
  });
});

describe("findProxies", () => {
  // 100 rows: band young for rows 0–49, old for 50–99; gender alternates F, M.
  const rows = Array.from({ length: 100 }, (_, i) => i);
  const groups = [
    { name: "band", values: rows.map((i) => (i < 50 ? "young" : "old")) },
    { name: "gender", values: rows.map((i) => (i % 2 === 0 ? "F" : "M")) },
  ];
  const income = { name: "income", kind: "numeric" as const, values: Float64Array.from(rows) };
  const channel = { name: "channel", kind: "categorical" as const, values: rows.map((i) => (i % 2 === 0 ? "web" : "shop")) };

  it("flags features whose bias-corrected V reaches the threshold, strongest first", () => {
    // channel is gender exactly: V = 1 (see the perfect 2×2 above).
    // income in quintiles of 20 against band: young [20, 20, 10, 0, 0], old [0, 0, 10, 20, 20];
    // every expected cell is 10, χ² = 8 · 10 = 80, φ² = 0.8, V = 0.894427;
    // Bergsma: (0.8 − 4/99) / (1 − 1/99) = 0.767347, V = 0.875983.
    // income against gender and channel against band are independent: V = 0.
    const proxies = findProxies([income, channel], groups);
    expect(proxies.map((p) => [p.feature, p.attribute])).toEqual([["channel", "gender"], ["income", "band"]]);
    expect(proxies[0]).toMatchObject({ cramersV: 1, cramersVRaw: 1, rows: 100 });
    expectRel(proxies[1]!.cramersV, Math.sqrt((0.8 - 4 / 99) / (1 - 1 / 99)), 1e-12);
    expectRel(proxies[1]!.cramersVRaw, Math.sqrt(0.8), 1e-12);
    expect(proxies[1]!.note).toBe(`"income" (in quintiles) is associated with band (bias-corrected Cramér's V 0.88 over 100 rows): a model using it may pick up band through it.`);
    expect(findProxies([income, channel], groups, 0.9).map((p) => p.feature)).toEqual(["channel"]);
  });

  it("leaves out rows where the feature or the attribute is missing", () => {
    const withGaps = { ...income, values: Float64Array.from(rows, (i) => (i < 10 ? Number.NaN : i)) };
    const partial = [{ name: "band", values: rows.map((i) => (i >= 90 ? null : i < 50 ? "young" : "old")) }];
    expect(measureAssociations([withGaps], partial)[0]).toMatchObject({ feature: "income", attribute: "band", rows: 80 });
    expect(measureAssociations([{ name: "one", kind: "categorical", values: rows.map(() => "x") }], partial)[0]).toMatchObject({ cramersV: null, cramersVRaw: null });
  });

  it("refuses a threshold outside (0, 1]", () => {
    expect(() => findProxies([income], groups, 0)).toThrow("the proxy threshold must be above 0 and at most 1, got 0");
  });
});
