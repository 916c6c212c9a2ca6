import { describe, expect, it } from "vitest";
import { effectForUnits, minimumDetectableEffect, normalPower, sampleSizePerArm, unitsForEffect } from "./power";
import { expectRel } from "./test-helpers";

describe("the normal power curve", () => {
  it("is alpha with no data and just below the textbook 2(z_α/2 + z_β)²/d², the far tail adding a little power", () => {
    expectRel(normalPower(0.3, 0, 0.05), 0.05, 1e-14);
    // (1.959964 + 0.841621)² = 7.848861 → 2·7.848861/0.01 = 1569.776 units per arm at d = 0.1
    const z = 1.959963984540054 + 0.8416212335729143;
    const n = unitsForEffect(0.1, 0.05, 0.8);
    expect(n).toBeLessThan((2 * z * z) / 0.01);
    expectRel(n, (2 * z * z) / 0.01, 1e-5);
    // statsmodels 0.13.5: NormalIndPower().solve_power(effect_size=0.1, alpha=0.05, power=0.8, ratio=1)
    expectRel(n, 1569.7721019023288, 1e-10);
  });

  it("finds the effect on statsmodels' power curve", () => {
    // zt_ind_solve_power(nobs1=1000, ...) stops early (0.1252903452971738, whose power is 0.8 − 1.3e-6), so the
    // reference is scipy.optimize.brentq(lambda d: NormalIndPower().power(d, n, 0.05, ratio=1) − 0.8, 1e-6, 1,
    // xtol=1e-15, rtol=1e-15) on statsmodels 0.13.5's own power function.
    expectRel(effectForUnits(1000, 0.05, 0.8), 0.12529054640575402, 1e-10);
    expectRel(effectForUnits(31234, 0.05, 0.8), 0.022418394139802483, 1e-10);
    expectRel(effectForUnits(1e6, 0.05, 0.8), 0.003962034959292055, 1e-10);
  });
});

describe("sampleSizePerArm", () => {
  it("matches statsmodels for proportions (Cohen's h through NormalIndPower)", () => {
    // [baseline, lift, confidence, power, NormalIndPower().solve_power(effect_size=proportion_effectsize(p1·(1 + lift), p1),
    //   alpha=1 − confidence, power=power, ratio=1, alternative="two-sided")]
    const ref = [
      [0.05, 0.1, 0.95, 0.8, 31217.423430777733],
      [0.02, 0.2, 0.95, 0.9, 28202.041676011675],
      [0.3, -0.05, 0.99, 0.8, 21480.299959777243],
      [0.5, 0.5, 0.9, 0.8, 45.10019178788102],
      [0.001, 1, 0.95, 0.8, 22839.598499008214],
    ];
    for (const [baseline, relativeLift, confidence, power, n] of ref) {
      expect(sampleSizePerArm({ kind: "proportion", baseline: baseline!, relativeLift: relativeLift!, confidence, power })).toBe(Math.ceil(n!));
    }
  });

  it("matches statsmodels for means and ratio metrics (effect = centre·lift/sd)", () => {
    // [mean, sd, lift, confidence, power, zt_ind_solve_power(effect_size=mean·lift/sd, alpha=1 − confidence, power=power, ratio=1)]
    const means = [
      [40, 60, 0.05, 0.95, 0.8, 14127.94891680152],
      [10, 2, 0.01, 0.95, 0.8, 6279.088407460958],
      [100, 250, -0.1, 0.9, 0.95, 13527.685240971594],
      [5, 5, 0.3, 0.99, 0.8, 259.5326255910637],
    ];
    for (const [mean, sd, relativeLift, confidence, power, n] of means) {
      expect(sampleSizePerArm({ kind: "mean", mean: mean!, sd: sd!, relativeLift: relativeLift!, confidence, power })).toBe(Math.ceil(n!));
    }
    // [ratio, variancePerUnit, lift, zt_ind_solve_power(effect_size=ratio·lift/sqrt(variancePerUnit), alpha=0.05, power=0.8, ratio=1)]
    const ratios = [
      [0.045, 0.0023, 0.1, 1782.9510292790376],
      [1.8, 4.5, 0.03, 24224.87811525192],
    ];
    for (const [ratio, variancePerUnit, relativeLift, n] of ratios) {
      expect(sampleSizePerArm({ kind: "ratio", ratio: ratio!, variancePerUnit: variancePerUnit!, relativeLift: relativeLift! })).toBe(Math.ceil(n!));
    }
  });

  it("returns null when there is nothing to detect or no spread, and refuses impossible rates", () => {
    expect(sampleSizePerArm({ kind: "proportion", baseline: 0.05, relativeLift: 0 })).toBeNull();
    expect(sampleSizePerArm({ kind: "proportion", baseline: 0, relativeLift: 0.1 })).toBeNull();
    expect(sampleSizePerArm({ kind: "mean", mean: 10, sd: 0, relativeLift: 0.1 })).toBeNull();
    expect(() => sampleSizePerArm({ kind: "proportion", baseline: 0.6, relativeLift: 1 })).toThrow("a baseline of 0.6 lifted by 1 is a rate of 1.2, above 1");
    expect(() => sampleSizePerArm({ kind: "proportion", baseline: 1.5, relativeLift: 0.1 })).toThrow("baseline must be a rate between 0 and 1, got 1.5");
    expect(() => sampleSizePerArm({ kind: "mean", mean: 1, sd: -1, relativeLift: 0.1 })).toThrow("sd must be a finite count >= 0, got -1");
    expect(() => sampleSizePerArm({ kind: "mean", mean: 1, sd: 1, relativeLift: 0.1, power: 0.01 })).toThrow("power 0.01 must exceed the false-positive rate");
    expect(() => sampleSizePerArm({ kind: "mean", mean: 1, sd: 1, relativeLift: 0.1, confidence: 95 })).toThrow("confidence must be strictly between 0 and 1, got 95");
  });
});

describe("minimumDetectableEffect", () => {
  it("inverts the proportion sample size: p₂ = sin²(asin√p₁ + d/2)", () => {
    // d = the brentq root above at n; mde = numpy.sin(numpy.arcsin(numpy.sqrt(p1)) + d/2)**2 / p1 − 1
    const ref = [
      [0.05, 10000, 0.17971897040567875],
      [0.3, 500, 0.27968229145876844],
      [0.001, 1e6, 0.12914413410229209],
    ];
    for (const [baseline, unitsPerArm, mde] of ref) {
      expectRel(minimumDetectableEffect({ kind: "proportion", baseline: baseline!, unitsPerArm: unitsPerArm! })!, mde!, 1e-8);
    }
  });

  it("is d·sd/|mean| for means and ratios, and round-trips with sampleSizePerArm", () => {
    // d at 1,000 per arm = 0.12529054640575402 (above) → 0.12529·60/40
    expectRel(minimumDetectableEffect({ kind: "mean", mean: 40, sd: 60, unitsPerArm: 1000 })!, (0.12529054640575402 * 60) / 40, 1e-10);
    expectRel(minimumDetectableEffect({ kind: "ratio", ratio: 0.045, variancePerUnit: 0.0023, unitsPerArm: 1000 })!, (0.12529054640575402 * Math.sqrt(0.0023)) / 0.045, 1e-10);
    const mde = minimumDetectableEffect({ kind: "mean", mean: 40, sd: 60, unitsPerArm: 5000 })!;
    expect(sampleSizePerArm({ kind: "mean", mean: 40, sd: 60, relativeLift: mde })).toBe(5000);
  });

  it("returns null with no units, a zero baseline or when even a rate of 1 would not be detected", () => {
    expect(minimumDetectableEffect({ kind: "proportion", baseline: 0.05, unitsPerArm: 0 })).toBeNull();
    expect(minimumDetectableEffect({ kind: "proportion", baseline: 0, unitsPerArm: 100 })).toBeNull();
    expect(minimumDetectableEffect({ kind: "proportion", baseline: 0.9, unitsPerArm: 3 })).toBeNull();
    expect(minimumDetectableEffect({ kind: "mean", mean: 0, sd: 1, unitsPerArm: 100 })).toBeNull();
    expect(() => minimumDetectableEffect({ kind: "mean", mean: 1, sd: 1, unitsPerArm: -5 })).toThrow("unitsPerArm must be a finite count >= 0, got -5");
  });
});
