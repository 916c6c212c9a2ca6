import { describe, expect, it } from "vitest";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows } from "./csr";
import { ease } from "./ease";
import { historyOf, recommend } from "./recommend";
import type { UserHistory } from "./types";

const history = (items: number[], values = items.map(() => 1)): UserHistory => ({ items: Int32Array.from(items), values: Float32Array.from(values) });
const scoresOf = (model: ReturnType<typeof ease.fit>, h: UserHistory) => {
  const out = new Float32Array(model.items);
  ease.score(model, -1, h, out);
  return Array.from(out);
};

describe("ease", () => {
  describe("with lambda 10", () => runRecommenderContract(ease, { fitOptions: { lambda: 10 } }));
  describe("with the defaults", () => runRecommenderContract(ease));

  it("solves a 2-item case by hand, asymmetric weights included", () => {
    // Users {0, 1} and {0}: XᵀX = [[2, 1], [1, 1]], λ = 1 gives G = [[3, 1], [1, 2]], det 5,
    // P = [[2, −1], [−1, 3]] / 5, so B01 = −P01/P11 = 1/3 and B10 = −P10/P00 = 1/2.
    const model = ease.fit({ matrix: csrFromRows(2, [[0, 1], [0]]) }, { lambda: 1 });
    expect(Array.from(model.weights)).toEqual([0, 1 / 3, 1 / 2, 0].map(Math.fround));
    expect(scoresOf(model, history([0]))).toEqual([0, 1 / 3].map(Math.fround));
    expect(scoresOf(model, history([1], [2]))).toEqual([1, 0]);
  });

  it("names the items that contribute most, largest first", () => {
    // Users {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}: G = XᵀX + I = 2·I + 2·J, whose inverse is (I − J/4) / 2,
    // so P_ii = 3/8, P_ij = −1/8 and every B_ij = 1/3. History {0: 2, 1: 1} scores item 2 at 2/3 + 1/3.
    const matrix = csrFromRows(3, [[0, 1], [0, 2], [1, 2], [0, 1, 2]]);
    const model = ease.fit({ matrix }, { lambda: 1 });
    const r = recommend(ease, model, -1, history([0, 1], [2, 1]), { n: 1 });
    expect(Array.from(r.items)).toEqual([2]);
    expect(r.scores[0]).toBeCloseTo(1, 6);
    expect(r.reasons[0]).toMatchObject({ kind: "because-items", items: [0, 1] });
    const weights = r.reasons[0]!.kind === "because-items" ? r.reasons[0]!.weights : [];
    expect(weights[0]).toBeCloseTo(2 / 3, 6);
    expect(weights[1]).toBeCloseTo(1 / 3, 6);
  });

  it("leaves negative contributions out of the reason", () => {
    // Users {0, 1} and {1, 2}, λ = 1: G = [[2, 1, 0], [1, 3, 1], [0, 1, 2]], det 8, and from its cofactors
    // P02 = 1/8, P12 = −2/8, P22 = 5/8, so B02 = −1/5 and B12 = 2/5: history {0, 1} scores item 2 at 1/5.
    const model = ease.fit({ matrix: csrFromRows(3, [[0, 1], [1, 2]]) }, { lambda: 1 });
    expect(scoresOf(model, history([0, 1]))[2]).toBeCloseTo(0.2, 6);
    const reason = ease.explain(model, -1, history([0, 1]), 2);
    expect(reason).toMatchObject({ kind: "because-items", items: [1] });
    expect(reason?.kind === "because-items" ? reason.weights[0] : 0).toBeCloseTo(0.4, 6);
    // Blocks that never meet give exact zeros, and then nothing explains the item.
    const apart = csrFromRows(3, [[0, 1], [2]]);
    expect(ease.explain(ease.fit({ matrix: apart }, { lambda: 1 }), 0, historyOf(apart, 0), 2)).toBeNull();
  });

  it("ignores items added to the catalogue after the fit", () => {
    const model = ease.fit({ matrix: csrFromRows(2, [[0, 1], [0]]) }, { lambda: 1 });
    expect(scoresOf(model, history([0, 5]))).toEqual(scoresOf(model, history([0])));
  });

  it("refuses bad options and mismatched models, naming the value", () => {
    const matrix = csrFromRows(2, [[0, 1], [0]]);
    expect(() => ease.fit({ matrix }, { lambda: 0 })).toThrow("lambda must be a positive finite number, got 0");
    expect(() => ease.fit({ matrix }, { lambda: -5 })).toThrow("lambda must be a positive finite number, got -5");
    expect(() => ease.fit({ matrix }, { lambda: Number.NaN })).toThrow("lambda must be a positive finite number, got NaN");
    const json = ease.toJSON(ease.fit({ matrix })) as Record<string, unknown>;
    expect(() => ease.fromJSON({ ...json, items: 3 })).toThrow("ease model: 4 weights for 3 × 3 items");
    expect(() => ease.fromJSON({ ...json, weights: { dtype: "i32", length: 4, base64: "" } })).toThrow("ease.weights: expected a packed f32 array");
  });
});
