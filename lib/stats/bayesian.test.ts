import { describe, expect, it } from "vitest";
import { differenceInterval, expectedShortfall, normalChanceAndLoss, probabilityGreater, relativeInterval } from "./bayesian";
import { expectRel } from "./test-helpers";

const beta = (a: number, b: number) => ({ a, b });
const uniform = beta(1, 1);

describe("beta posteriors by hand", () => {
  it("two uniforms: P = ½, E[max(X − Y, 0)] = 1/6, Y − X triangular, Y/X with cdf r/2 below 1", () => {
    expectRel(probabilityGreater(uniform, uniform), 0.5, 1e-13);
    expectRel(expectedShortfall(uniform, uniform), 1 / 6, 1e-13);
    // P(Y − X ≤ d) = (1 + d)²/2 for d < 0 → the 2.5% point is √0.05 − 1
    const [dLow, dHigh] = differenceInterval(uniform, uniform, 0.95);
    expectRel(dLow, Math.sqrt(0.05) - 1, 1e-9);
    expectRel(dHigh, 1 - Math.sqrt(0.05), 1e-9);
    // P(Y/X ≤ r) = r/2 (r ≤ 1), 1 − 1/(2r) (r > 1) → quantiles 0.05 and 20 → lifts −95% and +1900%
    const [rLow, rHigh] = relativeInterval(uniform, uniform, 0.95);
    expectRel(rLow, -0.95, 1e-9);
    expectRel(rHigh, 19, 1e-9);
  });

  it("Beta(2, 1) beats a uniform with probability ∫ 2x·x dx = 2/3", () => {
    expectRel(probabilityGreater(beta(2, 1), uniform), 2 / 3, 1e-13);
  });

  it("Beta(3, 9) beats Beta(1, 11) with probability 25/28 (Evan Miller's closed sum)", () => {
    // Σ_{i<3} B(1 + i, 20) / ((9 + i)·B(1 + i, 9)·B(1, 11)) = 25/28
    expectRel(probabilityGreater(beta(3, 9), beta(1, 11)), 25 / 28, 1e-13);
  });
});

describe("beta posteriors against scipy numerical integration", () => {
  // [aA, bA, aB, bB, chance, loss, diffLow, diffHigh, relLow, relHigh] with A = scipy.stats.beta(aA, bA),
  // B = scipy.stats.beta(aB, bB), integrate.quad over A's mean ± 40 sd (epsabs 1e-15, epsrel 1e-13):
  //   chance = quad(A.pdf(x)·B.sf(x)); loss = quad(A.pdf(x)·quad((x − y)·B.pdf(y), 0, x))
  //   diff* = brentq(quad(A.pdf(x)·B.cdf(x + d)) − q); rel* = brentq(quad(A.pdf(x)·B.cdf(r·x)) − q) − 1, q = 0.025, 0.975
  const ref = [
    // 37 of 1,000 vs 52 of 1,000 with a Beta(1, 1) prior
    [38, 964, 53, 949, 0.947398677049256, 0.00020643874510538815, -0.0031526390054800904, 0.03333550428653123, -0.0675425505626126, 1.1177038841006564],
    [1, 11, 3, 9, 0.8928571428571426, 0.0077639751552795065, -0.1075707383547061, 0.46011899655289945, -0.5116615517557146, 107.45492309032298],
    // Jeffreys prior, 0 of 1,000: a density singular at 0
    [0.5, 1000.5, 3.5, 997.5, 0.9669499807345966, 2.7732572133968248e-5, -0.00022194524902952351, 0.0076060610711840525, -0.13145130774406655, 6633.205944381794],
    // 500 of 100,000 vs 560 of 100,000: posteriors of width 2e-4
    [501, 99501, 561, 99441, 0.9676458766441057, 4.116549793377851e-6, -3.661449857702285e-5, 0.0012376325306125869, -0.00687751461413566, 0.2630734740224907],
    // arms of very different width: 5 of 100 vs 500 of 10,000
    [6, 96, 501, 9501, 0.3946283293248743, 0.013811470609063984, -0.06181245122238614, 0.02828591747343871, -0.5547288898371167, 1.2715427457102058],
  ];
  it.each(ref)("Beta(%d, %d) vs Beta(%d, %d)", (aA, bA, aB, bB, chance, loss, dLow, dHigh, rLow, rHigh) => {
    const A = beta(aA!, bA!);
    const B = beta(aB!, bB!);
    expectRel(probabilityGreater(B, A), chance!, 1e-10);
    expectRel(expectedShortfall(A, B), loss!, 1e-9);
    const d = differenceInterval(A, B, 0.95);
    expectRel(d[0], dLow!, 1e-8);
    expectRel(d[1], dHigh!, 1e-8);
    const r = relativeInterval(A, B, 0.95);
    expectRel(r[0], rLow!, 1e-8);
    expectRel(r[1], rHigh!, 1e-8);
  });

  it("agrees with a seeded Monte Carlo within its own error", () => {
    // rng = numpy.random.default_rng(2024); x = rng.beta(38, 964, 4e6); y = rng.beta(53, 949, 4e6)
    // mean(y > x) = 0.94757425 (se 1.1e-4); mean(max(x − y, 0)) = 0.00020593857900847974 (se 5.9e-7)
    const A = beta(38, 964);
    const B = beta(53, 949);
    expect(Math.abs(probabilityGreater(B, A) - 0.94757425)).toBeLessThan(4 * 1.1144e-4);
    expect(Math.abs(expectedShortfall(A, B) - 0.00020593857900847974)).toBeLessThan(4 * 5.94e-7);
  });
});

describe("normalChanceAndLoss", () => {
  it("gives Φ(d/s) and E[max(−D, 0)] for D ~ N(d, s²)", () => {
    // d = 0: loss = s·φ(0) = s/√(2π)
    expectRel(normalChanceAndLoss(0, 2).loss, 2 / Math.sqrt(2 * Math.PI), 1e-14);
    expect(normalChanceAndLoss(0, 2).chance).toBe(0.5);
    // scipy.stats.norm.cdf(0.3/0.5); integrate.quad(lambda t: max(-t, 0)·norm.pdf(t, 0.3, 0.5), -10, 0)
    const r = normalChanceAndLoss(0.3, 0.5);
    expectRel(r.chance, 0.7257468822499265, 1e-13);
    expectRel(r.loss, 0.08433636612087776, 1e-11);
  });
});
