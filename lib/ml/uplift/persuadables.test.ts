import { describe, expect, it } from "vitest";
import { persuadableAudience, RESPONSE_SEGMENTS, segmentByResponse } from "./persuadables";

const f64 = (a: number[]) => Float64Array.from(a);

describe("persuadable audience", () => {
  const uplift = f64([0.05, -0.1, 0.2, 0, 0.2, 0.01, -0.3, 0.15]);

  it("keeps rows with positive uplift, highest first, ties by row index", () => {
    expect(Array.from(persuadableAudience(uplift))).toEqual([2, 4, 7, 0, 5]);
  });

  it("applies minUplift (strictly above) and topShare (⌊share·n⌋ rows) together", () => {
    expect(Array.from(persuadableAudience(uplift, { minUplift: 0.05 }))).toEqual([2, 4, 7]);
    expect(Array.from(persuadableAudience(uplift, { topShare: 0.25 }))).toEqual([2, 4]);
    // The top 7 of 8 rows reach the negative ones; minUplift still stops at 0.
    expect(Array.from(persuadableAudience(uplift, { topShare: 0.9 }))).toEqual([2, 4, 7, 0, 5]);
    expect(Array.from(persuadableAudience(uplift, { minUplift: -0.2 }))).toEqual([2, 4, 7, 0, 5, 3, 1]);
  });

  it("names bad settings", () => {
    expect(() => persuadableAudience(uplift, { topShare: 0 })).toThrow("persuadableAudience: topShare must be in (0, 1], got 0");
    expect(() => persuadableAudience(uplift, { minUplift: NaN })).toThrow("persuadableAudience: minUplift must be a finite number, got NaN");
    expect(() => persuadableAudience(f64([0.1, Infinity]))).toThrow("persuadableAudience: uplift[1] is Infinity");
  });
});

describe("segments by response", () => {
  // Uplift 0.25, 0.01, −0.005, −0.2, 0.06; threshold 0.05; baseline 0.3 for the no-effect rows.
  const pTreated = f64([0.3, 0.61, 0.045, 0.2, 0.5]);
  const pControl = f64([0.05, 0.6, 0.05, 0.4, 0.44]);

  it("names the four quadrants", () => {
    const r = segmentByResponse(pTreated, pControl, { threshold: 0.05, baseline: 0.3 });
    expect(Array.from(r.segments, (s) => RESPONSE_SEGMENTS[s])).toEqual(["persuadable", "sure-thing", "lost-cause", "sleeping-dog", "persuadable"]);
    expect(r.counts).toEqual({ persuadable: 2, "sure-thing": 1, "lost-cause": 1, "sleeping-dog": 1 });
  });

  it("takes the mean holdout probability as the default baseline", () => {
    const r = segmentByResponse(pTreated, pControl, { threshold: 0.05 });
    expect(r.baseline).toBeCloseTo(0.308, 12);
    expect(RESPONSE_SEGMENTS[r.segments[1]!]).toBe("sure-thing");
  });

  it("names bad inputs", () => {
    expect(() => segmentByResponse(pTreated, pControl.subarray(1), { threshold: 0.05 })).toThrow("segmentByResponse: pTreated has 5 values but pControl has 4");
    expect(() => segmentByResponse(pTreated, pControl, { threshold: 0 })).toThrow("segmentByResponse: threshold must be between 0 and 1, got 0");
    expect(() => segmentByResponse(f64([1.2]), f64([0.1]), { threshold: 0.1 })).toThrow("segmentByResponse: pTreated[0] is 1.2; probabilities must lie in [0, 1]");
  });
});
