import { describe, expect, it } from "vitest";
import { DAY_MS } from "../time";
import { buyAgain } from "./buy-again";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows } from "./csr";
import { historyOf, recommend } from "./recommend";
import type { TrainingData } from "./types";

describe("buy-again contract", () => {
  runRecommenderContract(buyAgain, { ranksHeldOutFirst: false });
});

const T = Date.UTC(2024, 5, 30);

/** User 0: item 2 at T − 60 d and at T, item 1 (weight 2) at T − 120 d, item 3 after T, a view of item 0. */
function shop(): TrainingData {
  const rows = [
    [0, 2, T - 60 * DAY_MS, 1, 1],
    [0, 2, T, 1, 1],
    [0, 1, T - 120 * DAY_MS, 2, 1],
    [0, 3, T + DAY_MS, 1, 1],
    [0, 0, T - DAY_MS, 1, 0],
    [1, 3, T - 30 * DAY_MS, 1, 1],
  ];
  const col = (c: number) => rows.map((r) => r[c]!);
  return {
    matrix: csrFromRows(4, [[0, 1, 2, 3], [3]]),
    log: { user: Int32Array.from(col(0)), item: Int32Array.from(col(1)), time: Float64Array.from(col(2)), weight: Float32Array.from(col(3)), isPurchase: Uint8Array.from(col(4)) },
    asOf: T,
  };
}

describe("buy-again by hand", () => {
  it("sums each purchase's weight halved every 60 days: item 2 = 1/2 + 1, item 1 = 2/4", () => {
    const data = shop();
    const r = recommend(buyAgain, buyAgain.fit(data), 0, historyOf(data.matrix, 0), { n: 4, excludeSeen: false });
    expect(Array.from(r.items)).toEqual([2, 1]);
    expect(Array.from(r.scores)).toEqual([1.5, 0.5]);
    expect(r.reasons).toEqual([
      { kind: "buy-again", times: 2, lastAt: T },
      { kind: "buy-again", times: 1, lastAt: T - 120 * DAY_MS },
    ]);
  });

  it("ignores views and purchases after the as-of date; recommends nothing new once seen items are excluded", () => {
    const data = shop();
    const model = buyAgain.fit(data);
    expect(buyAgain.explain(model, 0, historyOf(data.matrix, 0), 3)).toBeNull();
    expect(buyAgain.explain(model, 0, historyOf(data.matrix, 0), 0)).toBeNull();
    expect(recommend(buyAgain, model, 0, historyOf(data.matrix, 0), { n: 4 }).items).toHaveLength(0);
  });

  it("takes the half-life, and counts from the last purchase when no as-of date is given", () => {
    const { asOf: _, ...data } = shop();
    const model = buyAgain.fit(data, { halfLifeDays: 30 });
    // Last purchase is item 3 at T + 1 d, so item 1 is 121 days old: 2 · 2^(−121/30).
    expect(model.asOf).toBe(T + DAY_MS);
    const out = new Float32Array(4);
    buyAgain.score(model, 0, historyOf(data.matrix, 0), out);
    expect(out[1]).toBeCloseTo(2 * 2 ** (-121 / 30), 6);
    expect(out[3]).toBe(1);
    expect(out[0]).toBe(-Infinity);
  });

  it("scores from the stored log whatever history it is given, and nothing for a user unseen in training", () => {
    const data = shop();
    const model = buyAgain.fit(data);
    const other = { items: Int32Array.from([0]), values: Float32Array.from([1]) };
    const out = new Float32Array(4);
    buyAgain.score(model, 1, other, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(out[3]).toBeCloseTo(Math.SQRT1_2, 6);
    buyAgain.score(model, 5, other, out);
    expect(Array.from(out).every((s) => s === -Infinity)).toBe(true);
  });

  it("names what is wrong with the options, the log or a stored model", () => {
    const data = shop();
    expect(() => buyAgain.fit(data, { halfLifeDays: 0 })).toThrow("halfLifeDays must be a positive finite number, got 0");
    expect(() => buyAgain.fit({ matrix: data.matrix })).toThrow("buy-again: data.log is missing; buy-again needs the dated interaction log");
    expect(() => buyAgain.fit({ ...data, log: { ...data.log!, item: Int32Array.from([0, 9, 0, 0, 0, 0]) } })).toThrow("buy-again: log row 1 has user 0, item 9, outside the 2 × 4 matrix");
    expect(() => buyAgain.fit({ ...data, log: { ...data.log!, weight: new Float32Array(2) } })).toThrow("buy-again: the log has 6 users but 2 values of weight");
    const json = { ...(buyAgain.toJSON(buyAgain.fit(data)) as object), users: 3 };
    expect(() => buyAgain.fromJSON(json)).toThrow("buy-again model: indptr holds 3 values for 3 users");
  });
});
