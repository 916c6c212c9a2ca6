import { describe, expect, it } from "vitest";
import { smallDataWarning } from "./small-data";

describe("smallDataWarning", () => {
  it("says how few there are and how wide the AUC could be, in the caller's noun", () => {
    expect(smallDataWarning({ rows: 2000, positives: 23, negatives: 1977, aucInterval: { low: 0.548, high: 0.853 }, positiveNoun: "clicks" })).toBe(
      "Only 23 clicks: the AUC could be anywhere from 0.55 to 0.85.",
    );
    expect(smallDataWarning({ rows: 150, positives: 90, negatives: 60, aucInterval: null, positiveNoun: "purchases" })).toBe(
      "Only 90 purchases and 60 rows without purchases: treat the AUC and the other figures as rough.",
    );
    expect(smallDataWarning({ rows: 500, positives: 1, negatives: 499, positiveNoun: "clicks" })).toBe("Only 1 click: treat the AUC and the other figures as rough.");
  });

  it("warns on a wide interval even with enough of each class", () => {
    expect(smallDataWarning({ rows: 4000, positives: 300, negatives: 3700, aucInterval: { low: 0.7, high: 0.82 }, positiveNoun: "clicks" })).toBe(
      "Even with 4,000 rows and 300 clicks, the AUC could be anywhere from 0.70 to 0.82.",
    );
  });

  it("is silent when there is enough data and the interval is narrow", () => {
    expect(smallDataWarning({ rows: 45000, positives: 5000, negatives: 40000, aucInterval: { low: 0.76, high: 0.79 } })).toBeNull();
    expect(smallDataWarning({ rows: 1000, positives: 100, negatives: 900 })).toBeNull();
    expect(() => smallDataWarning({ rows: -1, positives: 0, negatives: 0 })).toThrow("smallDataWarning: rows must be a finite count >= 0, got -1");
  });
});
