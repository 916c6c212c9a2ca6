import { describe, expect, it } from "vitest";
import { DAY_MS } from "../time";
import { rowIndices, rowValues } from "./csr";
import { buildInteractions, type EventRows } from "./interactions";

const T = Date.UTC(2026, 0, 31);

function rows(list: [number, number, string, number, number?][]): EventRows {
  const types = [...new Set(list.map((r) => r[2]))];
  return {
    user: Int32Array.from(list, (r) => r[0]),
    item: Int32Array.from(list, (r) => r[1]),
    type: Uint8Array.from(list, (r) => types.indexOf(r[2])),
    time: Float64Array.from(list, (r) => r[3]),
    rating: Float32Array.from(list, (r) => r[4] ?? Number.NaN),
    types,
  };
}

describe("interactions", () => {
  const events = rows([
    [0, 0, "purchase", T],
    [0, 0, "view", T],
    [0, 1, "view", T - 10 * DAY_MS],
    [1, 2, "rating", T, 5],
    [1, 0, "rating", T, 2],
    [1, 1, "wishlist", T],
  ]);

  it("sums weighted events per user and item, ignoring types without a weight", () => {
    const { matrix, log } = buildInteractions(events, 2, 3, { weights: { purchase: 5, view: 0.5, rating: 1 } });
    expect(Array.from(rowIndices(matrix, 0))).toEqual([0, 1]);
    expect(Array.from(rowValues(matrix, 0))).toEqual([5.5, 0.5]);
    // Ratings as given: 5 and 2; the wishlist row has no weight and is dropped.
    expect(Array.from(rowIndices(matrix, 1))).toEqual([0, 2]);
    expect(Array.from(rowValues(matrix, 1))).toEqual([2, 5]);
    expect(log!.user.length).toBe(5);
    expect(Array.from(log!.isPurchase!)).toEqual([1, 0, 0, 0, 0]);
  });

  it("binarises ratings at the threshold and halves weight every half-life", () => {
    const { matrix } = buildInteractions(events, 2, 3, { weights: { purchase: 5, view: 0.5, rating: 1 }, ratings: "binary", ratingThreshold: 4, halfLifeDays: 10, asOf: T });
    expect(Array.from(rowValues(matrix, 0))).toEqual([5.5, 0.25]);
    expect(Array.from(rowIndices(matrix, 1))).toEqual([2]);
    expect(Array.from(rowValues(matrix, 1))).toEqual([1]);
  });

  it("refuses a negative weight or half-life, naming it", () => {
    expect(() => buildInteractions(events, 2, 3, { weights: { view: -1 } })).toThrow('the weight of "view" must be a number ≥ 0, got -1');
    expect(() => buildInteractions(events, 2, 3, { weights: { view: 1 }, halfLifeDays: 0 })).toThrow("halfLifeDays must be more than 0, got 0");
  });
});
