import { describe, expect, it } from "vitest";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows } from "./csr";
import { historyOf, recommend } from "./recommend";
import type { UserHistory } from "./types";
import { userKnn } from "./user-knn";

const history = (items: number[]): UserHistory => ({ items: Int32Array.from(items), values: new Float32Array(items.length).fill(1) });
const scoresOf = (model: ReturnType<typeof userKnn.fit>, user: number, h: UserHistory) => {
  const out = new Float32Array(model.items);
  userKnn.score(model, user, h, out);
  return Array.from(out);
};

// Users u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 3}, u3 {3}; norms √2, √3, √2, 1.
// u0·u1 = 2, u0·u2 = 1, u0·u3 = 0, so s01 = 2/√6 ≈ 0.8165, s02 = 1/2, and u3 is no neighbour of u0.
const matrix = csrFromRows(4, [[0, 1], [0, 1, 2], [1, 3], [3]]);
const s01 = 2 / Math.sqrt(6);

describe("user-knn", () => {
  describe("with 3 neighbours", () => runRecommenderContract(userKnn, { fitOptions: { neighbours: 3 } }));
  describe("with the defaults", () => runRecommenderContract(userKnn));

  it("scores by the neighbours' similarity-weighted items", () => {
    const model = userKnn.fit({ matrix });
    // Item 0: u1; item 1: u1 + u2; item 2: u1; item 3: u2.
    expect(scoresOf(model, 0, historyOf(matrix, 0))).toEqual([s01, s01 + 0.5, s01, 0.5].map(Math.fround));
    const r = recommend(userKnn, model, 0, historyOf(matrix, 0), { n: 2 });
    expect(Array.from(r.items)).toEqual([2, 3]);
    expect(r.reasons).toEqual([
      { kind: "similar-customers", customers: 1, neighbours: 2 },
      { kind: "similar-customers", customers: 1, neighbours: 2 },
    ]);
  });

  it("keeps only the most similar neighbours", () => {
    const model = userKnn.fit({ matrix }, { neighbours: 1 });
    // Item 3 is not the neighbour's: no evidence, -Infinity.
    expect(scoresOf(model, 0, historyOf(matrix, 0))).toEqual([s01, s01, s01, -Infinity].map(Math.fround));
  });

  it("finds neighbours on the fly for a new user", () => {
    const model = userKnn.fit({ matrix });
    // History {3} against u2 (1/√2) and u3 (1/1): item 1 ← u2, item 3 ← u2 + u3.
    expect(scoresOf(model, -1, history([3]))).toEqual([-Infinity, Math.SQRT1_2, -Infinity, 1 + Math.SQRT1_2].map(Math.fround));
    const r = recommend(userKnn, model, 99, history([3]), { n: 3 });
    // Items no neighbour has are never filler: the list stops at what has evidence.
    expect(Array.from(r.items)).toEqual([1]);
    expect(r.reasons[0]).toEqual({ kind: "similar-customers", customers: 1, neighbours: 2 });
  });

  it("finds them again, leaving the user out, when the user's history has changed", () => {
    const model = userKnn.fit({ matrix });
    // u3 now has {0, 3} (norm √2): u0 1/2, u1 1/√6, u2 1/2 — not its stored neighbour list (u2 alone).
    const s = 1 / Math.sqrt(6);
    expect(scoresOf(model, 3, history([0, 3]))).toEqual([0.5 + s, 0.5 + s + 0.5, s, 0.5].map(Math.fround));
  });

  it("shrinks similarities resting on few items", () => {
    const model = userKnn.fit({ matrix }, { shrinkage: 1, neighbours: 1 });
    // s01 = 2 / (√6 + 1), still u0's nearest.
    expect(scoresOf(model, 0, historyOf(matrix, 0))[2]).toBe(Math.fround(2 / (Math.sqrt(6) + 1)));
  });

  it("has nothing to say about an item no neighbour has", () => {
    const model = userKnn.fit({ matrix });
    expect(userKnn.explain(model, 3, historyOf(matrix, 3), 0)).toBeNull();
  });

  it("refuses bad options and mismatched models, naming the value", () => {
    expect(() => userKnn.fit({ matrix }, { neighbours: 0 })).toThrow("neighbours must be a whole number of at least 1, got 0");
    expect(() => userKnn.fit({ matrix }, { shrinkage: Number.POSITIVE_INFINITY })).toThrow("shrinkage must be a finite number of at least 0, got Infinity");
    const json = userKnn.toJSON(userKnn.fit({ matrix })) as Record<string, unknown>;
    expect(() => userKnn.fromJSON({ ...json, users: 5 })).toThrow("user-knn.matrix: expected 5 × 4, got 4 × 4");
    expect(() => userKnn.fromJSON({ ...json, matrix: null })).toThrow(RangeError);
  });
});
