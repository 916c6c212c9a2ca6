import { describe, expect, it } from "vitest";
import { encodeGroups, measureGroups } from "./group-metrics";
import { applyCut } from "./selection";
import { groups, labels, scores } from "./test-table";
import type { GroupMetrics } from "./types";

// The table (./test-table.ts), by group:
//   gender M  rows 0 1 3 6 8 10 12 14 16 19 (10): positives 0 1 3 12 (4), scores sum 5.40
//   gender F  rows 2 4 5 7 9 11 13 15 17    (9):  positives 5 7 9 17 (4), scores sum 4.85
//   gender ?  row 18: score 0.10, label 0
//   band young rows 0 2 3 5 7 8 11 12 15 16 18 (11): positives 0 3 5 7 12 (5), scores sum 6.05
//   band old   rows 1 4 6 9 10 13 14 17        (8):  positives 1 9 17 (3),      scores sum 4.25
//   band ?     row 19: score 0.05, label 0
//   M × young 0 3 8 12 16, F × young 2 5 7 11 15 (5 each); M × old 1 6 10 14, F × old 4 9 13 17 (4 each)
const measure = (cut: { topShare: number } | { threshold: number }, minGroupSize = 5, withLabels = true) =>
  measureGroups({ scores, labels: withLabels ? labels : null, selected: applyCut(scores, cut).selected, attributes: encodeGroups(groups, true), minGroupSize });
const find = (all: GroupMetrics[], attribute: string, value: string) => all.find((g) => g.attribute === attribute && g.value === value);
const untested = { test: null, pValue: null, adjustedPValue: null };

describe("measureGroups at the top 25% (rows 0–4 selected)", () => {
  const all = measure({ topShare: 0.25 });

  it("lists the attributes' groups, the unknowns last, then the sized intersections", () => {
    expect(all.map((g) => `${g.attribute}: ${g.value}`)).toEqual([
      "gender: F",
      "gender: M",
      "gender: unknown",
      "band: old",
      "band: young",
      "band: unknown",
      "gender × band: F × young",
      "gender × band: M × young",
    ]);
  });

  it("gives gender's rates by hand", () => {
    // M: selected 0 1 3 → 3/10; TPR 3 of 4 positives; FPR 0 of 6 negatives; mean 0.54, observed 0.4.
    expect(find(all, "gender", "M")).toEqual({
      attribute: "gender", value: "M", intersection: false, unknown: false, count: 10, selected: 3, selectionRate: 0.3,
      ratioToHighest: 1, isHighest: true, positives: 4, truePositiveRate: 0.75, falsePositiveRate: 0,
      meanScore: expect.closeTo(0.54, 12), positiveRate: 0.4, calibrationGap: expect.closeTo(0.14, 12), tooSmall: false, ...untested,
    });
    // F: selected 2 4 (both negatives) → 2/9, 2/9 ÷ 3/10 = 0.741; TPR 0/4; FPR 2/5; mean 4.85/9, observed 4/9.
    expect(find(all, "gender", "F")).toEqual({
      attribute: "gender", value: "F", intersection: false, unknown: false, count: 9, selected: 2, selectionRate: 2 / 9,
      ratioToHighest: expect.closeTo(20 / 27, 12), isHighest: false, positives: 4, truePositiveRate: 0, falsePositiveRate: 0.4,
      meanScore: expect.closeTo(4.85 / 9, 12), positiveRate: 4 / 9, calibrationGap: expect.closeTo(0.85 / 9, 12), tooSmall: false, ...untested,
    });
    // The unknown row: not selected, no positives (TPR null), one negative not selected (FPR 0); too small.
    expect(find(all, "gender", "unknown")).toMatchObject({ unknown: true, count: 1, selected: 0, selectionRate: 0, ratioToHighest: 0, isHighest: false, truePositiveRate: null, falsePositiveRate: 0, tooSmall: true });
  });

  it("gives band's rates by hand", () => {
    // young: selected 0 2 3 → 3/11, the highest; TPR 0 3 of 5 positives = 0.4; FPR row 2 of 6 negatives.
    expect(find(all, "band", "young")).toMatchObject({ count: 11, selected: 3, selectionRate: 3 / 11, ratioToHighest: 1, isHighest: true, truePositiveRate: 0.4, falsePositiveRate: 1 / 6, positiveRate: 5 / 11 });
    expect(find(all, "band", "young")!.meanScore).toBeCloseTo(0.55, 12);
    // old: selected 1 4 → 2/8, ratio (1/4) ÷ (3/11) = 11/12; TPR row 1 of 3 positives; FPR row 4 of 5 negatives.
    expect(find(all, "band", "old")).toMatchObject({ count: 8, selected: 2, selectionRate: 0.25, truePositiveRate: 1 / 3, falsePositiveRate: 0.2, positiveRate: 0.375 });
    expect(find(all, "band", "old")!.ratioToHighest).toBeCloseTo(11 / 12, 12);
    expect(find(all, "band", "old")!.calibrationGap).toBeCloseTo(4.25 / 8 - 0.375, 12);
  });

  it("keeps only the intersections of at least minGroupSize rows, unknowns left out", () => {
    // M × young: selected 0 3 → 2/5; positives 0 3 12 (2 selected), negatives 8 16 (none).
    expect(find(all, "gender × band", "M × young")).toMatchObject({ intersection: true, count: 5, selectionRate: 0.4, isHighest: true, truePositiveRate: 2 / 3, falsePositiveRate: 0 });
    // F × young: selected 2 → 1/5, half M × young's; positives 5 7 (none selected), negatives 2 11 15 (row 2).
    expect(find(all, "gender × band", "F × young")).toMatchObject({ count: 5, selectionRate: 0.2, ratioToHighest: 0.5, truePositiveRate: 0, falsePositiveRate: 1 / 3 });
    // With minGroupSize 4 the two old intersections (4 rows each) appear too; with 6 none does.
    expect(measure({ topShare: 0.25 }, 4).filter((g) => g.intersection)).toHaveLength(4);
    expect(measure({ topShare: 0.25 }, 6).filter((g) => g.intersection)).toHaveLength(0);
  });

  it("marks groups under minGroupSize and takes the highest among sized groups only", () => {
    // minGroupSize 10: F (9) and band old (8) are too small; M and young stay the references.
    const big = measure({ topShare: 0.25 }, 10);
    expect(find(big, "gender", "F")).toMatchObject({ tooSmall: true, isHighest: false, ratioToHighest: expect.closeTo(20 / 27, 12) });
    expect(find(big, "gender", "M")).toMatchObject({ tooSmall: false, isHighest: true });
    // minGroupSize 11: only young is sized in band, so old's ratio is against young; gender has no sized group.
    const bigger = measure({ topShare: 0.25 }, 11);
    expect(find(bigger, "gender", "M")).toMatchObject({ tooSmall: true, isHighest: false, ratioToHighest: null });
    expect(find(bigger, "band", "young")).toMatchObject({ tooSmall: false, isHighest: true });
  });
});

describe("measureGroups at a 0.5 threshold (rows 0–10 selected)", () => {
  it("gives the rates by hand", () => {
    const all = measure({ threshold: 0.5 });
    // M: 0 1 3 6 8 10 → 6/10; TPR 0 1 3 of 4; FPR 6 8 10 of 6 negatives.
    expect(find(all, "gender", "M")).toMatchObject({ selected: 6, selectionRate: 0.6, isHighest: true, truePositiveRate: 0.75, falsePositiveRate: 0.5 });
    // F: 2 4 5 7 9 → 5/9, ratio (5/9) ÷ 0.6 = 0.926; TPR 5 7 9 of 4; FPR 2 4 of 5.
    expect(find(all, "gender", "F")).toMatchObject({ selected: 5, selectionRate: 5 / 9, truePositiveRate: 0.75, falsePositiveRate: 0.4 });
    expect(find(all, "gender", "F")!.ratioToHighest).toBeCloseTo(25 / 27, 12);
  });

  it("leaves every outcome-based figure null without labels", () => {
    const g = find(measure({ threshold: 0.5 }, 5, false), "gender", "F")!;
    expect(g).toMatchObject({ positives: null, truePositiveRate: null, falsePositiveRate: null, positiveRate: null, calibrationGap: null, selectionRate: 5 / 9 });
  });
});

describe("encodeGroups", () => {
  it("treats null and the literal \"unknown\" as one unknown group", () => {
    const [a] = encodeGroups([{ name: "job", values: ["admin", null, "unknown", "admin", "blue-collar"] }], false);
    expect(a!.levels).toEqual(["admin", "blue-collar"]);
    expect(Array.from(a!.codes)).toEqual([0, -1, -1, 0, 1]);
  });
});
