import { describe, expect, it } from "vitest";
import type { LabelledTable } from "../features";
import { randomForest as forest } from "./forest";
import { featureImportanceByGain } from "./importance";
import { logit, scoringTableWithSurprises, xorTable } from "./test-fixtures";

const oneFeature = (values: number[], label: number[]): LabelledTable => ({
  rows: values.length,
  features: [{ kind: "numeric", name: "x", values: Float64Array.from(values) }],
  label: Uint8Array.from(label),
});

/** Rank AUC: the share of (positive, negative) pairs scored in the right order, ties half. */
function auc(p: Float64Array, label: Uint8Array): number {
  let right = 0;
  let pairs = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = 0; j < p.length; j++) {
      if (label[i] !== 1 || label[j] !== 0) continue;
      pairs++;
      right += p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0;
    }
  }
  return right / pairs;
}

describe("random forest", () => {
  it("scores with the positive rate of the leaves, clamped away from 0 and 1", () => {
    // One tree, every row and feature: the split x < 3.5 gives pure leaves.
    const t = oneFeature([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const { model, report } = forest.fit(t, { trees: 1, bootstrap: false, maxFeatures: "all", minSamplesLeaf: 1 });
    expect(report).toEqual({ iterations: 1, converged: true });
    expect(Array.from(forest.predict(model, t))).toEqual([1 - 1e-6, 1 - 1e-6, 1 - 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6]);
    expect(model.baseProbability).toBeCloseTo(0.3, 6);
  });

  it("averages positive rates of leaves that are not pure", () => {
    // minSamplesLeaf 4 on 1..8 with labels 1 1 1 0 | 0 0 0 1: the cut at 4.5 leaves rates 3/4 and 1/4.
    const t = oneFeature([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 0, 0, 0, 0, 1]);
    const { model } = forest.fit(t, { trees: 1, bootstrap: false, maxFeatures: "all", minSamplesLeaf: 4 });
    expect(Array.from(forest.predict(model, t))).toEqual([0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.25]);
  });

  it("separates XOR on held-out rows", () => {
    const { model } = forest.fit(xorTable(400, 1), { trees: 30 });
    const test = xorTable(200, 2);
    expect(auc(forest.predict(model, test), test.label)).toBeGreaterThan(0.95);
    const gain = featureImportanceByGain(model);
    expect(gain[0]! + gain[1]!).toBeGreaterThan(gain[2]! + gain[3]!);
  });

  it("explains each row so that base + Σ contributions = logit(p)", () => {
    const t = xorTable(200, 3);
    const { model } = forest.fit(t, { trees: 20 });
    const p = forest.predict(model, t);
    for (let row = 0; row < t.rows; row += 9) {
      const { base, values } = forest.explain(model, t, row);
      expect(base).toBeCloseTo(logit(model.baseProbability), 12);
      expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(logit(p[row]!), 10);
    }
  });

  it("scores NaN, missing and unseen levels without refusing the row", () => {
    const { model } = forest.fit(xorTable(200, 4), { trees: 10 });
    const fresh = scoringTableWithSurprises();
    const p = forest.predict(model, fresh);
    expect(Array.from(p).every((v) => v > 0 && v < 1)).toBe(true);
    for (let row = 0; row < fresh.rows; row++) {
      const { base, values } = forest.explain(model, fresh, row);
      expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(logit(p[row]!), 10);
    }
  });

  it("is the same for the same seed and different for another", () => {
    const t = xorTable(200, 5);
    const fit = (seed: number) => forest.predict(forest.fit(t, { trees: 5, seed }).model, t);
    expect(fit(1)).toEqual(fit(1));
    expect(fit(1)).not.toEqual(fit(2));
  });

  it("gives the same predictions and explanations after a JSON round trip", () => {
    const t = xorTable(200, 6);
    const { model } = forest.fit(t, { trees: 8, minCategorySupport: 1 });
    const back = forest.fromJSON(JSON.parse(JSON.stringify(forest.toJSON(model))));
    expect(forest.predict(back, t)).toEqual(forest.predict(model, t));
    expect(forest.explain(back, t, 5)).toEqual(forest.explain(model, t, 5));
    expect(back).toEqual(model);
    expect(() => forest.fromJSON({ ...(forest.toJSON(model) as object), version: 2 })).toThrow("not a model of kind forest, version 1 (kind forest, version 2)");
  });

  it("refuses bad settings, naming the value", () => {
    const t = xorTable(50, 7);
    expect(() => forest.fit(t, { trees: 0 })).toThrow("trees must be a whole number of at least 1, got 0");
    expect(() => forest.fit(t, { maxFeatures: 5 })).toThrow("maxFeatures must be a whole number from 1 to 4, got 5");
    expect(() => forest.fit(t, { minSamplesLeaf: 0 })).toThrow("minSamplesLeaf must be a whole number of at least 1, got 0");
    expect(() => forest.fit(t, { maxDepth: 0.5 })).toThrow("maxDepth must be a whole number of at least 1 (or Infinity), got 0.5");
    expect(() => forest.fit(oneFeature([1, 2], [1, 1]))).toThrow("forest fit: all 2 labels are 1; training needs both classes");
  });
});
