import { describe, expect, it } from "vitest";
import { rowIndices, rowValues } from "../csr";
import type { InteractionLog } from "../types";
import { evaluationSetOf, givenSplit, heldOutOf, logOfMatrix, randomHoldOut, timeSplit, trainingDataOf } from "./splits";

function logOf(rows: [user: number, item: number, time?: number, weight?: number][]): InteractionLog {
  return {
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    time: Float64Array.from(rows, (r) => r[2] ?? 0),
    weight: Float32Array.from(rows, (r) => r[3] ?? 1),
  };
}

const pairs = (log: InteractionLog) => Array.from(log.user, (u, r) => `${u}:${log.item[r]}`);

describe("randomHoldOut", () => {
  // user 0: 1 item; user 1: 4 items; user 2: 8 items, item 10 bought three times; user 3: 2 items.
  const rows: [number, number][] = [[0, 0], [1, 1], [1, 2], [1, 3], [1, 4], [3, 5], [3, 6]];
  for (let i = 10; i < 18; i++) rows.push([2, i]);
  rows.push([2, 10], [2, 10]);
  const log = logOf(rows);
  const split = (seed: number) => randomHoldOut(log, { users: 4, items: 18, seed });

  it("holds out round(25%) of each user's distinct items, at least 1, never all; single-item users keep theirs", () => {
    const s = split(1);
    const testPerUser = [0, 1, 2, 3].map((u) => new Set(Array.from(s.test.item).filter((_, r) => s.test.user[r] === u)).size);
    // user 0: 1 item → 0; user 1: round(0.25 × 4) = 1; user 2: round(0.25 × 8) = 2; user 3: round(0.5) = 1 (of 2).
    expect(testPerUser).toEqual([0, 1, 2, 1]);
    expect([...pairs(s.train), ...pairs(s.test)].sort()).toEqual(pairs(log).sort());
  });

  it("keeps every row of a (user, item) pair on one side", () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = split(seed);
      const trainPairs = new Set(pairs(s.train));
      expect(pairs(s.test).filter((p) => trainPairs.has(p))).toEqual([]);
    }
  });

  it("is the same under a seed and differs across seeds", () => {
    expect(pairs(split(7).test)).toEqual(pairs(split(7).test));
    const distinct = new Set(Array.from({ length: 10 }, (_, seed) => pairs(split(seed).test).join(" ")));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it("names bad input", () => {
    expect(() => randomHoldOut(log, { users: 4, items: 18, fraction: 1 })).toThrow("fraction must be between 0 and 1, got 1");
    expect(() => randomHoldOut(log, { users: 3, items: 18 })).toThrow("user 3 outside 0..2");
  });
});

describe("timeSplit and the held-out sets", () => {
  // user 0 buys item 0 twice (before and after the cut-off) and item 1 after; user 1 only before;
  // user 2 only after (a newcomer).
  const log = logOf([[0, 0, 1, 2], [0, 0, 5, 1], [0, 1, 6, 1], [1, 2, 2, 1], [2, 1, 7, 1], [0, 2, 3, 3]]);
  const split = timeSplit(log, { users: 3, items: 3, cutoff: 5 });

  it("puts rows before the cut-off in train and the rest in test, as of the cut-off", () => {
    expect(pairs(split.train)).toEqual(["0:0", "1:2", "0:2"]);
    expect(pairs(split.test)).toEqual(["0:0", "0:1", "2:1"]);
    expect(split.asOf).toBe(5);
  });

  it("builds the training matrix with weights summed per pair and the log beside it", () => {
    const data = trainingDataOf(split, { itemText: ["a", "b", "c"] });
    expect(Array.from(rowIndices(data.matrix, 0))).toEqual([0, 2]);
    expect(Array.from(rowValues(data.matrix, 0))).toEqual([2, 3]);
    expect(data.log).toBe(split.train);
    expect(data).toMatchObject({ asOf: 5, itemText: ["a", "b", "c"] });
  });

  it('"all" keeps re-purchases, "new-items" drops them; newcomers are left out of both', () => {
    const train = trainingDataOf(split).matrix;
    const all = heldOutOf(split, train, "all");
    expect(Array.from(all.users)).toEqual([0]);
    expect(all.relevant.map((r) => Array.from(r))).toEqual([[0, 1]]);
    expect(heldOutOf(split, train, "new-items").relevant.map((r) => Array.from(r))).toEqual([[1]]);
    // user 0 left with only a re-purchase → dropped under "new-items".
    const onlyRepeat = timeSplit(logOf([[0, 0, 1], [0, 0, 9], [1, 1, 1], [1, 0, 9]]), { users: 2, items: 2, cutoff: 5 });
    const set = evaluationSetOf(onlyRepeat, "new-items");
    expect(Array.from(set.heldOut.users)).toEqual([1]);
  });

  it("takes a split given as two logs, and turns a matrix back into a log", () => {
    const s = givenSplit(logOf([[0, 0, 10], [1, 1, 20]]), logOf([[0, 1, 30]]), 2, 2);
    expect(s.asOf).toBe(20);
    expect(pairs(logOfMatrix(trainingDataOf(s).matrix))).toEqual(["0:0", "1:1"]);
  });
});

describe("keepPurchases", () => {
  it("keeps only rows marked as purchases, or everything when none are marked", async () => {
    const { keepPurchases } = await import("./splits");
    const log = { user: Int32Array.of(0, 0, 1), item: Int32Array.of(1, 2, 3), time: Float64Array.of(1, 2, 3), weight: Float32Array.of(5, 0.5, 5), isPurchase: Uint8Array.of(1, 0, 1) };
    const kept = keepPurchases(log);
    expect([Array.from(kept.user), Array.from(kept.item), Array.from(kept.time)]).toEqual([[0, 1], [1, 3], [1, 3]]);
    const unmarked = { ...log, isPurchase: undefined };
    expect(keepPurchases(unmarked)).toBe(unmarked);
    expect(keepPurchases({ ...log, isPurchase: Uint8Array.of(0, 0, 0) }).user.length).toBe(3);
  });
});

describe("sampleHeldOut", () => {
  const heldOut = { users: Int32Array.of(2, 5, 7, 9, 11), relevant: [Int32Array.of(0), Int32Array.of(1), Int32Array.of(2), Int32Array.of(3), Int32Array.of(4)] };

  it("keeps a seeded sample of the customers in ascending order, each with their own relevant items", async () => {
    const { sampleHeldOut } = await import("./splits");
    const s = sampleHeldOut(heldOut, 3, 1);
    expect(s.users).toHaveLength(3);
    expect(Array.from(s.users)).toEqual(Array.from(s.users).sort((a, b) => a - b));
    s.users.forEach((u, i) => expect(s.relevant[i]).toBe(heldOut.relevant[heldOut.users.indexOf(u)]));
    expect(sampleHeldOut(heldOut, 3, 1)).toEqual(s);
  });

  it("returns the set itself when it is no larger than the sample", async () => {
    const { sampleHeldOut } = await import("./splits");
    expect(sampleHeldOut(heldOut, 5, 1)).toBe(heldOut);
    expect(() => sampleHeldOut(heldOut, 0, 1)).toThrow("the sample of customers must be a whole number of at least 1, got 0");
  });
});
