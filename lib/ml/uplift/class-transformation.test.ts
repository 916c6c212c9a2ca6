import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { takeRows } from "../scoring/features";
import { fitScorer, scoreRows } from "../scoring/scorer";
import { fitClassTransformation, predictClassTransformation, transformedClass } from "./class-transformation";
import { gatherFlags, streamSeed } from "./inputs";
import { qiniCoefficient, upliftByDecile } from "./qini";
import { syntheticCampaign } from "./test-fixtures";
import { predictUplift, upliftModelFromJSON, upliftModelToJSON } from "./uplift-model";

const FOREST = { kind: "forest", seed: 3, options: { trees: 30 } } as const;
const train = syntheticCampaign(4000, 1);
const test = syntheticCampaign(4000, 2);
const model = fitClassTransformation(train.table, train.outcome, train.treated, FOREST);
const uplift = predictClassTransformation(model, test.table);
const x = test.table.features[0]!.kind === "numeric" ? test.table.features[0]!.values : new Float64Array();
const mean = (a: Float64Array, keep: (i: number) => boolean = () => true) => {
  let s = 0;
  let n = 0;
  a.forEach((v, i) => keep(i) && ((s += v), n++));
  return s / n;
};

/** The first k treated and the first k holdout rows, k the smaller group's size: exactly 50/50. */
function balanced(c: ReturnType<typeof syntheticCampaign>) {
  const t = c.treated.reduce((s, v) => s + v, 0);
  const k = Math.min(t, c.table.rows - t);
  const seen = [0, 0];
  const keep = Int32Array.from(Array.from(c.treated.keys()).filter((i) => seen[c.treated[i]!]!++ < k));
  return { table: takeRows(c.table, keep), outcome: gatherFlags(c.outcome, keep), treated: gatherFlags(c.treated, keep) };
}

describe("class transformation", () => {
  it("labels treated buyers and holdout non-buyers 1", () => {
    expect(Array.from(transformedClass(Uint8Array.from([1, 0, 1, 0]), Uint8Array.from([1, 1, 0, 0])))).toEqual([1, 0, 0, 1]);
  });

  it("with 50/50 groups is 2·P(z = 1 | x) − 1 of one scorer fitted on z", () => {
    const b = balanced(train);
    const m = fitClassTransformation(b.table, b.outcome, b.treated, FOREST);
    expect(m).toMatchObject({ rebalancing: "none", treatedShare: 0.5, fittedRows: b.table.rows });
    const { scorer } = fitScorer("forest", { ...b.table, label: transformedClass(b.outcome, b.treated) }, { seed: streamSeed(3, "class-transformation"), options: { trees: 30 } });
    const expected = scoreRows(scorer, test.table).map((p) => 2 * p - 1);
    expect(predictClassTransformation(m, test.table)).toEqual(expected);
  });

  it("ranks the persuadable region first and the sleeping dogs last", () => {
    const persuadable = mean(uplift, (i) => x[i]! > 0);
    const none = mean(uplift, (i) => x[i]! <= 0 && x[i]! >= -1);
    const dogs = mean(uplift, (i) => x[i]! < -1);
    expect(persuadable - none).toBeGreaterThan(0.08);
    expect(none - dogs).toBeGreaterThan(0.03);
    const deciles = upliftByDecile(uplift, test.outcome, test.treated);
    expect(deciles[0]!.observedUplift! - deciles[9]!.observedUplift!).toBeGreaterThan(0.25);
    const rng = createRng(9);
    const noise = Float64Array.from(uplift, () => rng.next());
    expect(qiniCoefficient(uplift, test.outcome, test.treated)).toBeGreaterThan(0.12);
    expect(Math.abs(qiniCoefficient(noise, test.outcome, test.treated))).toBeLessThan(0.05);
  });

  it("reweights unequal groups so each counts half (logistic) or subsamples the larger (trees)", () => {
    // 80% treated: without rebalancing 2·P(z) − 1 is pulled towards the treated group's buying rate and
    // its mean misses the true mean uplift by far more than either rebalanced model does.
    const skewed = syntheticCampaign(4000, 3, 0.8);
    const truth = mean(test.trueUplift);
    const logistic = fitClassTransformation(skewed.table, skewed.outcome, skewed.treated, { kind: "logistic", seed: 1 });
    expect(logistic).toMatchObject({ rebalancing: "weights", fittedRows: 4000 });
    expect(logistic.treatedShare).toBeCloseTo(0.8, 1);
    const forest = fitClassTransformation(skewed.table, skewed.outcome, skewed.treated, FOREST);
    expect(forest.rebalancing).toBe("subsample");
    // Every holdout row and about as many treated rows.
    const control = skewed.treated.length - skewed.treated.reduce((s, t) => s + t, 0);
    expect(Math.abs(forest.fittedRows - 2 * control)).toBeLessThanOrEqual(1);
    const { scorer } = fitScorer("logistic", { ...skewed.table, label: transformedClass(skewed.outcome, skewed.treated) }, { seed: 1 });
    const unbalanced = scoreRows(scorer, test.table).map((p) => 2 * p - 1);
    expect(Math.abs(mean(unbalanced) - truth)).toBeGreaterThan(0.1);
    for (const m of [logistic, forest]) {
      const u = predictClassTransformation(m, test.table);
      expect(Math.abs(mean(u) - truth)).toBeLessThan(0.04);
      expect(qiniCoefficient(u, test.outcome, test.treated)).toBeGreaterThan(0.12);
    }
  });

  it("is the same model for the same seed and survives a JSON round trip", () => {
    expect(predictClassTransformation(fitClassTransformation(train.table, train.outcome, train.treated, FOREST), test.table)).toEqual(uplift);
    const json = JSON.parse(JSON.stringify(upliftModelToJSON(model)));
    expect(json).toMatchObject({ kind: "class-transformation", version: 1, rebalancing: model.rebalancing, fittedRows: model.fittedRows });
    expect(predictUplift(upliftModelFromJSON(json), test.table)).toEqual(uplift);
    expect(() => upliftModelFromJSON({ ...json, treatedShare: 1 })).toThrow("class-transformation model: treatedShare must be between 0 and 1, got 1");
    expect(() => upliftModelFromJSON({ ...json, rebalancing: "copies" })).toThrow("class-transformation model: unknown rebalancing copies");
  });

  it("refuses data it cannot learn from, naming the problem", () => {
    const small = syntheticCampaign(40, 5);
    const fit = (outcome: Uint8Array, treated: Uint8Array, options?: Record<string, unknown>) => () =>
      fitClassTransformation(small.table, outcome, treated, { kind: "logistic", seed: 1, options });
    expect(fit(small.outcome, new Uint8Array(40).fill(1))).toThrow("fitClassTransformation: there are no control rows (all 40 rows were treated)");
    expect(fit(small.outcome, new Uint8Array(40))).toThrow("fitClassTransformation: there are no treated rows (all 40 rows are in the holdout)");
    expect(fit(small.outcome, small.treated.subarray(2))).toThrow("fitClassTransformation: treated has 38 values for 40 rows");
    expect(fit(small.outcome, Uint8Array.from(small.treated, (t, i) => (i === 3 ? 2 : t)))).toThrow("fitClassTransformation: treated[3] is 2; treated must be 0 (holdout) or 1");
    expect(fit(small.outcome, small.treated, { sampleWeights: new Float64Array(40) })).toThrow("fitClassTransformation: sampleWeights are set by the class transformation itself");
  });
});
