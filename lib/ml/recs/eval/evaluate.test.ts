import { describe, expect, it } from "vitest";
import { csrFromRows } from "../csr";
import type { ModelHeader, Recommender, TrainingData } from "../types";
import { evaluateRecommenders, type AlgorithmScores } from "./evaluate";
import type { EvaluationSet } from "./splits";
import { tuneRecommender } from "./tune";

// A stand-in recommender while the registry is empty: score = sign × (distinct users per item).
interface PopModel extends ModelHeader {
  readonly counts: Float32Array;
  readonly sign: number;
}
const signedPopularity: Recommender<PopModel, { sign?: number }> = {
  name: "popularity",
  summary: "test double",
  fit(data: TrainingData, options = {}) {
    const sign = options.sign ?? 1;
    if (sign === 0) throw new RangeError("sign must not be 0");
    const counts = new Float32Array(data.matrix.cols);
    for (const i of data.matrix.indices) counts[i]! += 1;
    return { kind: "popularity", version: 1, users: data.matrix.rows, items: data.matrix.cols, counts, sign };
  },
  score(model, _user, _history, out) {
    model.counts.forEach((c, i) => (out[i] = model.sign * c));
  },
  explain: () => null,
  toJSON: (m) => m,
  fromJSON: (j) => j as PopModel,
};

// Train: u0 {0, 1}, u1 {0, 2}, u2 {0, 1, 3}, u3 {4} → popularity 3, 2, 1, 1, 1.
// Held out: u0 {2}, u1 {1, 4}, u3 {0}; u2 has nothing held out.
const set: EvaluationSet = {
  train: { matrix: csrFromRows(5, [[0, 1], [0, 2], [0, 1, 3], [4]]) },
  heldOut: { users: Int32Array.from([0, 1, 3]), relevant: [[2], [1, 4], [0]].map((r) => Int32Array.from(r)) },
};

describe("evaluateRecommenders", () => {
  it("ranks through recommendMany without the user's own items and averages over held-out users", () => {
    // k = 2, ties to the lower item. u0 → [2, 3]: hit at 1; P 1/2, R 1, nDCG 1, AP 1.
    // u1 → [1, 3]: hit at 1 of {1, 4}; P 1/2, R 1/2, nDCG 1 / (1 + 1/log2 3) = 0.6131472, AP 1 / min(2, 2) = 1/2.
    // u3 → [0, 1]: hit at 1; P 1/2, R 1, nDCG 1, AP 1.
    // Means: P 0.5; R 2.5/3; nDCG 2.6131472/3 = 0.8710491; MAP 2.5/3; hit rate 1.
    // Coverage {0, 1, 2, 3} / 5 = 0.8. Percentiles (popularities 1,1,1,2,3): item 0 → 1, item 1 → 4/5, items 2–4 → 3/5;
    // slots .6 .6 | .8 .6 | 1 .8 → 4.4 / 6 = 0.7333333.
    let clock = 0;
    const rows = evaluateRecommenders([{ name: "pop", recommender: signedPopularity }], set, { k: 2, excludeSeen: true, now: () => (clock += 1000) });
    const r = rows[0] as AlgorithmScores;
    expect(r).toMatchObject({ name: "pop", ok: true, precision: 0.5, hitRate: 1, coverage: 0.8, users: 3, fitSeconds: 1, recommendSeconds: 1 });
    expect(r.recall).toBeCloseTo(2.5 / 3, 12);
    expect(r.ndcg).toBeCloseTo((2 + 1 / (1 + 1 / Math.log2(3))) / 3, 12);
    expect(r.ndcg).toBeCloseTo(0.871049, 6);
    expect(r.map).toBeCloseTo(2.5 / 3, 12);
    expect(r.popularityBias).toBeCloseTo(4.4 / 6, 12);
  });

  it("lets seen items back when excludeSeen is false", () => {
    // Everyone gets [0, 1]. u0: no hit. u1: hit at 2 → P 1/2, R 1/2, nDCG (1/log2 3)/(1 + 1/log2 3) = 0.3868528, AP (1/2)/2 = 1/4.
    // u3: hit at 1 → P 1/2, R 1, nDCG 1, AP 1. Means: P 1/3, R 1/2, nDCG 1.3868528/3, MAP 1.25/3, hit rate 2/3; coverage 2/5.
    const r = evaluateRecommenders([{ name: "pop", recommender: signedPopularity }], set, { k: 2, excludeSeen: false })[0] as AlgorithmScores;
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBeCloseTo(0.5, 12);
    expect(r.ndcg).toBeCloseTo((1 + 1 / Math.log2(3) / (1 + 1 / Math.log2(3))) / 3, 12);
    expect(r.map).toBeCloseTo(1.25 / 3, 12);
    expect(r.hitRate).toBeCloseTo(2 / 3, 12);
    expect(r.coverage).toBeCloseTo(0.4, 12);
  });

  it("reports a recommender that throws as a failed row and goes on with the rest", () => {
    const lines: string[] = [];
    const rows = evaluateRecommenders(
      [
        { name: "broken", recommender: signedPopularity, fitOptions: { sign: 0 } },
        { name: "pop", recommender: signedPopularity },
      ],
      set,
      { k: 2, excludeSeen: true, onProgress: (l) => lines.push(l) },
    );
    expect(rows[0]).toEqual({ name: "broken", ok: false, error: "sign must not be 0" });
    expect(rows[1]!.ok).toBe(true);
    expect(lines).toContain("broken: failed: sign must not be 0");
  });
});

describe("tuneRecommender", () => {
  // 40 users who all have items 0–3 (the popular ones) and one of items 4–13 each: any per-user hold-out
  // mostly hides popular items, so ranking by popularity (sign +1) must beat ranking against it (−1).
  const rows = Array.from({ length: 40 }, (_, u) => [0, 1, 2, 3, 4 + (u % 10)]);
  const data: TrainingData = { matrix: csrFromRows(14, rows) };

  it("picks the option set with the best validation nDCG and keeps the table of trials", () => {
    const result = tuneRecommender(signedPopularity, data, [{ sign: -1 }, { sign: 0 }, { sign: 1 }], { k: 3, seed: 3 });
    expect(result.best).toEqual({ sign: 1 });
    expect(result.tried.map((t) => t.options)).toEqual([{ sign: -1 }, { sign: 0 }, { sign: 1 }]);
    expect(result.tried[1]!.result).toEqual({ ok: false, error: "sign must not be 0" });
    const [worse, , better] = result.tried.map((t) => (t.result.ok ? t.result.ndcg : NaN));
    expect(better).toBe(result.bestNdcg);
    expect(better!).toBeGreaterThan(worse!);
    // Same seed, same validation split, same table.
    expect(tuneRecommender(signedPopularity, data, [{ sign: -1 }, { sign: 1 }], { k: 3, seed: 3 }).bestNdcg).toBe(result.bestNdcg);
  });

  it("scores a seeded sample of the held-back customers when told to, and says how many there were", () => {
    const all = tuneRecommender(signedPopularity, data, [{ sign: 1 }], { k: 3, seed: 3 });
    const some = tuneRecommender(signedPopularity, data, [{ sign: 1 }], { k: 3, seed: 3, maxUsers: 15 });
    expect([all.heldOutUsers, some.heldOutUsers]).toEqual([40, 40]);
    const scored = (r: typeof all) => (r.tried[0]!.result.ok ? r.tried[0]!.result.users : 0);
    expect([scored(all), scored(some)]).toEqual([40, 15]);
  });

  it("says so when every candidate fails or there are none", () => {
    expect(() => tuneRecommender(signedPopularity, data, [{ sign: 0 }])).toThrow("every candidate failed for popularity; first error: sign must not be 0");
    expect(() => tuneRecommender(signedPopularity, data, [])).toThrow("no candidate options");
  });
});
