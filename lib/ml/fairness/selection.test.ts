import { describe, expect, it } from "vitest";
import { applyCut, checkScores } from "./selection";
import { scores } from "./test-table";

const picked = (selected: Uint8Array) => Array.from(selected.entries()).flatMap(([i, s]) => (s ? [i] : []));

describe("applyCut", () => {
  it("takes the top share by score, breaking the tie at the cut by row index", () => {
    // 20 rows × 0.25 = 5: rows 0–2 score above 0.80, rows 3, 4 and 5 tie at 0.80 and only 3 and 4 fit.
    const { selected, cut } = applyCut(scores, { topShare: 0.25 });
    expect(picked(selected)).toEqual([0, 1, 2, 3, 4]);
    expect(cut).toEqual({ kind: "topShare", topShare: 0.25, threshold: null, rows: 20, selected: 5, lowestSelectedScore: 0.8 });
  });

  it("takes every score at or above a threshold, the threshold itself included", () => {
    // Scores ≥ 0.5: rows 0–10 (row 10 scores exactly 0.5).
    const { selected, cut } = applyCut(scores, { threshold: 0.5 });
    expect(picked(selected)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cut).toEqual({ kind: "threshold", topShare: null, threshold: 0.5, rows: 20, selected: 11, lowestSelectedScore: 0.5 });
  });

  it("rounds the share to whole rows, and selects in row order when every score ties", () => {
    expect(picked(applyCut(Float64Array.from([0.5, 0.5, 0.5, 0.5]), { topShare: 0.5 }).selected)).toEqual([0, 1]);
    // 15 × 0.1 = 1.5 rounds to 2; 20 × 0.01 = 0.2 rounds to none.
    expect(applyCut(new Float64Array(15).fill(0.3), { topShare: 0.1 }).cut.selected).toBe(2);
    expect(applyCut(scores, { topShare: 0.01 }).cut).toMatchObject({ selected: 0, lowestSelectedScore: null });
    expect(applyCut(scores, { topShare: 1 }).cut.selected).toBe(20);
    expect(applyCut(scores, { threshold: 0.99 }).cut).toMatchObject({ selected: 0, lowestSelectedScore: null });
  });

  it("refuses cuts and scores it cannot apply, naming the value", () => {
    expect(() => applyCut(scores, { topShare: 0 })).toThrow("the cut's topShare must be above 0 and at most 1, got 0");
    expect(() => applyCut(scores, { topShare: 1.5 })).toThrow("got 1.5");
    expect(() => applyCut(scores, { threshold: Number.NaN })).toThrow("the cut's threshold must be a finite number, got NaN");
    expect(() => applyCut(scores, {} as never)).toThrow("a cut is { topShare } or { threshold }, got {}");
    expect(() => checkScores(Float64Array.from([0.2, Number.NaN]))).toThrow("scores must be probabilities between 0 and 1, got NaN at row 1");
    expect(() => checkScores(Float64Array.from([1.2]))).toThrow("got 1.2 at row 0");
    expect(() => checkScores(new Float64Array(0))).toThrow("at least one scored row");
  });
});
