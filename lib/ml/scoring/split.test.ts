import { describe, expect, it } from "vitest";
import { complementOf, stratifiedFolds, stratifiedSplit, timeSplit } from "./split";

const label = Uint8Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0)); // 10 positives, 40 negatives

describe("splits", () => {
  it("keeps the positive rate on both sides of a stratified split, and is seeded", () => {
    const { train, test } = stratifiedSplit(label, 0.2, 7);
    expect(test.length).toBe(10);
    expect(Array.from(test).filter((i) => label[i] === 1).length).toBe(2);
    expect(Array.from(train).filter((i) => label[i] === 1).length).toBe(8);
    expect(Array.from(complementOf(50, test))).toEqual(Array.from(train));
    expect(stratifiedSplit(label, 0.2, 7)).toEqual({ train, test });
    expect(Array.from(stratifiedSplit(label, 0.2, 8).test)).not.toEqual(Array.from(test));
  });

  it("tests on the latest rows, by time or in file order", () => {
    expect(timeSplit(5, 0.4, null)).toEqual({ train: Int32Array.from([0, 1, 2]), test: Int32Array.from([3, 4]) });
    expect(timeSplit(5, 0.4, Float64Array.from([50, 10, 40, 20, NaN]))).toEqual({ train: Int32Array.from([4, 1, 3]), test: Int32Array.from([2, 0]) });
  });

  it("deals stratified folds that cover every row once", () => {
    const fold = stratifiedFolds(label, 5, 1);
    const count = (f: number, cls: number) => Array.from(fold).filter((g, i) => g === f && label[i] === cls).length;
    expect([0, 1, 2, 3, 4].map((f) => [count(f, 1), count(f, 0)])).toEqual([[2, 8], [2, 8], [2, 8], [2, 8], [2, 8]]);
    expect(stratifiedFolds(label, 5, 1)).toEqual(fold);
    expect(stratifiedFolds(label, 5, 2)).not.toEqual(fold);
    expect(() => stratifiedFolds(Uint8Array.of(1, 0, 0, 0), 2, 1)).toThrow("2 folds need at least 2 rows of each class; class 1 has 1");
  });

  it("says why a share cannot split", () => {
    expect(() => stratifiedSplit(label, 1.2, 1)).toThrow("test share must be between 0 and 1, got 1.2");
    expect(() => timeSplit(1, 0.5, null)).toThrow("a test share of 0.5 leaves one side empty with 1 rows");
    expect(() => stratifiedFolds(label, 1, 1)).toThrow("folds must be a whole number of at least 2, got 1");
  });
});

describe("splits at scale", () => {
  it("splits a million rows (no spread of the rows onto the call stack)", () => {
    const big = Uint8Array.from({ length: 1_000_000 }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const { train, test } = stratifiedSplit(big, 0.2, 3);
    expect(train.length + test.length).toBe(1_000_000);
    expect(test.length).toBe(200_000);
  });
});
