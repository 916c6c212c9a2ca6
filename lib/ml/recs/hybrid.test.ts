import { describe, expect, it } from "vitest";
import { checkerboard, runRecommenderContract } from "./contract-suite";
import { historyOf, recommend } from "./recommend";
import { hybrid } from "./hybrid";

describe("hybrid", () => {
  runRecommenderContract(hybrid, { fitOptions: { weights: { "item-knn": 1, "buy-again": 0.5, content: 0.2 } } });

  const { data } = checkerboard();

  it("blends parts scaled to 0..1 per customer, and says how much each part gave", () => {
    const model = hybrid.fit(data, { weights: { "item-knn": 1, popularity: 1 } });
    const r = recommend(hybrid, model, 0, historyOf(data.matrix, 0), { n: 1 });
    // User 0 lacks item 0 of its group; item-kNN scores it top (scaled 1); popularity: item 0 is held by 4
    // of 12 users, item 5 by 5 (the best, scaled 1), so item 0 gets 4/5 and the blend 1 + 0.8 = 1.8.
    expect(Array.from(r.items)).toEqual([0]);
    expect(r.scores[0]).toBeCloseTo(1.8, 5);
    const reason = r.reasons[0]!;
    expect(reason.kind).toBe("blend");
    if (reason.kind !== "blend") return;
    expect(reason.parts.map((p) => p.algorithm)).toEqual(["item-knn", "popularity"]);
    expect(reason.parts[0]!.share).toBeCloseTo(1 / 1.8, 5);
    expect(reason.parts[0]!.reason?.kind).toBe("because-items");
  });

  it("falls back to the segment's best sellers for a customer with no history, and says so", () => {
    const model = hybrid.fit(data, { weights: { "item-knn": 1 } });
    const r = recommend(hybrid, model, 3, { items: new Int32Array(0), values: new Float32Array(0) }, { n: 2 });
    // User 3 is a gardener (segment 0): garden items 0–4 are each held by 4 or 5 of the 6 gardeners.
    expect(Array.from(r.items).every((i) => i < 5)).toBe(true);
    expect(r.reasons[0]).toMatchObject({ kind: "fallback", why: "no purchase history yet, so best sellers stand in", reason: { kind: "popular", scope: "segment", segment: "Gardeners" } });
  });

  it("refuses unknown parts and all-zero weights", () => {
    expect(() => hybrid.fit(data, { weights: { magic: 1 } as never })).toThrow('hybrid: unknown part "magic"');
    expect(() => hybrid.fit(data, { weights: { "item-knn": 0 } })).toThrow("hybrid: give at least one part a weight above 0");
    expect(() => hybrid.fit(data, { weights: { "item-knn": -1 } })).toThrow("the weight of item-knn must be a finite number of at least 0, got -1");
  });
});
