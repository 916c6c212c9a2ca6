import { describe, expect, it } from "vitest";
import { als, contributions, type AlsModel } from "./als";
import { cholesky, choleskySolve, gram, rowScratch, solveRow } from "./als-solve";
import { pack } from "../codec";
import { checkerboard, runRecommenderContract } from "./contract-suite";
import { historyOf, recommend } from "./recommend";
import type { UserHistory } from "./types";

// Tiny data wants a few factors and little shrinkage; the defaults are sized for real catalogues.
const small = { factors: 3, regularization: 0.1, alpha: 10, iterations: 10 };

describe("als contract", () => {
  runRecommenderContract(als, { fitOptions: small });
});

describe("als contract, default options", () => {
  runRecommenderContract(als);
});

const history = (items: number[], values: number[]): UserHistory => ({ items: Int32Array.from(items), values: Float32Array.from(values) });

/** One factor, items at 1, 2 and −1, λ = 0.5, alpha = 1: YᵀY + λ = 6.5, and every solve is a division. */
function handModel(): AlsModel {
  return als.fromJSON({
    kind: "als", version: 1, users: 0, items: 3, factors: 1, regularization: 0.5, alpha: 1, iterations: 1, cgSteps: 1, seed: 1, loss: [],
    userFactors: pack(new Float32Array(0)),
    itemFactors: pack(Float32Array.from([1, 2, -1])),
    rowPrints: pack(new Int32Array(0)),
  });
}

describe("als by hand", () => {
  it("folds a new user in: x = c·y₀ / (YᵀY + λ + (c − 1)·y₀²) = 2 / 7.5", () => {
    const r = recommend(als, handModel(), 0, history([0], [1]), { n: 3, excludeSeen: false });
    expect(Array.from(r.items)).toEqual([1, 0, 2]);
    expect(r.scores[0]).toBeCloseTo(4 / 7.5, 6);
    expect(r.scores[1]).toBeCloseTo(2 / 7.5, 6);
    expect(r.scores[2]).toBeCloseTo(-2 / 7.5, 6);
  });

  it("explains a score as c_ui · y_jᵀ W⁻¹ y_i per owned item, keeping only the positive ones", () => {
    // W = 6.5 + 1·1² + 0.5·(−1)² = 8; item 1 gets 2·2·1/8 = 0.5 from item 0 and 1.5·2·(−1)/8 = −0.375 from item 2.
    const model = handModel();
    const h = history([0, 2], [1, 0.5]);
    const terms = contributions(model, h, 1);
    expect(terms[0]).toBeCloseTo(0.5, 12);
    expect(terms[1]).toBeCloseTo(-0.375, 12);
    const out = new Float32Array(3);
    als.score(model, 0, h, out);
    expect(out[1]).toBeCloseTo(0.5 - 0.375, 6);
    expect(als.explain(model, 0, h, 1)).toEqual({ kind: "because-items", items: [0], weights: [terms[0]] });
  });

  it("cannot score or explain a user with nothing bought", () => {
    const out = new Float32Array(3);
    als.score(handModel(), 0, history([], []), out);
    expect(Array.from(out)).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(als.explain(handModel(), 0, history([], []), 1)).toBeNull();
  });
});

describe("als solver", () => {
  it("solves (G + Σ alpha·r·y yᵀ) x = Σ c·y exactly within f CG steps", () => {
    // G = diag(2, 3), one item y = (1, 0) with r = 1, alpha = 1: A = diag(3, 3), b = (2, 0).
    const x = new Float64Array(2);
    solveRow(Float64Array.from([2, 0, 0, 3]), Float32Array.from([1, 0]), 2, Int32Array.from([0]), Float32Array.from([1]), 1, x, 2, rowScratch(2));
    expect(x[0]).toBeCloseTo(2 / 3, 12);
    expect(x[1]).toBe(0);
  });

  it("factorises and solves a 2 × 2 system: L = [[2, 0], [1, √2]]", () => {
    const L = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(L)).toEqual([2, 0, 1, Math.SQRT2]);
    const z = choleskySolve(L, 2, [2, 1]);
    expect(z[0]).toBeCloseTo(0.5, 12);
    expect(z[1]).toBeCloseTo(0, 12);
  });

  it("adds λ to the diagonal of YᵀY", () => {
    expect(Array.from(gram(Float32Array.from([1, 2, 3, 4]), 2, 2, 0.5))).toEqual([10.5, 14, 14, 20.5]);
  });
});

describe("als fit", () => {
  const { data } = checkerboard();

  it("reports one loss per iteration, never rising", () => {
    const model = als.fit(data, { ...small, iterations: 8 });
    expect(model.loss).toHaveLength(8);
    model.loss.slice(1).forEach((l, t) => expect(l).toBeLessThanOrEqual(model.loss[t]! + 1e-9));
  });

  it("reads the trained factor for the training row and folds in any other history", () => {
    const model = als.fit(data, small);
    const h = historyOf(data.matrix, 0);
    const trained = new Float32Array(10);
    const folded = new Float32Array(10);
    als.score(model, 0, h, trained);
    als.score(model, 99, h, folded);
    const order = (s: Float32Array) => Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!);
    expect(order(folded)).toEqual(order(trained));
    // The trained factor was solved against the item factors one half-iteration before the last: near, not equal.
    Array.from(folded).forEach((s, j) => expect(s).toBeCloseTo(trained[j]!, 1));
    // A changed history under the same user id is folded in too, exactly as for a new user.
    const changed = history([...h.items, 7], [...h.values, 1]);
    const asUser0 = new Float32Array(10);
    als.score(model, 0, changed, asUser0);
    als.score(model, 99, changed, folded);
    expect(Array.from(asUser0)).toEqual(Array.from(folded));
  });

  it("names the bad option", () => {
    expect(() => als.fit(data, { factors: 0 })).toThrow("factors must be a whole number of at least 1, got 0");
    expect(() => als.fit(data, { cgSteps: 1.5 })).toThrow("cgSteps must be a whole number of at least 1, got 1.5");
    expect(() => als.fit(data, { regularization: 0 })).toThrow("regularization must be a positive finite number, got 0");
    expect(() => als.fit(data, { alpha: Number.NaN })).toThrow("alpha must be a finite number of at least 0, got NaN");
    expect(() => als.fit(data, { seed: 0.5 })).toThrow("seed must be a whole number, got 0.5");
  });

  it("refuses a model whose factors do not match its shape", () => {
    const json = { ...(als.toJSON(als.fit(data, small)) as object), items: 11 };
    expect(() => als.fromJSON(json)).toThrow("als model: itemFactors holds 30 values, expected 33");
  });
});
