import { describe, expect, it } from "vitest";
import { chooseL2ByCrossValidation, defaultGrid } from "./logistic-cv";
import { syntheticTable } from "./test-tables";

describe("chooseL2ByCrossValidation", () => {
  const table = syntheticTable(400, 21);

  it("is deterministic for a seed and picks the l2 of least mean validation log-loss", () => {
    const a = chooseL2ByCrossValidation(table, { seed: 7 });
    const b = chooseL2ByCrossValidation(table, { seed: 7 });
    expect(b).toEqual(a);
    expect(a.scores.map((s) => s.l2)).toEqual(defaultGrid(400));
    const best = a.scores.reduce((m, s) => (s.logLoss < m.logLoss ? s : m));
    expect(a.l2).toBe(best.l2);
    // The heaviest penalty (C = 0.001) flattens every score towards the base rate.
    expect(a.scores[0]!.logLoss).toBeGreaterThan(best.logLoss);
    a.scores.forEach((s) => expect(s.auc).toBeGreaterThan(0.5));
  });

  it("uses the grid it is given, in its order", () => {
    const r = chooseL2ByCrossValidation(table, { grid: [0.01, 1, 0.1], folds: 3, seed: 1 });
    expect(r.scores.map((s) => s.l2)).toEqual([0.01, 1, 0.1]);
    expect(r.l2).toBe(0.01);
  });

  it("refuses bad settings, naming them", () => {
    expect(() => chooseL2ByCrossValidation(table, { folds: 1 })).toThrow("folds must be a whole number of at least 2, got 1");
    expect(() => chooseL2ByCrossValidation(table, { grid: [] })).toThrow("the l2 grid is empty");
    expect(() => chooseL2ByCrossValidation(table, { grid: [-1] })).toThrow("l2 must be a positive finite number, got -1");
  });
});

describe("defaultGrid", () => {
  it("is l2 = 1 / (C·n) for C = 10^-3 … 10^2, 8 values", () => {
    const g = defaultGrid(100);
    expect(g).toHaveLength(8);
    expect(g[0]).toBeCloseTo(1 / (1e-3 * 100), 12);
    expect(g[7]).toBeCloseTo(1 / (1e2 * 100), 12);
    for (let i = 1; i < 8; i++) expect(g[i - 1]! / g[i]!).toBeCloseTo(10 ** (5 / 7), 12);
  });
});
