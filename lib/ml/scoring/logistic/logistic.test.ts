import { describe, expect, it } from "vitest";
import { logisticRegression as lr, type LogisticModel } from "./logistic";
import { categorical, COLOURS, labelled, numeric, syntheticTable, TINY_COLOUR, TINY_X1, TINY_X2, tinyTable, TINY_Y } from "./test-tables";
import type { FeatureTable } from "../features";

const logit = (p: number) => Math.log(p / (1 - p));
const tight = { minLevelCount: 3, tolerance: 1e-12, maxIterations: 10000 };

// scikit-learn 1.2.1, on the design of tinyTable() written out in python in this encoder's column order:
//   z = lambda v: (v - v.mean()) / v.std()
//   X = np.column_stack([z(x1), z(x2), c == 0, c == 1, c == 2, c == 3]).astype(float)   # red, green, blue, other
//   LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=10000).fit(X, y)   # l2 = 1 / (C · 16)
// (a plain numpy Newton iteration on the penalised mean loss gives the same to 1e-10).
const SKLEARN = {
  0.5: {
    coef: [0.6768774993, -0.1230993707, 0.2931368055, -0.0569738383, -0.1673550329, -0.0688079343],
    intercept: -0.0601905702,
    proba: [0.5738951506, 0.6142045254, 0.3328705778, 0.8059034883, 0.5400274917, 0.1605700455, 0.6285549231, 0.3934354508, 0.6451303006, 0.3935506593, 0.4311122042, 0.5662802087, 0.1961391418, 0.5438215681, 0.7065036644, 0.4680005997],
  },
  1: {
    coef: [0.8699204538, -0.1065901568, 0.461923633, -0.0986755222, -0.2166866176, -0.1465614932],
    intercept: -0.1017701279,
    proba: [0.5999156426, 0.6156432576, 0.2811643552, 0.8598094663, 0.5390074806, 0.1115464259, 0.6635833452, 0.3573119232, 0.6774653743, 0.3697471767, 0.3919918564, 0.5867128608, 0.1465104622, 0.5805346432, 0.7545696368, 0.4644860929],
  },
};
// LogisticRegression(C=1, solver="lbfgs", tol=1e-10, max_iter=10000) on the same X stops up to 2e-5 away from
// that: 1.2.1 passes scipy no ftol, so scipy's default (2.2e-9 relative) ends it first.
const SKLEARN_LBFGS_C1 = { coef: [0.8699208331, -0.1065861392, 0.4619199464, -0.0986749237, -0.2167064803, -0.1465565079], intercept: -0.101775727 };

describe("logisticRegression.fit", () => {
  for (const C of [0.5, 1] as const) {
    it(`gives scikit-learn's coefficients and probabilities at C = ${C}`, () => {
      const { model, report } = lr.fit(tinyTable(), { ...tight, l2: 1 / (C * 16) });
      expect(report.converged).toBe(true);
      SKLEARN[C].coef.forEach((w, j) => expect(model.weights[j]).toBeCloseTo(w, 8));
      expect(model.intercept).toBeCloseTo(SKLEARN[C].intercept, 8);
      const p = lr.predict(model, tinyTable());
      SKLEARN[C].proba.forEach((q, i) => expect(p[i]).toBeCloseTo(q, 8));
    });
  }

  it("defaults to l2 = 1/n, scikit-learn's C = 1, and agrees with its lbfgs to that solver's precision", () => {
    const { model } = lr.fit(tinyTable(), { minLevelCount: 3, tolerance: 1e-10 });
    expect(model.l2).toBe(1 / 16);
    SKLEARN_LBFGS_C1.coef.forEach((w, j) => expect(model.weights[j]).toBeCloseTo(w, 4));
    expect(model.intercept).toBeCloseTo(SKLEARN_LBFGS_C1.intercept, 4);
  });

  it("approaches the unpenalised MLE as l2 → 0 (numeric slopes and level contrasts)", () => {
    // Newton–Raphson (numpy, to a step < 1e-14) on the reference-coded design [1, z(x1), z(x2), green, blue, other]:
    // β = (0.9932946631, 1.456620412, 0.1026802105, −1.507014565, −1.6530317765, −2.1907588008).
    const { model } = lr.fit(tinyTable(), { ...tight, l2: 1e-10 });
    const w = model.weights;
    expect(w[0]).toBeCloseTo(1.456620412, 5);
    expect(w[1]).toBeCloseTo(0.1026802105, 5);
    expect(w[3]! - w[2]!).toBeCloseTo(-1.507014565, 5);
    expect(w[4]! - w[2]!).toBeCloseTo(-1.6530317765, 5);
    expect(w[5]! - w[2]!).toBeCloseTo(-2.1907588008, 5);
    expect(model.intercept + w[2]!).toBeCloseTo(0.9932946631, 5);
  });

  it("treats whole-number sample weights as repeated rows", () => {
    // A categorical alone, every level kept: the design does not depend on how the rows are counted.
    const weights = Float64Array.from({ length: 16 }, (_, i) => 1 + (i % 3));
    const index = Array.from(weights).flatMap((w, i) => Array<number>(w).fill(i));
    const weighted = labelled([categorical("colour", COLOURS, TINY_COLOUR)], TINY_Y);
    const repeated = labelled([categorical("colour", COLOURS, index.map((i) => TINY_COLOUR[i]!))], index.map((i) => TINY_Y[i]!));
    const a = lr.fit(weighted, { ...tight, minLevelCount: 1, l2: 0.05, sampleWeights: weights }).model;
    const b = lr.fit(repeated, { ...tight, minLevelCount: 1, l2: 0.05 }).model;
    a.weights.forEach((w, j) => expect(w).toBeCloseTo(b.weights[j]!, 9));
    a.columnMeans.forEach((m, j) => expect(m).toBeCloseTo(b.columnMeans[j]!, 12));
    expect(a.intercept).toBeCloseTo(b.intercept, 9);
  });

  it("reports progress and ends at (maxIterations, maxIterations)", () => {
    const calls: [number, number][] = [];
    lr.fit(syntheticTable(300, 3), { maxIterations: 100, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([100, 100]);
    expect(calls.every(([d, t]) => t === 100 && d <= 100)).toBe(true);
  });

  it("refuses bad settings and labels, naming them", () => {
    expect(() => lr.fit(tinyTable(), { l1Ratio: 0.5 })).toThrow("l1Ratio must be 0 (only the L2 penalty is implemented), got 0.5");
    expect(() => lr.fit(tinyTable(), { l2: 0 })).toThrow("l2 must be a positive finite number, got 0");
    expect(() => lr.fit({ ...tinyTable(), label: Uint8Array.of(...TINY_Y.slice(0, 15), 2) })).toThrow("the label must be 0 or 1, got 2 at row 15");
    expect(() => lr.fit(tinyTable(), { sampleWeights: new Float64Array(16) })).toThrow("the sample weights sum to 0: nothing to fit");
    expect(() => lr.fit({ ...tinyTable(), label: new Uint8Array(16).fill(1) })).toThrow("every row is 1: logistic regression needs rows of both classes");
  });
});

describe("logisticRegression.explain", () => {
  const { model } = lr.fit(tinyTable(), { minLevelCount: 3 });

  it("adds up to the logit of the prediction on every row", () => {
    const t = tinyTable();
    const p = lr.predict(model, t);
    for (let i = 0; i < t.rows; i++) {
      const { base, values } = lr.explain(model, t, i);
      expect(values).toHaveLength(3);
      expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(logit(p[i]!), 12);
    }
  });

  it("gives a row at the training means no contributions, and base its margin", () => {
    const { model: m } = lr.fit(labelled([numeric("x1", TINY_X1), numeric("x2", TINY_X2)], TINY_Y));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const atMean: FeatureTable = { rows: 1, features: [numeric("x1", [mean(TINY_X1)]), numeric("x2", [mean(TINY_X2)])] };
    const { base, values } = lr.explain(m, atMean, 0);
    values.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
    expect(base).toBeCloseTo(logit(lr.predict(m, atMean)[0]!), 12);
  });

  it("refuses a row outside the table", () => {
    expect(() => lr.explain(model, tinyTable(), 16)).toThrow("row 16 is outside the table's 16 rows");
  });
});

describe("scoring tables the model has not seen", () => {
  const { model } = lr.fit(tinyTable(), { minLevelCount: 3 });
  const row = (x1: number, x2: number, colour: number, levels = COLOURS): FeatureTable => ({
    rows: 1,
    features: [numeric("x1", [x1]), numeric("x2", [x2]), categorical("colour", levels, [colour])],
  });

  it("scores an appended level as other and a missing colour (none in training) as other", () => {
    const asViolet = lr.predict(model, row(0.4, 5, 3))[0]!;
    expect(lr.predict(model, row(0.4, 5, 4, [...COLOURS, "teal"]))[0]).toBe(asViolet);
    expect(lr.predict(model, row(0.4, 5, -1))[0]).toBe(asViolet);
  });

  it("scores a missing numeric (none in training) at the training mean", () => {
    const mean = TINY_X2.reduce((a, b) => a + b, 0) / 16;
    expect(lr.predict(model, row(0.4, Number.NaN, 1))[0]).toBeCloseTo(lr.predict(model, row(0.4, mean, 1))[0]!, 15);
    const { base, values } = lr.explain(model, row(0.4, Number.NaN, 1), 0);
    expect(base + values[0]! + values[1]! + values[2]!).toBeCloseTo(logit(lr.predict(model, row(0.4, Number.NaN, 1))[0]!), 12);
  });

  it("refuses a table whose one-hot levels are not the model's, and one with other columns", () => {
    expect(() => lr.predict(model, row(0, 0, 0, ["green", "red", "blue", "violet"]))).toThrow('feature "colour": level 0 is "green", the model\'s is "red"');
    expect(() => lr.predict(model, { rows: 1, features: [numeric("x1", [0])] })).toThrow("logistic regression: the table has 1 features, the model was trained on 3");
  });
});

describe("hashed features", () => {
  it("predict the same from tables holding the same strings in different level orders", () => {
    const t = syntheticTable(200, 11);
    const channel = t.features[2]!;
    if (channel.kind !== "categorical") throw new Error("fixture");
    // The same channels, levels reversed and codes remapped to match.
    const levels = [...channel.levels].reverse();
    const codes = Int32Array.from(channel.codes, (c) => levels.indexOf(channel.levels[c]!));
    const reordered = { ...t, features: [t.features[0]!, t.features[1]!, { ...channel, levels, codes }] };
    const options = { maxOneHotLevels: 2, hashBuckets: 64 };
    const a = lr.fit(t, options).model;
    expect(a.encoder.features[2]!.kind).toBe("hashed");
    expect(lr.predict(a, reordered)).toEqual(lr.predict(a, t));
    expect(lr.fit(reordered, options).model.weights).toEqual(a.weights);
    const { base, values } = lr.explain(a, reordered, 5);
    expect(base + values.reduce((s, v) => s + v, 0)).toBeCloseTo(logit(lr.predict(a, t)[5]!), 12);
  });
});

describe("logisticRegression JSON", () => {
  const { model } = lr.fit(tinyTable(), { minLevelCount: 3 });
  const roundTrip = (m: LogisticModel) => lr.fromJSON(JSON.parse(JSON.stringify(lr.toJSON(m))));

  it("round-trips to identical predictions and explanations", () => {
    const back = roundTrip(model);
    expect(lr.predict(back, tinyTable())).toEqual(lr.predict(model, tinyTable()));
    expect(lr.explain(back, tinyTable(), 4)).toEqual(lr.explain(model, tinyTable(), 4));
    expect(back).toEqual(model);
  });

  it("round-trips a hashed model", () => {
    const { model: hashed } = lr.fit(syntheticTable(100, 5), { maxOneHotLevels: 2, hashBuckets: 32 });
    expect(lr.predict(roundTrip(hashed), syntheticTable(100, 5))).toEqual(lr.predict(hashed, syntheticTable(100, 5)));
  });

  it("refuses another kind or version, naming it, and bad shapes", () => {
    const json = lr.toJSON(model) as Record<string, unknown>;
    expect(() => lr.fromJSON({ ...json, kind: "forest" })).toThrow("not a model of kind logistic, version 1 (kind forest, version 1)");
    expect(() => lr.fromJSON({ ...json, version: 2 })).toThrow("(kind logistic, version 2)");
    expect(() => lr.fromJSON(null)).toThrow("not a model of kind logistic: got null");
    expect(() => lr.fromJSON({ ...json, meanMargins: json.weights })).toThrow("logistic model: 6 mean margins for 3 features");
    const encoder = json.encoder as Record<string, unknown>;
    expect(() => lr.fromJSON({ ...json, encoder: { ...encoder, cols: 7, hashOffset: 7 } })).toThrow("logistic model: 6 weights for 7 encoded columns");
    const features = encoder.features as Record<string, unknown>[];
    const badColumn = { ...encoder, features: [{ ...features[0], column: 9 }, features[1], features[2]] };
    expect(() => lr.fromJSON({ ...json, encoder: badColumn })).toThrow('logistic model: encoder of feature "x1" has column 9, outside -1..5');
    expect(() => lr.fromJSON({ ...json, intercept: "x" })).toThrow("logistic model: intercept must be a finite number, got x");
  });
});
