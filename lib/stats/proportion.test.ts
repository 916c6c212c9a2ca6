import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./proportion";
import { expectRel } from "./test-helpers";

describe("wilsonInterval", () => {
  it("has the closed form at 0 successes: [0, z²/(n + z²)]", () => {
    // z = 1.959963984540054, n = 10: z² = 3.841458820694124 → 3.8414588/13.8414588 = 0.2775327998...
    const w = wilsonInterval(0, 10)!;
    expect(w.estimate).toBe(0);
    expect(w.low).toBe(0);
    const z2 = 1.959963984540054 ** 2;
    expectRel(w.high, z2 / (10 + z2), 1e-14);
  });

  it("matches scipy's Wilson interval (and statsmodels' proportion_confint(method='wilson'))", () => {
    // [k, n, confidence, *scipy.stats.binomtest(k, n).proportion_ci(confidence_level=c, method="wilson")];
    // statsmodels 0.13.5 proportion_confint(37, 1000, 0.05, "wilson") and (512, 10000, 0.01) agree to the last digit.
    const ref = [
      [37, 1000, 0.95, 0.026961180875554734, 0.05058239748206931],
      [0, 10, 0.95, 0, 0.27753279986288926],
      [10, 10, 0.95, 0.7224672001371109, 1],
      [1, 3, 0.9, 0.07826572633372841, 0.7464661317187758],
      [512, 10000, 0.99, 0.04581439511458826, 0.05718075832616529],
      [5, 1000000, 0.95, 2.1357029684685578e-6, 1.1705702681035744e-5],
      [123456, 400000, 0.95, 0.30721032703983325, 0.3100733484326685],
    ];
    for (const [k, n, c, low, high] of ref) {
      const w = wilsonInterval(k!, n!, c!)!;
      expect(w.estimate).toBe(k! / n!);
      expectRel(w.low, low!, 1e-12);
      expectRel(w.high, high!, 1e-12);
    }
  });

  it("returns null when there are no trials, and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 3)).toThrow("successes (5) cannot exceed trials (3)");
    expect(() => wilsonInterval(-1, 3)).toThrow("successes must be a finite count >= 0, got -1");
    expect(() => wilsonInterval(1, 3, 1)).toThrow("confidence must be strictly between 0 and 1, got 1");
  });
});
