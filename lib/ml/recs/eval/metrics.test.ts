import { describe, expect, it } from "vitest";
import { coverage, popularityBias, popularityPercentiles, rankingMetrics } from "./metrics";

const rel = (...items: number[]) => Int32Array.from(items);

describe("rankingMetrics", () => {
  it("scores hits at ranks 2 and 4 of 4 against 3 relevant items", () => {
    // ranked 3, 1, 7, 5; relevant {1, 5, 9}: hits at rank 2 (item 1) and rank 4 (item 5).
    // precision = 2/4; recall = 2/3
    // DCG  = 1/log2(3) + 1/log2(5) = 0.6309298 + 0.4306766 = 1.0616064
    // IDCG over min(4, 3) = 3 ranks = 1 + 0.6309298 + 0.5 = 2.1309298 → nDCG = 0.4981893
    // AP   = (precision@2 + precision@4) / min(4, 3) = (1/2 + 2/4) / 3 = 1/3
    const m = rankingMetrics([3, 1, 7, 5], rel(1, 5, 9), 4);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.ndcg).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 0.5), 12);
    expect(m.ndcg).toBeCloseTo(0.498189, 6);
    expect(m.ap).toBeCloseTo(1 / 3, 12);
    expect(m.hit).toBe(1);
  });

  it("takes the ideal over min(k, |relevant|), so a full top-k of hits is perfect", () => {
    // k = 2, relevant {2, 4, 6, 8}, ranked 2, 4: precision 2/2; recall 2/4;
    // DCG = IDCG = 1 + 1/log2(3) → nDCG 1; AP = (1/1 + 2/2) / min(2, 4) = 1.
    expect(rankingMetrics([2, 4], rel(2, 4, 6, 8), 2)).toEqual({ precision: 1, recall: 0.5, ndcg: 1, ap: 1, hit: 1 });
  });

  it("divides precision by k even when the list is shorter, and scores a miss as zero", () => {
    // one item, a hit, k = 3: precision 1/3; recall 1/1; nDCG 1/1; AP (1/1) / min(3, 1) = 1.
    expect(rankingMetrics([5], rel(5), 3)).toEqual({ precision: 1 / 3, recall: 1, ndcg: 1, ap: 1, hit: 1 });
    expect(rankingMetrics([1, 2, 3], rel(4), 3)).toEqual({ precision: 0, recall: 0, ndcg: 0, ap: 0, hit: 0 });
  });

  it("looks only at the first k entries", () => {
    // k = 1, ranked 0, 9: item 9 at rank 2 is past k.
    expect(rankingMetrics([0, 9], rel(9), 1).hit).toBe(0);
  });

  it("refuses a bad k or a user with nothing relevant", () => {
    expect(() => rankingMetrics([1], rel(1), 0)).toThrow("k must be a whole number of at least 1, got 0");
    expect(() => rankingMetrics([1], rel(), 5)).toThrow("no relevant items");
  });
});

describe("catalogue measures", () => {
  it("coverage counts distinct recommended items over items with training users", () => {
    // popularity 2, 0, 1, 3: catalogue = items 0, 2, 3 (3 items); lists recommend {0, 3} → 2/3.
    expect(coverage([[0, 3], [3, 0]], Int32Array.from([2, 0, 1, 3]))).toBeCloseTo(2 / 3, 12);
    // Item 1 had no one in training (content scoring can offer it): outside the catalogue, so not counted.
    expect(coverage([[0, 1], [2, 3], [1]], Int32Array.from([2, 0, 1, 3]))).toBe(1);
  });

  it("popularity percentile = share of the catalogue no more popular; bias = its mean over slots", () => {
    // popularity 2, 0, 1, 3, 2: catalogue sorted 1, 2, 2, 3 (4 items).
    // item 0 (2): 3 of 4 are ≤ 2 → 0.75; item 1 (no users) → 0; item 2 (1) → 1/4; item 3 (3) → 4/4; item 4 → 0.75.
    const pct = popularityPercentiles(Int32Array.from([2, 0, 1, 3, 2]));
    expect(Array.from(pct)).toEqual([0.75, 0, 0.25, 1, 0.75]);
    // slots 3, 0 | 2 → (1 + 0.75 + 0.25) / 3 = 2/3.
    expect(popularityBias([[3, 0], [2]], pct)).toBeCloseTo(2 / 3, 12);
    expect(popularityBias([], pct)).toBeNaN();
  });
});
