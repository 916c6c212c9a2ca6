import { describe, expect, it } from "vitest";
import type { LabelledTable } from "../features";
import { gradientBoostedTrees as gbt } from "./gbt";
import { featureImportanceByGain } from "./importance";
import { leafCount } from "./tree";
import { logit, meanLogLoss, noiseTable, scoringTableWithSurprises, xorTable } from "./test-fixtures";

const oneFeature = (values: number[], label: number[]): LabelledTable => ({
  rows: values.length,
  features: [{ kind: "numeric", name: "x", values: Float64Array.from(values) }],
  label: Uint8Array.from(label),
});

describe("gradient-boosted trees", () => {
  it("starts from the log-odds of the positive rate and moves by learningRate × the Newton step", () => {
    // 3 positives of 10: margin log(3/7). One tree splits x < 3.5; the left leaf's Newton step is
    // −G/H = −Σ(p − y)/Σp(1 − p) = 3(1 − 0.3)/(3 · 0.21) = 3.333…, times 0.1.
    const { model, report } = gbt.fit(oneFeature([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), { maxIterations: 1, minSamplesLeaf: 1, learningRate: 0.1 });
    expect(model.initialMargin).toBeCloseTo(Math.log(3 / 7), 14);
    expect(report).toMatchObject({ iterations: 1, converged: false, stoppedEarly: false, validationLoss: [] });
    const tree = model.trees[0]!;
    expect(tree.value[tree.left[0]!]).toBeCloseTo(0.1 * (0.7 / 0.21), 12);
    expect(tree.value[tree.right[0]!]).toBeCloseTo(0.1 * (-0.3 / 0.21), 12);
  });

  it("learns XOR, which no single split can, to a low training loss", () => {
    const t = xorTable(400, 1);
    const { model, report } = gbt.fit(t, { minSamplesLeaf: 5 });
    const p = gbt.predict(model, t);
    expect(meanLogLoss(p, t.label)).toBeLessThan(0.05);
    expect(report.iterations).toBe(200);
    // x1 and x2 carry all the gain.
    const gain = featureImportanceByGain(model);
    expect(gain[0]! + gain[1]!).toBeGreaterThan(10 * (gain[2]! + gain[3]!));
  });

  it("stops early on labels that are noise, keeping the trees grown so far", () => {
    const { model, report } = gbt.fit(noiseTable(2000, 3), { earlyStopping: true });
    expect(report.stoppedEarly).toBe(true);
    expect(report.converged).toBe(true);
    expect(report.iterations).toBeLessThan(200);
    expect(model.trees.length).toBe(report.iterations);
    // Before the first tree and after each of them.
    expect(report.validationLoss.length).toBe(report.iterations + 1);
  });

  it("turns early stopping on past 10,000 rows or with a validation table", () => {
    expect(gbt.fit(noiseTable(500, 1), { maxIterations: 3 }).report.validationLoss).toEqual([]);
    const { report } = gbt.fit(noiseTable(500, 1), { validation: noiseTable(300, 2) });
    expect(report.stoppedEarly).toBe(true);
    expect(report.validationLoss.length).toBe(report.iterations + 1);
  });

  it("explains each row exactly: base + Σ contributions = the margin", () => {
    const t = xorTable(300, 2);
    const { model } = gbt.fit(t, { maxIterations: 30, minSamplesLeaf: 5 });
    const p = gbt.predict(model, t);
    for (let row = 0; row < t.rows; row++) {
      const { base, values } = gbt.explain(model, t, row);
      expect(values.length).toBe(4);
      expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(logit(p[row]!), 10);
    }
    // The base is the mean margin over the training rows.
    const margins = Array.from(p, logit);
    expect(gbt.explain(model, t, 0).base).toBeCloseTo(margins.reduce((a, b) => a + b, 0) / t.rows, 10);
  });

  it("scores NaN, missing and unseen levels without refusing the row", () => {
    const { model } = gbt.fit(xorTable(300, 4), { maxIterations: 20, minSamplesLeaf: 5 });
    const fresh = scoringTableWithSurprises();
    const p = gbt.predict(model, fresh);
    expect(Array.from(p).every((v) => v > 0 && v < 1)).toBe(true);
    for (let row = 0; row < fresh.rows; row++) {
      const { base, values } = gbt.explain(model, fresh, row);
      expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(logit(p[row]!), 10);
    }
  });

  it("reports progress after every tree", () => {
    const calls: [number, number][] = [];
    gbt.fit(xorTable(100, 9), { maxIterations: 3, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[1, 3], [2, 3], [3, 3]]);
  });

  it("is the same for the same seed, and differs by seed when it samples", () => {
    const t = xorTable(300, 5);
    const fit = (seed: number) => gbt.predict(gbt.fit(t, { seed, subsample: 0.5, featureFraction: 0.75, maxIterations: 10 }).model, t);
    expect(fit(1)).toEqual(fit(1));
    expect(fit(1)).not.toEqual(fit(2));
  });

  it("gives the same predictions and explanations after a JSON round trip", () => {
    const t = xorTable(300, 6);
    const { model } = gbt.fit(t, { maxIterations: 15, minSamplesLeaf: 5, minCategorySupport: 1 });
    const back = gbt.fromJSON(JSON.parse(JSON.stringify(gbt.toJSON(model))));
    expect(gbt.predict(back, t)).toEqual(gbt.predict(model, t));
    expect(gbt.explain(back, t, 3)).toEqual(gbt.explain(model, t, 3));
    expect(back).toEqual(model);
  });

  it("refuses a damaged model when loading it", () => {
    const { model } = gbt.fit(xorTable(100, 7), { maxIterations: 2, minSamplesLeaf: 5 });
    const json = gbt.toJSON(model) as Record<string, unknown>;
    expect(() => gbt.fromJSON({ ...json, kind: "forest" })).toThrow("not a model of kind gbt, version 1 (kind forest, version 1)");
    expect(() => gbt.fromJSON({ ...json, initialMargin: "x" })).toThrow("gbt model: initialMargin must be a finite number, got x");
    const trees = json.trees as Record<string, unknown>;
    expect(() => gbt.fromJSON({ ...json, trees: { ...trees, count: 3 } })).toThrow("gbt model: tree starts do not match 3 trees");
    expect(() => gbt.fromJSON({ ...json, bins: [] })).toThrow("gbt model: expected bins for 4 features");
  });

  it("keeps a single leaf and stops when nothing can be split", () => {
    const { model, report } = gbt.fit(oneFeature([1, 1, 1, 1], [0, 1, 0, 1]), { minSamplesLeaf: 1 });
    expect(report.iterations).toBe(1);
    expect(leafCount(model.trees[0]!)).toBe(1);
    expect(gbt.predict(model, oneFeature([1, 5], [0, 0]))[1]).toBeCloseTo(0.5, 12);
  });

  it("refuses bad settings and labels, naming the value", () => {
    const t = xorTable(50, 8);
    expect(() => gbt.fit(t, { learningRate: 0 })).toThrow("learningRate must be a positive finite number, got 0");
    expect(() => gbt.fit(t, { maxBins: 1 })).toThrow("maxBins must be a whole number from 2 to 255, got 1");
    expect(() => gbt.fit(t, { maxIterations: 0 })).toThrow("maxIterations must be a whole number of at least 1, got 0");
    expect(() => gbt.fit(t, { validationFraction: 1 })).toThrow("validationFraction must be in (0, 1), got 1");
    expect(() => gbt.fit(t, { maxLeafNodes: 1 })).toThrow("maxLeafNodes must be a whole number of at least 2 (or Infinity), got 1");
    expect(() => gbt.fit(oneFeature([1, 2, 3], [0, 0, 0]))).toThrow("gbt fit: all 3 labels are 0; training needs both classes");
    expect(() => gbt.fit(oneFeature([1, 2, 3], [0, 2, 1]))).toThrow("gbt fit: label 1 is 2; labels must be 0 or 1");
    expect(() => gbt.fit(oneFeature([1, 2, 3, 4], [0, 1, 0, 1]), { earlyStopping: true })).toThrow("a validationFraction of 0.1 leaves one side empty with 4 rows");
    const { model } = gbt.fit(t, { maxIterations: 1 });
    expect(() => gbt.predict(model, oneFeature([1], [0]))).toThrow("gbt predict: the table has 1 features, the model was trained on 4");
  });
});
