import { describe, expect, it } from "vitest";
import { createRng } from "../ml/random";
import { normalQuantile } from "./distributions";
import { unitsForEffect } from "./power";
import { alwaysValidPValue, csMultiplier, sequentialUnitsForEffect } from "./sequential";
import { expectRel } from "./test-helpers";

describe("csMultiplier", () => {
  it("matches GrowthBook's sequential_interval_halfwidth (transcribed in numpy) divided by √V", () => {
    // rho = sqrt((-2 ln α + ln(-2 ln α + 1)) / N*);
    // halfwidth = sqrt(s2)·sqrt(2(nρ² + 1)·ln(sqrt(nρ² + 1)/α) / (nρ)²) with s2 = V·n, V = 0.37; value = halfwidth/√V
    const ref = [
      [1, 0.05, 5000, 61.49620294609536],
      [100, 0.05, 5000, 6.69438861706604],
      [5000, 0.05, 5000, 3.0352089903762534],
      [20000, 0.05, 5000, 3.127114143687991],
      [1e6, 0.05, 5000, 3.6565364661848063],
      [1000, 0.01, 100, 3.753389204352457],
      [3e4, 0.1, 1e5, 2.942011470086558],
      [123, 0.0125, 5000, 6.4923870831507005],
    ];
    for (const [n, alpha, tuning, m] of ref) expectRel(csMultiplier(n!, alpha!, tuning!), m!, 1e-13);
  });

  it("is wider than the fixed-horizon z at every n, and tightest near n = N*", () => {
    for (const alpha of [0.01, 0.05, 0.1]) {
      const z = normalQuantile(1 - alpha / 2);
      for (const tuning of [100, 5000, 1e5]) {
        for (let n = 1; n < 1e9; n *= 1.5) expect(csMultiplier(n, alpha, tuning)).toBeGreaterThan(z);
      }
    }
    const at = (n: number) => csMultiplier(n, 0.05, 5000);
    expect(at(5000)).toBeLessThan(at(2000));
    expect(at(5000)).toBeLessThan(at(12000));
  });

  it("shrinks as alpha grows at every n (the always-valid p-value relies on it)", () => {
    for (const n of [1, 10, 1000, 5000, 1e6, 1e9]) {
      let previous = Infinity;
      for (let logAlpha = -300; logAlpha < -1e-6; logAlpha += 0.05) {
        const m = csMultiplier(n, Math.exp(logAlpha), 5000);
        expect(m).toBeLessThanOrEqual(previous);
        previous = m;
      }
    }
  });

  it("refuses alpha outside (0, 1), tuning <= 0 and n <= 0", () => {
    expect(() => csMultiplier(10, 1)).toThrow("alpha must be strictly between 0 and 1, got 1");
    expect(() => csMultiplier(10, 0.05, 0)).toThrow("sequentialTuning must be > 0, got 0");
    expect(() => csMultiplier(0, 0.05)).toThrow("a confidence sequence needs n > 0 units, got 0");
  });
});

describe("alwaysValidPValue", () => {
  it("is the alpha at which the sequence just touches 0", () => {
    for (const [z, n] of [[3.5, 2000], [5, 100000], [8, 300]] as const) {
      const p = alwaysValidPValue(z, n);
      expectRel(csMultiplier(n, p), z, 1e-9);
    }
    // z = m(n, 0.05) gives exactly 0.05, where GrowthBook's e-value p-value (ρ tuned at 0.05) is 0.05 too.
    expectRel(alwaysValidPValue(csMultiplier(4000, 0.05), 4000), 0.05, 1e-9);
  });

  it("is 1 when the estimate is inside even the narrowest sequence, and never NaN far out", () => {
    expect(alwaysValidPValue(0, 1000)).toBe(1);
    expect(alwaysValidPValue(0.5, 1000)).toBe(1);
    expect(alwaysValidPValue(1e6, 1000)).toBe(0);
  });
});

describe("coverage under peeking (null data, seeded)", () => {
  it("stays ≥ 95% over 200 simulations × 50 looks, where the fixed-horizon interval does not", () => {
    // Two arms converting at 10%, a look every 100 impressions per arm up to 5,000. A look "errs" when its
    // interval for the difference excludes the true 0.
    const rng = createRng(20240601);
    const sims = 200;
    let sequentialMisses = 0;
    let fixedMisses = 0;
    const z = normalQuantile(0.975);
    for (let s = 0; s < sims; s++) {
      let a = 0;
      let b = 0;
      let n = 0;
      let seqErr = false;
      let fixErr = false;
      for (let look = 0; look < 50; look++) {
        for (let i = 0; i < 100; i++) {
          if (rng.next() < 0.1) a++;
          if (rng.next() < 0.1) b++;
        }
        n += 100;
        const pa = a / n;
        const pb = b / n;
        const se = Math.sqrt((pa * (1 - pa)) / n + (pb * (1 - pb)) / n);
        if (se === 0) continue;
        const t = Math.abs(pb - pa) / se;
        if (t > csMultiplier(2 * n, 0.05, 5000)) seqErr = true;
        if (t > z) fixErr = true;
      }
      if (seqErr) sequentialMisses++;
      if (fixErr) fixedMisses++;
    }
    expect(sequentialMisses / sims).toBeLessThanOrEqual(0.05);
    // Peeking 50 times at a fixed-horizon 95% interval errs far more often than 5%.
    expect(fixedMisses / sims).toBeGreaterThan(0.2); // 61 of 200 with this seed; the sequence errs in 2
  });
});

describe("sequentialUnitsForEffect", () => {
  it("needs more units than the fixed-horizon test, and reaches the power exactly there", () => {
    const d = 0.05;
    const n = sequentialUnitsForEffect(d, 0.05, normalQuantile(0.8))!;
    expect(n).toBeGreaterThan(unitsForEffect(d, 0.05, 0.8));
    expectRel(d * Math.sqrt(n / 2), csMultiplier(2 * n, 0.05) + normalQuantile(0.8), 1e-8);
    expect(sequentialUnitsForEffect(1e-9, 0.05, normalQuantile(0.8))).toBeNull();
  });
});
