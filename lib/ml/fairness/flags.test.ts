import { describe, expect, it } from "vitest";
import { expectRel } from "../../stats/test-helpers";
import { measureGaps, testGroups } from "./flags";
import { encodeGroups, measureGroups } from "./group-metrics";
import { applyCut } from "./selection";
import { blocks, groups, labels, scores } from "./test-table";

const options = { alpha: 0.05, ratioThreshold: 0.8 };

function measureBlocks(spec: Parameters<typeof blocks>[0], minGroupSize = 30) {
  const b = blocks(spec);
  const selected = applyCut(b.scores, { threshold: 0.5 }).selected;
  return measureGroups({ scores: b.scores, labels: null, selected, attributes: encodeGroups([{ name: "region", values: b.values }], false), minGroupSize });
}

describe("testGroups", () => {
  it("flags a ratio of 0.7 on large groups but not the same ratio on small ones", () => {
    // 14/40 vs 20/40 = 0.35 vs 0.5, ratio 0.7: pooled z p = 0.1748 (see significance.test.ts) — not flagged.
    const small = testGroups(measureBlocks([["a", 40, 20], ["b", 40, 14]]), options);
    expect(small.flags).toEqual([]);
    expect(small.groups.find((g) => g.value === "b")).toMatchObject({ ratioToHighest: 0.7, test: "z", pValue: expect.closeTo(0.17478317445653047, 12) });
    // 350/1000 vs 500/1000, the same ratio: p = 1.16e-11 — flagged.
    const large = testGroups(measureBlocks([["a", 1000, 500], ["b", 1000, 350]]), options);
    expect(large.flags).toEqual([
      { attribute: "region", value: "b", intersection: false, selectionRate: 0.35, ratioToHighest: 0.7, highestValue: "a", highestSelectionRate: 0.5, count: 1000, pValue: expect.closeTo(1.1611136377897591e-11, 20), adjustedPValue: expect.closeTo(1.1611136377897591e-11, 20), test: "z" },
    ]);
  });

  it("never flags a significant difference whose ratio is 0.8 or more, nor a group under minGroupSize", () => {
    // 4500/10000 vs 5000/10000: ratio 0.9, p tiny — a gap, but within the four-fifths rule.
    expect(testGroups(measureBlocks([["a", 10000, 5000], ["b", 10000, 4500]]), options).flags).toEqual([]);
    // 0/25 against 500/1000: ratio 0, but 25 < 30 rows, so untested.
    const r = testGroups(measureBlocks([["a", 1000, 500], ["b", 25, 0]]), options);
    expect(r.flags).toEqual([]);
    expect(r.groups.find((g) => g.value === "b")).toMatchObject({ tooSmall: true, ratioToHighest: 0, test: null, pValue: null });
  });

  it("Holm-adjusts over every comparison, whatever its ratio", () => {
    // north 45/120 is the highest; the z p-values against it (scipy, as in significance.test.ts):
    //   south 30/100 → 0.24258357934832098, east 14/40 → 0.7765528692712158, west 60/200 → 0.16656155721045296.
    // Holm: west 3 × 0.16656 = 0.49968; south 2 × 0.24258 = 0.48517, raised to 0.49968 to stay monotone;
    // east 1 × 0.77655.
    const r = testGroups(measureBlocks([["north", 120, 45], ["south", 100, 30], ["east", 40, 14], ["west", 200, 60]]), options);
    const by = (v: string) => r.groups.find((g) => g.value === v)!;
    expect(by("north")).toMatchObject({ isHighest: true, test: null, adjustedPValue: null });
    expectRel(by("south").pValue, 0.24258357934832098, 1e-12);
    expectRel(by("south").adjustedPValue, 3 * 0.16656155721045296, 1e-12);
    expectRel(by("west").adjustedPValue, 3 * 0.16656155721045296, 1e-12);
    expectRel(by("east").adjustedPValue, 0.7765528692712158, 1e-12);
  });

  it("tests the hand table's sized groups with Fisher's test, and flags none", () => {
    // At the top 25% with minGroupSize 5: F 2/9 vs M 3/10, band old 2/8 vs young 3/11, F × young 1/5 vs
    // M × young 2/5 — every one has an expected cell under 5. scipy.stats.fisher_exact([[2, 7], [3, 7]]),
    // ([[2, 6], [3, 8]]) and ([[1, 4], [2, 3]]) are all 1.0, so F's 0.74 and F × young's 0.5 stay unflagged.
    const measured = measureGroups({ scores, labels, selected: applyCut(scores, { topShare: 0.25 }).selected, attributes: encodeGroups(groups, true), minGroupSize: 5 });
    const r = testGroups(measured, options);
    expect(r.groups.filter((g) => g.test !== null).map((g) => [g.attribute, g.value, g.test, g.pValue, g.adjustedPValue])).toEqual([
      ["gender", "F", "fisher", 1, 1],
      ["band", "old", "fisher", 1, 1],
      ["gender × band", "F × young", "fisher", 1, 1],
    ]);
    expect(r.flags).toEqual([]);
  });

  it("refuses an alpha or a ratio outside (0, 1)", () => {
    expect(() => testGroups([], { alpha: 0, ratioThreshold: 0.8 })).toThrow("alpha must be strictly between 0 and 1, got 0");
    expect(() => testGroups([], { alpha: 0.05, ratioThreshold: 1.2 })).toThrow("ratioThreshold must be above 0 and at most 1, got 1.2");
  });
});

describe("measureGaps", () => {
  it("names the groups with the highest and lowest TPR and FPR, per attribute (hand table, top 25%)", () => {
    const measured = measureGroups({ scores, labels, selected: applyCut(scores, { topShare: 0.25 }).selected, attributes: encodeGroups(groups, true), minGroupSize: 5 });
    const gaps = measureGaps(measured);
    // gender: TPR M 3/4, F 0/4; FPR F 2/5, M 0/6. The unknown row (FPR 0) is not counted.
    expect(gaps[0]).toEqual({
      attribute: "gender",
      intersection: false,
      equalOpportunity: { gap: 0.75, highest: { value: "M", rate: 0.75 }, lowest: { value: "F", rate: 0 } },
      falsePositive: { gap: 0.4, highest: { value: "F", rate: 0.4 }, lowest: { value: "M", rate: 0 } },
    });
    // band: TPR young 2/5, old 1/3; FPR old 1/5, young 1/6.
    expect(gaps[1]!.equalOpportunity).toEqual({ gap: 0.4 - 1 / 3, highest: { value: "young", rate: 0.4 }, lowest: { value: "old", rate: 1 / 3 } });
    expect(gaps[1]!.falsePositive).toEqual({ gap: 0.2 - 1 / 6, highest: { value: "old", rate: 0.2 }, lowest: { value: "young", rate: 1 / 6 } });
    // gender × band: TPR M × young 2/3, F × young 0; FPR F × young 1/3, M × young 0.
    expect(gaps[2]).toMatchObject({ attribute: "gender × band", intersection: true, equalOpportunity: { gap: 2 / 3 }, falsePositive: { gap: 1 / 3 } });
  });

  it("has no gaps without labels or with a single sized group", () => {
    expect(measureGaps(measureBlocks([["a", 40, 20], ["b", 40, 14]]))).toEqual([{ attribute: "region", intersection: false, equalOpportunity: null, falsePositive: null }]);
  });
});
