import { describe, expect, it } from "vitest";
import { attribute } from "./attribute";
import { days, identity, purchasesOf, randomData, touchesOf } from "./fixtures";
import { buildJourneys } from "./journeys";
import { conversionProbability, countTransitions, fitMarkov } from "./markov";
import { DEFAULT_ATTRIBUTION_SETTINGS as D } from "./settings";
import type { Journeys } from "./types";

type Row = [number, number, number, "click"];

/** One customer per path: clicks a day apart, then a purchase a day after the last click when `converts`. */
function journeysOf(paths: readonly (readonly [number[], number])[]): Journeys {
  const t: Row[] = [];
  const p: [number, number, number][] = [];
  paths.forEach(([campaigns, revenue], c) => {
    campaigns.forEach((k, i) => t.push([c, days(i), k, "click"]));
    if (revenue > 0) p.push([c, days(campaigns.length), revenue]);
  });
  return buildJourneys(touchesOf(t), purchasesOf(p), D);
}

describe("Markov removal effects by hand", () => {
  it("reproduces the textbook example C1 → C2 → conv, C1 → null, C2 → conv", () => {
    // Transitions: START → C1 2, START → C2 1; C1 → C2 1, C1 → NULL 1; C2 → CONV 2.
    // h(C2) = 1; h(C1) = ½ · 1 = ½; P = h(START) = ⅔ · ½ + ⅓ · 1 = ⅔.
    // Without C1: START → C1 goes to NULL, P = ⅓ · 1 = ⅓ → RE(C1) = 1 − ⅓ / ⅔ = ½.
    // Without C2: no path reaches CONV, P = 0 → RE(C2) = 1.
    // Shares ½ / 1½ = ⅓ and 1 / 1½ = ⅔ of 2 purchases and 30 + 60 = 90 revenue → C1 ⅔, 30; C2 4/3, 60.
    const j = journeysOf([[[0, 1], 30], [[0], 0], [[1], 60]]);
    const fit = fitMarkov(j, D, identity(2), 2);
    expect(fit.conversionProbability).toBeCloseTo(2 / 3, 12);
    expect(Array.from(fit.removalEffects)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(1, 12)]);
    expect(fit.fellBack).toBe(false);
    const c = attribute(j, "markov", D, identity(2), 2);
    expect(c.purchases[0]).toBeCloseTo(2 / 3, 12);
    expect(c.purchases[1]).toBeCloseTo(4 / 3, 12);
    expect(c.revenue[0]).toBeCloseTo(30, 10);
    expect(c.revenue[1]).toBeCloseTo(60, 10);
  });

  // A, B, C = states 0, 1, 2. Converting: ABC, AC, B, A; non-converting: AB, C, BC.
  // START: A 4/7, B 2/7, C 1/7. A: B 2/4, C 1/4, CONV 1/4. B: C 2/4, CONV 1/4, NULL 1/4. C: CONV ½, NULL ½.
  // h(C) = ½; h(B) = ½·½ + ¼ = ½; h(A) = ½·½ + ¼·½ + ¼ = 5/8; P = 4/7·5/8 + 2/7·½ + 1/7·½ = 4/7.
  // Without A: P = 2/7·½ + 1/7·½ = 3/14 → RE 1 − (3/14)/(4/7) = 5/8.
  // Without B: h(A) = ¼·½ + ¼ = 3/8, P = 4/7·3/8 + 1/7·½ = 2/7 → RE ½.  Without C: h(B) = ¼, h(A) = 3/8, P = 2/7 → RE ½.
  // Σ RE = 13/8 → shares 5/13, 4/13, 4/13 of 4 purchases. NumPy agrees:
  //   T = cnt / cnt.sum(1, keepdims=True); Q, r = T[:, :4], T[:, 4]   (cnt rows A, B, C, START; cols A, B, C, START, CONV, NULL)
  //   P = np.linalg.solve(np.eye(4) - Q, r)[3]                       → 0.5714285714  (removal: zero Q[:, s], Q[s], r[s])
  //   RE → [0.625, 0.5, 0.5], shares → [0.38461538, 0.30769231, 0.30769231]
  const threeChannel: [number[], number][] = [[[0, 1, 2], 10], [[0, 2], 10], [[1], 10], [[0], 10], [[0, 1], 0], [[2], 0], [[1, 2], 0]];

  it("matches a hand and NumPy computation on three channels", () => {
    const fit = fitMarkov(journeysOf(threeChannel), D, identity(3), 3);
    expect(fit.conversionProbability).toBeCloseTo(4 / 7, 12);
    [5 / 8, 1 / 2, 1 / 2].forEach((re, s) => expect(fit.removalEffects[s]).toBeCloseTo(re, 12));
    [5 / 13, 4 / 13, 4 / 13].forEach((share, s) => expect(fit.shares[s]).toBeCloseTo(share, 12));
    const c = attribute(journeysOf(threeChannel), "markov", D, identity(3), 3);
    [20 / 13, 16 / 13, 16 / 13].forEach((n, s) => expect(c.purchases[s]).toBeCloseTo(n, 12));
  });

  it("works on the states given: six campaigns mapped to the same three channels give the same answer", () => {
    // Campaign k is channel k % 3; the first path becomes A A′ B C (campaigns 0, 3, 1, 2), a repeat of A collapsed.
    const campaigns = threeChannel.map(([path, rev], i): [number[], number] => [i === 0 ? [0, 3, 1, 2] : path.map((k) => k + 3 * (i % 2)), rev]);
    const fit = fitMarkov(journeysOf(campaigns), D, Int32Array.of(0, 1, 2, 0, 1, 2), 3);
    [5 / 8, 1 / 2, 1 / 2].forEach((re, s) => expect(fit.removalEffects[s]).toBeCloseTo(re, 12));
  });
});

describe("Markov against the direct computation", () => {
  const { touches, purchases } = randomData(11, 400, 6);
  const j = buildJourneys(touches, purchases, D);

  it("equals re-solving the chain with each state removed, with or without collapsing repeats", () => {
    const fit = fitMarkov(j, D, identity(6), 6);
    expect(fit.conversionProbability).toBeGreaterThan(0);
    for (const keepRepeats of [false, true]) {
      const counts = countTransitions(j, identity(6), 6, keepRepeats);
      const p = conversionProbability(counts, 6);
      expect(p).toBeCloseTo(fit.conversionProbability, 12);
      for (let s = 0; s < 6; s++) expect(fit.removalEffects[s]).toBeCloseTo(1 - conversionProbability(counts, 6, s) / p, 12);
    }
    // The random data does repeat campaigns back to back, so the check above is not vacuous.
    const kept = countTransitions(j, identity(6), 6, true);
    expect([0, 1, 2, 3, 4, 5].some((s) => kept[s * 9 + s]! > 0)).toBe(true);
  });

  it("solves a few hundred states and shares sum to 1", () => {
    const { touches, purchases } = randomData(5, 3_000, 300);
    const big = buildJourneys(touches, purchases, D);
    const fit = fitMarkov(big, D, identity(300), 300);
    expect(fit.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(fit.removalEffects.every((re) => re >= 0 && re <= 1)).toBe(true);
  });
});

describe("Markov without conversions", () => {
  it("gives P = 0 and zero credit when nothing converted, or nothing happened", () => {
    for (const j of [journeysOf([[[0, 1], 0], [[1], 0]]), journeysOf([])]) {
      const fit = fitMarkov(j, D, identity(2), 2);
      expect(fit).toEqual({ conversionProbability: 0, removalEffects: new Float64Array(2), shares: new Float64Array(2), fellBack: false });
      const c = attribute(j, "markov", D, identity(2), 2);
      expect(Array.from(c.purchases).concat(Array.from(c.revenue))).toEqual([0, 0, 0, 0]);
    }
  });

  it("needs no non-converting paths", () => {
    // Only A → conv and B → conv: P = 1; without A, P = ½ → RE ½; the same for B → shares ½, ½.
    const fit = fitMarkov(journeysOf([[[0], 5], [[1], 5]]), D, identity(2), 2);
    expect(fit.conversionProbability).toBeCloseTo(1, 12);
    expect(Array.from(fit.shares)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.5, 12)]);
  });
});
