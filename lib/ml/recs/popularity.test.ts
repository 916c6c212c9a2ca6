import { describe, expect, it } from "vitest";
import { DAY_MS } from "../time";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows } from "./csr";
import { popularity, segmentPopularity, trending } from "./popularity";
import { historyOf, recommend } from "./recommend";
import type { TrainingData } from "./types";

const none = { items: new Int32Array(0), values: new Float32Array(0) };
const asOf = Date.UTC(2024, 5, 30);

// 4 users × 3 items. Users having each item: item 0 {u0}, item 1 {u0, u1, u2}, item 2 {u2, u3}.
// User 0 has item 1 with weight 5, which must count once like everyone else's.
const matrix = csrFromRows(3, [[0, 1], [1], [1, 2], [2]], [[1, 5], [1], [1, 1], [1]]);

describe("popularity", () => {
  // On the checkerboard one item of the other taste group is more popular than the user's held-out item
  // (it is missing from one user, the held-out item from two), so a global count cannot rank it first.
  runRecommenderContract(popularity, { ranksHeldOutFirst: false });

  it("ranks by distinct users and says how many", () => {
    const model = popularity.fit({ matrix });
    expect(Array.from(model.counts)).toEqual([1, 3, 2]);
    const r = recommend(popularity, model, 3, historyOf(matrix, 3), { n: 3 });
    expect(Array.from(r.items)).toEqual([1, 0]);
    expect(Array.from(r.scores)).toEqual([3, 1]);
    expect(r.reasons[0]).toEqual({ kind: "popular", scope: "global", customers: 3 });
    expect(Array.from(recommend(popularity, model, 99, none, { n: 3 }).items)).toEqual([1, 2, 0]);
  });

  it("refuses a model with the wrong number of counts", () => {
    const json = popularity.toJSON(popularity.fit({ matrix })) as Record<string, unknown>;
    expect(() => popularity.fromJSON({ ...json, items: 4 })).toThrow("popularity model: counts holds 3 values, expected 4");
  });
});

describe("trending", () => {
  runRecommenderContract(trending, { ranksHeldOutFirst: false });

  // Window of 7 days: (asOf − 7 days, asOf]. Item 0: u0 twice (one user), u1 eight days ago (too old);
  // item 2: u1 and u2; item 1: u3 after asOf and u2 exactly 7 days before, both outside. So 0 → 1, 1 → 0, 2 → 2.
  const log = {
    user: Int32Array.from([0, 0, 1, 1, 2, 3, 2]),
    item: Int32Array.from([0, 0, 0, 2, 2, 1, 1]),
    time: Float64Array.from([asOf - DAY_MS, asOf - 2 * DAY_MS, asOf - 8 * DAY_MS, asOf - 3 * DAY_MS, asOf - 6.9 * DAY_MS, asOf + DAY_MS, asOf - 7 * DAY_MS]),
    weight: new Float32Array(7).fill(1),
  };
  const data: TrainingData = { matrix, log, asOf };

  it("counts distinct users inside the window only", () => {
    const model = trending.fit(data, { windowDays: 7 });
    expect(Array.from(model.counts)).toEqual([1, 0, 2]);
    const r = recommend(trending, model, 99, none, { n: 3 });
    expect(Array.from(r.items)).toEqual([2, 0, 1]);
    expect(r.reasons[0]).toEqual({ kind: "popular", scope: "trending", windowDays: 7, customers: 2 });
    // The default 30 days also takes u1's item 0 and u2's item 1; u3's future row still does not count.
    expect(Array.from(trending.fit(data).counts)).toEqual([2, 1, 2]);
  });

  it("says what is missing or wrong", () => {
    expect(() => trending.fit({ matrix })).toThrow("trending needs the interaction log and asOf in the training data; got no log and asOf undefined");
    expect(() => trending.fit({ matrix, log })).toThrow("got a log and asOf undefined");
    expect(() => trending.fit(data, { windowDays: 0 })).toThrow("windowDays must be a positive finite number, got 0");
    expect(() => trending.fit(data, { windowDays: Number.NaN })).toThrow(RangeError);
    const badLog = { ...log, item: Int32Array.from([0, 0, 0, 2, 2, 1, 3]) };
    expect(() => trending.fit({ ...data, log: badLog })).toThrow("trending: log row 6 has user 2 and item 3, outside 4 users × 3 items");
  });
});

describe("segment-popularity", () => {
  runRecommenderContract(segmentPopularity);

  // Users 0 and 1 are "Families", user 2 "Students", user 3 has no segment.
  // Families: item 0 {u0}, item 1 {u0, u1}, item 2 {}. Students: item 1 {u2}, item 2 {u2}.
  const data: TrainingData = { matrix, userSegment: Int32Array.from([0, 0, 1, -1]), segmentNames: ["Families", "Students"] };

  it("counts within the user's segment and names it", () => {
    const model = segmentPopularity.fit(data);
    expect(Array.from(model.segmentCounts)).toEqual([1, 2, 0, 0, 1, 1]);
    const r = recommend(segmentPopularity, model, 1, historyOf(matrix, 1), { n: 2 });
    expect(Array.from(r.items)).toEqual([0, 2]);
    expect(Array.from(r.scores)).toEqual([1, 0]);
    expect(r.reasons[0]).toEqual({ kind: "popular", scope: "segment", segment: "Families", customers: 1 });
  });

  it("gives users without a segment, or unseen in training, the global counts", () => {
    const model = segmentPopularity.fit(data);
    const r = recommend(segmentPopularity, model, 3, historyOf(matrix, 3), { n: 2 });
    expect(Array.from(r.items)).toEqual([1, 0]);
    expect(r.reasons[0]).toEqual({ kind: "popular", scope: "global", customers: 3 });
    expect(Array.from(recommend(segmentPopularity, model, 17, none, { n: 3 }).items)).toEqual([1, 2, 0]);
  });

  it("says what is missing or wrong", () => {
    expect(() => segmentPopularity.fit({ matrix })).toThrow("segment-popularity needs userSegment and segmentNames in the training data");
    expect(() => segmentPopularity.fit({ ...data, userSegment: Int32Array.from([0, 1]) })).toThrow("segment-popularity: userSegment covers 2 users, the matrix has 4");
    expect(() => segmentPopularity.fit({ ...data, userSegment: Int32Array.from([0, 2, 1, -1]) })).toThrow("segment-popularity: user 1 has segment 2, outside -1..1");
  });
});
