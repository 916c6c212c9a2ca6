// The recommenders' stored shapes (training and evaluation runs): what a job writes reads back the same,
// rows from before versions are migrated, and a newer or damaged row is refused rather than misread.
// Each stored model's own kind and version are checked by its fromJSON when serving loads it.
import { popularity as popularityRecommender } from "../../ml/recs/popularity";
import { describe, expect, it } from "vitest";
import { UserError } from "../../errors";
import { pack } from "../../ml/codec";
import { packCsr } from "../../ml/recs/model-support";
import { readStored, StoredShapeError } from "../../stored-json";
import { EVALUATION_SHAPES, EvaluationSettings, type EvaluationResult } from "./evaluation";
import { InteractionSettings } from "./training-data";
import { type StoredRecommenders, TRAINING_SHAPES, TrainSettings } from "./training";

const json = <T>(v: T) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

// Two customers (ids 7, 9) and two products (ids 3, 4): customer 7 has product 3, customer 9 both.
const matrix = { rows: 2, cols: 2, indptr: Int32Array.of(0, 1, 3), indices: Int32Array.of(0, 0, 1), values: Float32Array.of(1, 1, 2) };
// The module's own export: typed with its model, where the registry's entries are typed generically.
const popularity = popularityRecommender;
// What version 1 wrote: the ids, the matrix and the models inline.
const trainedV1 = {
  version: 1,
  settings: { interactions: { weights: { purchase: 5 }, halfLifeDays: 90 }, algorithms: ["popularity", "ease"], tune: false } as TrainSettings,
  asOf: "2026-03-02",
  users: 2,
  items: 2,
  interactions: 3,
  purchaseEvents: 3,
  customerIds: pack(Int32Array.of(7, 9)),
  productIds: pack(Int32Array.of(3, 4)),
  matrix: packCsr(matrix),
  models: { popularity: popularity.toJSON(popularity.fit({ matrix })) },
  fitSeconds: { popularity: 0.001 },
  skipped: { ease: "needs more items" },
  tuned: {},
};
// What version 2 writes: the summary, the models apart (ModelPart).
const { customerIds: _c, productIds: _p, matrix: _m, models: _models, ...summary } = trainedV1;
const trained: StoredRecommenders = { ...summary, version: 2, modelBytes: { popularity: 120 } };
const readTrained = (v: unknown) => readStored(TRAINING_SHAPES.result, v, "run 4");

describe("stored trained recommenders", () => {
  it("read back what a training job wrote", () => {
    expect(readTrained(json(trained))).toEqual(json(trained));
  });

  it("read a version-1 result with its models kept inline, for its fromJSON to check; and one from before versions", () => {
    const back = readTrained(json(trainedV1));
    expect(back).toMatchObject({ ...json(summary), version: 2, modelBytes: { popularity: 0 } });
    expect(popularity.fromJSON(back.inline!.models.popularity).counts).toEqual(Int32Array.of(2, 1));
    expect(back.inline!.customerIds).toEqual(json(trainedV1).customerIds);
    const { version: _, ...v0 } = json(trainedV1);
    expect(readTrained(v0)).toEqual(back);
  });

  it("refuse a result from a newer MarketLens", () => {
    expect(() => readTrained({ ...json(trained), version: 3 })).toThrow(
      new UserError("The stored trained recommenders of run 4 is in format version 3, written by a newer MarketLens than this one (which reads version 2): train the models again on the recommendations page.", "conflict"),
    );
  });

  it("refuse a damaged result: a model of an unknown algorithm, a negative size; an old one with ids as a number list", () => {
    expect(() => readTrained({ ...json(trained), modelBytes: { popularity: -1 } })).toThrow(
      new StoredShapeError("The stored trained recommenders of run 4 is damaged (modelBytes.popularity: Too small: expected number to be >=0) and cannot be read: train the models again on the recommendations page."),
    );
    expect(() => readTrained({ ...json(trainedV1), customerIds: [7, 9] })).toThrow(
      new UserError("The stored trained recommenders of run 4 is in format version 1, which this version of MarketLens cannot read (it reads version 2): train the models again on the recommendations page.", "conflict"),
    );
    expect(() => readTrained({ ...json(trained), modelBytes: { magic: 10 } })).toThrow("is damaged (modelBytes.magic: Invalid key in record)");
  });

  it("settings: stored ones from before versions migrate; limits are the recommendations page's", () => {
    expect(readStored(TRAINING_SHAPES.parameters, json(trained.settings), "run 4")).toEqual({ version: 1, ...trained.settings });
    expect(InteractionSettings.safeParse({ weights: { purchase: 0 } }).error?.issues[0]?.message).toBe("give at least one event type a weight above 0");
    expect(InteractionSettings.safeParse({ weights: { purchase: 1001 } }).error?.issues[0]?.message).toBe("a weight must be at most 1,000");
    expect(TrainSettings.safeParse({ ...trained.settings, algorithms: ["toString"] }).error?.issues[0]?.message).toBe("is not an algorithm");
  });

  it("metrics: the fit seconds per algorithm, NaN kept", () => {
    expect(readStored(TRAINING_SHAPES.metrics, json({ version: 1, fitSeconds: { popularity: NaN } }), "run 4").fitSeconds.popularity).toBeNaN();
  });
});

// One algorithm scored over 3 customers, one that failed; nDCG NaN is stored as null.
const evaluated: EvaluationResult = {
  version: 1,
  settings: { split: "time", testFrom: "2026-03-01", relevance: "new-items", k: 10, seed: 42, algorithms: ["popularity", "content"] },
  users: 3,
  trainInteractions: 40,
  testInteractions: 5,
  items: 12,
  rows: [
    { name: "popularity", ok: true, precision: 0.1, recall: 0.5, ndcg: NaN, map: 0.25, hitRate: 2 / 3, coverage: 0.25, popularityBias: 0.9, users: 3, fitSeconds: 0.01, recommendSeconds: 0.02 },
    { name: "content", ok: false, error: "no product text" },
  ],
};

describe("a stored evaluation", () => {
  it("reads back what the job wrote, NaN included, and a result from before versions", () => {
    const back = readStored(EVALUATION_SHAPES.result, json(evaluated), "run 8");
    expect(back).toEqual(evaluated);
    const { version: _, ...v0 } = json(evaluated);
    expect(readStored(EVALUATION_SHAPES.result, v0, "run 8")).toEqual(evaluated);
  });

  it("refuses a newer result, and a damaged one (a metric as text)", () => {
    expect(() => readStored(EVALUATION_SHAPES.result, { ...json(evaluated), version: 3 }, "run 8")).toThrow(
      "The stored evaluation result of run 8 is in format version 3, written by a newer MarketLens than this one (which reads version 1): run the evaluation again.",
    );
    const damaged = json(evaluated);
    damaged.rows = [{ ...evaluated.rows[0], recall: "0.5" }];
    expect(() => readStored(EVALUATION_SHAPES.result, damaged, "run 8")).toThrow(
      new StoredShapeError("The stored evaluation result of run 8 is damaged (rows.0.recall: Invalid input: expected number, received string) and cannot be read: run the evaluation again."),
    );
  });

  it("settings are checked as the evaluation page checks them: k from 1 to 50, a day as YYYY-MM-DD", () => {
    expect(readStored(EVALUATION_SHAPES.parameters, json(evaluated.settings), "run 8")).toEqual({ version: 1, ...evaluated.settings });
    expect(EvaluationSettings.safeParse({ ...evaluated.settings, k: 51 }).error?.issues[0]?.message).toBe("k must be at most 50");
    expect(EvaluationSettings.safeParse({ ...evaluated.settings, testFrom: "01/03/2026" }).error?.issues[0]?.message).toBe('"01/03/2026" is not a date as YYYY-MM-DD');
    expect(EvaluationSettings.safeParse({ ...evaluated.settings, testFrom: "2026-02-29" }).error?.issues[0]?.message).toBe('"2026-02-29" is not a real day: February 2026 has 28 days');
  });
});
