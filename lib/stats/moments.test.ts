import { describe, expect, it } from "vitest";
import { summariseArm } from "./moments";
import { expectRel } from "./test-helpers";
import type { ArmMoments } from "./types";

const summarise = (moments: ArmMoments) => summariseArm({ name: "B", moments }, "customers");

describe("summariseArm", () => {
  it("gives the rate and p(1 − p)/n for a proportion", () => {
    const s = summarise({ kind: "proportion", units: 200, successes: 10 });
    expect(s.value).toBe(0.05);
    expectRel(s.variance!, (0.05 * 0.95) / 200, 1e-15);
  });

  it("gives the mean and s²/n from sums: 2, 4, 6 has mean 4 and s² = 4", () => {
    const s = summarise({ kind: "mean", units: 3, sum: 12, sumSquares: 56 });
    expect(s.value).toBe(4);
    expectRel(s.variance!, 4 / 3, 1e-15);
  });

  it("gives the ratio of sums and its delta-method variance: (1, 10), (3, 10) has R = 0.2", () => {
    // ψ = (num − 0.2·den)/10 = −0.1, +0.1 → Σ(ψ − ψ̄)² = 0.02 → Var(R) = 0.02/(2 − 1)/2 = 0.01
    const s = summarise({ kind: "ratio", units: 2, numSum: 4, numSumSquares: 10, denSum: 20, denSumSquares: 200, sumProducts: 40 });
    expectRel(s.value!, 0.2, 1e-15);
    expectRel(s.variance!, 0.01, 1e-12);
  });

  it("says why a figure is missing instead of returning NaN", () => {
    expect(summarise({ kind: "proportion", units: 0, successes: 0 })).toMatchObject({ value: null, variance: null, missing: "arm B has no customers yet" });
    expect(summarise({ kind: "mean", units: 1, sum: 5, sumSquares: 25 })).toMatchObject({ value: 5, variance: null, missing: "arm B has only 1 unit; a spread needs at least 2" });
    expect(summarise({ kind: "ratio", units: 3, numSum: 0, numSumSquares: 0, denSum: 0, denSumSquares: 0, sumProducts: 0 })).toMatchObject({
      value: null,
      missing: "arm B has a denominator of 0 so far",
    });
  });

  it("refuses sums no real data could have", () => {
    expect(() => summarise({ kind: "mean", units: 0, sum: 3, sumSquares: 9 })).toThrow("arm B has 0 units but non-zero sums");
    expect(() => summarise({ kind: "mean", units: 2, sum: Number.NaN, sumSquares: 9 })).toThrow("arm B sums must be a finite number, got NaN");
    expect(() => summarise({ kind: "mean", units: 2, sum: 1, sumSquares: -1 })).toThrow("arm B sumSquares must be a finite count >= 0, got -1");
    expect(() => summarise({ kind: "proportion", units: 2.5, successes: 3 })).toThrow("arm B successes (3) cannot exceed trials (2.5)");
  });
});
