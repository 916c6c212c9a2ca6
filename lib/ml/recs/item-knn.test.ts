import { describe, expect, it } from "vitest";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows, rowIndices, rowValues } from "./csr";
import { itemKnn } from "./item-knn";
import { historyOf, recommend } from "./recommend";
import type { UserHistory } from "./types";

const history = (items: number[], values = items.map(() => 1)): UserHistory => ({ items: Int32Array.from(items), values: Float32Array.from(values) });
const scoresOf = (model: ReturnType<typeof itemKnn.fit>, h: UserHistory) => {
  const out = new Float32Array(model.items);
  itemKnn.score(model, -1, h, out);
  return Array.from(out);
};

// Users {0, 1}, {0, 1, 2}, {1, 2}: item columns x0 = (1, 1, 0), x1 = (1, 1, 1), x2 = (0, 1, 1), norms √2, √3, √2.
// x0·x1 = 2, x0·x2 = 1, x1·x2 = 2, so S01 = S12 = 2/√6 ≈ 0.8165 and S02 = 1/(√2·√2) = 0.5.
const matrix = csrFromRows(3, [[0, 1], [0, 1, 2], [1, 2]]);
const S01 = 2 / Math.sqrt(6);

describe("item-knn", () => {
  describe("with 5 neighbours", () => runRecommenderContract(itemKnn, { fitOptions: { neighbours: 5 } }));
  describe("with the defaults", () => runRecommenderContract(itemKnn));

  it("scores by cosine similarity to the user's items, weighted by their values", () => {
    const model = itemKnn.fit({ matrix });
    // Item 0 is no neighbour of itself: no evidence, so -Infinity (never filler).
    expect(scoresOf(model, history([0]))).toEqual([-Infinity, S01, 0.5].map(Math.fround));
    expect(scoresOf(model, history([0], [2]))).toEqual([-Infinity, 2 * S01, 1].map(Math.fround));
    // User 0 has items 0 and 1: item 2 scores S02 + S12 = 0.5 + 0.8165, and the reason lists both, largest first.
    const r = recommend(itemKnn, model, 0, historyOf(matrix, 0), { n: 1 });
    expect(Array.from(r.items)).toEqual([2]);
    expect(r.scores[0]).toBeCloseTo(0.5 + S01, 6);
    expect(r.reasons[0]).toMatchObject({ kind: "because-items", items: [1, 0] });
    const weights = r.reasons[0]!.kind === "because-items" ? r.reasons[0]!.weights : [];
    expect(weights[0]).toBeCloseTo(S01, 6);
    expect(weights[1]).toBeCloseTo(0.5, 6);
  });

  it("keeps each item's largest similarities, ties to the lower item", () => {
    const model = itemKnn.fit({ matrix }, { neighbours: 1 });
    // Target 0 keeps item 1 (0.8165 over 0.5), target 2 keeps item 1, and target 1 ties 0 and 2 and keeps 0.
    expect([0, 1, 2].map((j) => Array.from(rowIndices(model.similar, j)))).toEqual([[1], [0], [1]]);
    // Item 2 is no target's kept neighbour, so it reaches nothing.
    expect(scoresOf(model, history([2]))).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(scoresOf(model, history([0]))).toEqual([-Infinity, Math.fround(S01), -Infinity]);
  });

  it("shrinks similarities resting on few users", () => {
    const model = itemKnn.fit({ matrix }, { shrinkage: 1 });
    // S01 = 2 / (√6 + 1) ≈ 0.5798, S02 = 1 / (2 + 1).
    expect(Array.from(rowValues(model.similar, 0))).toEqual([2 / (Math.sqrt(6) + 1), 1 / 3].map(Math.fround));
  });

  it("keeps a negative similarity only when fewer positive neighbours fill the list, as a full sorted column would", () => {
    // Users {0: 1, 1: 1} and {0: 1, 2: −1}: S10 = 1/√2, S20 = −1/√2, and S00 = 0 on the diagonal.
    const signed = csrFromRows(3, [[0, 1], [0, 2]], [[1, 1], [1, -1]]);
    expect(scoresOf(itemKnn.fit({ matrix: signed }, { neighbours: 2 }), history([2]))[0]).toBe(-Infinity);
    expect(scoresOf(itemKnn.fit({ matrix: signed }, { neighbours: 3 }), history([2]))[0]).toBeCloseTo(-Math.SQRT1_2, 6);
  });

  it("ignores items added to the catalogue after the fit", () => {
    expect(scoresOf(itemKnn.fit({ matrix }), history([0, 7]))).toEqual(scoresOf(itemKnn.fit({ matrix }), history([0])));
  });

  it("refuses bad options and mismatched models, naming the value", () => {
    expect(() => itemKnn.fit({ matrix }, { neighbours: 0 })).toThrow("neighbours must be a whole number of at least 1, got 0");
    expect(() => itemKnn.fit({ matrix }, { neighbours: 2.5 })).toThrow("neighbours must be a whole number of at least 1, got 2.5");
    expect(() => itemKnn.fit({ matrix }, { shrinkage: -1 })).toThrow("shrinkage must be a finite number of at least 0, got -1");
    const json = itemKnn.toJSON(itemKnn.fit({ matrix })) as Record<string, unknown>;
    expect(() => itemKnn.fromJSON({ ...json, items: 4 })).toThrow("item-knn.similar: expected 4 × 4, got 3 × 3");
    expect(() => itemKnn.fromJSON({ ...json, version: 2 })).toThrow("not a model of kind item-knn, version 1 (kind item-knn, version 2)");
  });
});
