import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../days";
import { checkerboard } from "../../ml/recs/contract-suite";
import { GRIDS, HYBRID_GRID, tuneHybrid, tuneOnValidation } from "./tuning";

describe("tuning on held-back training data", () => {
  const { data } = checkerboard();

  it("tries every λ of EASE's grid and keeps one of them with its validation score", async () => {
    const seen: string[] = [];
    const t = (await tuneOnValidation("ease", data, async (i, n) => void seen.push(`${i + 1}/${n}`)))!;
    expect(seen).toEqual(["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]);
    expect(t.tried.map((x) => x.options)).toEqual(GRIDS.ease);
    expect(GRIDS.ease).toContainEqual(t.options);
    expect(t.ndcg).toBe(Math.max(...t.tried.map((x) => x.ndcg ?? -1)));
    expect(t.on).toBe("nDCG@10 on 25% of each customer's training items held out (seed 7)");
  });

  it("has no grid for models without hyper-parameters to choose", async () => {
    expect(await tuneOnValidation("popularity", data)).toBeNull();
  });

  it("weighs the hybrid's parts on the last days of training, by date", async () => {
    // The fixture's events fall 1 to 15 days before its as-of date; the last fifth of that span is held out.
    const t = (await tuneHybrid(data))!;
    expect(t.tried).toHaveLength(HYBRID_GRID.length);
    expect(HYBRID_GRID).toContainEqual(t.options);
    expect(t.on).toMatch(/^nDCG@10 of all purchases in the \d+ days before 2024-01-31, trained on the events before$/);
  });

  it("asks for customers' segments as they stood at the hybrid's validation cut-off", async () => {
    const asked: number[] = [];
    const segmentsAt = async (cutoff: number) => (asked.push(cutoff), new Int32Array(data.matrix.rows).fill(0));
    await tuneHybrid({ ...data, userSegment: new Int32Array(data.matrix.rows).fill(1), segmentNames: ["then", "now"] }, undefined, segmentsAt);
    expect(asked).toHaveLength(1);
    // The cut-off is inside the fixture's span, before its as-of date.
    expect(asked[0]).toBeLessThan(data.asOf!);
    expect(asked[0]).toBeGreaterThan(data.asOf! - 15 * DAY_MS);
    // Without segments in the data there is nothing to replace.
    asked.length = 0;
    const { userSegment: _s, segmentNames: _n, ...unsegmented } = data;
    await tuneHybrid(unsegmented, undefined, segmentsAt);
    expect(asked).toEqual([]);
  });
});
