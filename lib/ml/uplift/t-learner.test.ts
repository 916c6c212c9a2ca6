import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { predictResponses, fitTLearner, predictTLearner } from "./t-learner";
import { qiniCoefficient, upliftByDecile } from "./qini";
import { syntheticCampaign } from "./test-fixtures";
import { predictUplift, upliftModelFromJSON, upliftModelToJSON } from "./uplift-model";

const FOREST = { kind: "forest", seed: 3, options: { trees: 30 } } as const;
const train = syntheticCampaign(4000, 1);
const test = syntheticCampaign(4000, 2);
const model = fitTLearner(train.table, train.outcome, train.treated, FOREST);
const uplift = predictTLearner(model, test.table);

const meanWhere = (a: Float64Array, keep: (i: number) => boolean) => {
  let s = 0;
  let n = 0;
  a.forEach((v, i) => keep(i) && ((s += v), n++));
  return s / n;
};
const x = test.table.features[0]!.kind === "numeric" ? test.table.features[0]!.values : new Float64Array();

describe("T-learner", () => {
  it("ranks the persuadable region first and the sleeping dogs last", () => {
    // True uplift: log-odds +1.5 where x > 0, 0 for −1 ≤ x ≤ 0, −1.5 where x < −1.
    expect(meanWhere(uplift, (i) => x[i]! > 0)).toBeGreaterThan(0.2);
    expect(Math.abs(meanWhere(uplift, (i) => x[i]! <= 0 && x[i]! >= -1))).toBeLessThan(0.06);
    expect(meanWhere(uplift, (i) => x[i]! < -1)).toBeLessThan(-0.05);
    const deciles = upliftByDecile(uplift, test.outcome, test.treated);
    expect(deciles[0]!.observedUplift! - deciles[9]!.observedUplift!).toBeGreaterThan(0.25);
    // Nearly all of the top decile really is persuadable.
    const top = deciles[0]!.rows;
    const order = Array.from(uplift.keys()).sort((a, b) => uplift[b]! - uplift[a]! || a - b);
    expect(order.slice(0, top).filter((i) => x[i]! > 0).length / top).toBeGreaterThan(0.9);
  });

  it("beats a model that predicts noise on the Qini coefficient", () => {
    const rng = createRng(9);
    const noise = Float64Array.from(uplift, () => rng.next() - 0.5);
    const q = qiniCoefficient(uplift, test.outcome, test.treated);
    const qNoise = qiniCoefficient(noise, test.outcome, test.treated);
    expect(q).toBeGreaterThan(0.12);
    expect(Math.abs(qNoise)).toBeLessThan(0.05);
    // The generating model's own uplift, the best any model could rank by.
    expect(q).toBeGreaterThan(0.75 * qiniCoefficient(test.trueUplift, test.outcome, test.treated));
  });

  it("gives the difference of its two calibrated probabilities", () => {
    const { treated, control } = predictResponses(model, test.table);
    expect(Array.from(uplift.subarray(0, 20))).toEqual(Array.from(treated.subarray(0, 20), (p, i) => p - control[i]!));
    expect(model.rows.treated + model.rows.control).toBe(4000);
  });

  it("is the same model for the same seed", () => {
    const again = fitTLearner(train.table, train.outcome, train.treated, FOREST);
    expect(predictTLearner(again, test.table)).toEqual(uplift);
  });

  it("survives a JSON round trip with the same predictions", () => {
    const json = JSON.parse(JSON.stringify(upliftModelToJSON(model)));
    expect(json).toMatchObject({ kind: "t-learner", version: 1, rows: model.rows });
    expect(predictUplift(upliftModelFromJSON(json), test.table)).toEqual(uplift);
    expect(() => upliftModelFromJSON({ ...json, version: 2 })).toThrow("not a model of kind t-learner, version 1 (kind t-learner, version 2)");
    expect(() => upliftModelFromJSON({ ...json, rows: undefined })).toThrow("t-learner model: rows must hold whole treated and control counts");
    expect(() => upliftModelFromJSON({ kind: "s-learner" })).toThrow('not a stored uplift model: kind s-learner');
  });

  it("refuses data it cannot learn from, naming the problem", () => {
    const small = syntheticCampaign(40, 5);
    const ones = new Uint8Array(40).fill(1);
    const fit = (outcome: Uint8Array, treated: Uint8Array) => () => fitTLearner(small.table, outcome, treated, { kind: "logistic", seed: 1 });
    expect(fit(small.outcome, ones)).toThrow("fitTLearner: there are no control rows (all 40 rows were treated)");
    expect(fit(small.outcome, new Uint8Array(40))).toThrow("fitTLearner: there are no treated rows (all 40 rows are in the holdout)");
    expect(fit(small.outcome.subarray(1), small.treated)).toThrow("fitTLearner: the outcome has 39 values for 40 rows");
    expect(fit(small.outcome, small.treated.subarray(1))).toThrow("fitTLearner: treated has 39 values for 40 rows");
    expect(fit(Uint8Array.from(small.outcome, (y, i) => (small.treated[i] ? 0 : y)), small.treated)).toThrow(/fitTLearner: the treated group has no conversions in its \d+ rows/);
  });
});
