// Bayesian summaries. Proportions: each arm's rate has the conjugate Beta(prior + successes,
// prior + failures) posterior and every figure (chance to beat, expected loss, credible intervals of
// the difference and of the relative lift) is an exact one-dimensional integral, computed numerically.
// Means and ratios: the posterior of each arm's value is taken as normal (flat prior, CLT), which at
// the sample sizes of a campaign is what the exact posterior is anyway.
import { betaCdf, betaLogPdf, normalCdf, normalPdf, normalQuantile } from "./distributions";
import { integratePanels, panelEdges, solveIncreasing } from "./quadrature";

export interface BetaPosterior {
  a: number;
  b: number;
}

export function betaMean(p: BetaPosterior): number {
  return p.a / (p.a + p.b);
}

export function betaSd(p: BetaPosterior): number {
  const s = p.a + p.b;
  return Math.sqrt((p.a * p.b) / (s * s * (s + 1)));
}

const density = (p: BetaPosterior) => (x: number) => Math.exp(betaLogPdf(x, p.a, p.b));
const cdf = (p: BetaPosterior) => (x: number) => betaCdf(x, p.a, p.b);
const edgesOf = (p: BetaPosterior) => panelEdges(betaMean(p), betaSd(p), 0, 1);
const shifted = (p: BetaPosterior): BetaPosterior => ({ a: p.a + 1, b: p.b }); // x·f_p(x) = mean·f_{p+1}(x)

// Integrate over the narrower posterior: the other one's cdf is then smooth on the scale of the nodes.
const narrowFirst = (a: BetaPosterior, b: BetaPosterior) => betaSd(a) <= betaSd(b);

/** P(X > Y) for X ~ x, Y ~ y independent. */
export function probabilityGreater(x: BetaPosterior, y: BetaPosterior): number {
  const fx = density(x);
  const fy = density(y);
  const p = narrowFirst(y, x)
    ? integratePanels((t) => fy(t) * (1 - cdf(x)(t)), edgesOf(y))
    : integratePanels((t) => fx(t) * cdf(y)(t), edgesOf(x));
  return Math.min(1, Math.max(0, p));
}

/** E[max(X − Y, 0)]: what is lost, on average, by choosing Y when X may be better. */
export function expectedShortfall(x: BetaPosterior, y: BetaPosterior): number {
  const mx = betaMean(x);
  const my = betaMean(y);
  // ∫_t^1 (s − t) f_x(s) ds = mx·(1 − F_{x+1}(t)) − t·(1 − F_x(t)), and the mirror image over x.
  const loss = narrowFirst(y, x)
    ? integratePanels((t) => density(y)(t) * (mx * (1 - cdf(shifted(x))(t)) - t * (1 - cdf(x)(t))), edgesOf(y))
    : integratePanels((t) => density(x)(t) * (t * cdf(y)(t) - my * cdf(shifted(y))(t)), edgesOf(x));
  return Math.max(0, loss);
}

/** P(Y − X ≤ d). */
function differenceCdf(x: BetaPosterior, y: BetaPosterior, d: number): number {
  // The cdf inside has a kink where its argument crosses 0 or 1.
  if (narrowFirst(x, y)) return integratePanels((t) => density(x)(t) * cdf(y)(t + d), edgesOf(x), [-d, 1 - d]);
  return integratePanels((t) => density(y)(t) * (1 - cdf(x)(t - d)), edgesOf(y), [d, 1 + d]);
}

/** P(Y / X ≤ r), r > 0. */
function ratioCdf(x: BetaPosterior, y: BetaPosterior, r: number): number {
  if (narrowFirst(x, y)) return integratePanels((t) => density(x)(t) * cdf(y)(r * t), edgesOf(x), [1 / r]);
  return integratePanels((t) => density(y)(t) * (1 - cdf(x)(t / r)), edgesOf(y), [r]);
}

/** Root of cdf(v) = q for an increasing cdf, bracketed from a normal guess and widened until it holds. */
function quantileOf(cdfAt: (v: number) => number, q: number, guess: number, spread: number, min: number, max: number): number {
  let lo = Math.max(min, guess - 8 * spread);
  let hi = Math.min(max, guess + 8 * spread);
  for (let i = 0; i < 60 && lo > min && cdfAt(lo) > q; i++) lo = Math.max(min, guess - (guess - lo) * 4);
  for (let i = 0; i < 60 && hi < max && cdfAt(hi) < q; i++) hi = Math.min(max, guess + (hi - guess) * 4);
  return solveIncreasing((v) => cdfAt(v) - q, lo, hi, 1e-10 * spread);
}

/** Equal-tailed credible interval of Y − X. */
export function differenceInterval(x: BetaPosterior, y: BetaPosterior, level: number): [number, number] {
  const guess = betaMean(y) - betaMean(x);
  const spread = Math.hypot(betaSd(x), betaSd(y));
  const at = (q: number) => quantileOf((d) => differenceCdf(x, y, d), q, guess, spread, -1, 1);
  return [at((1 - level) / 2), at((1 + level) / 2)];
}

/** Equal-tailed credible interval of Y / X − 1. */
export function relativeInterval(x: BetaPosterior, y: BetaPosterior, level: number): [number, number] {
  const mx = betaMean(x);
  const my = betaMean(y);
  const guess = my / mx;
  const spread = guess * Math.hypot(betaSd(x) / mx, betaSd(y) / my);
  const at = (q: number) => quantileOf((r) => ratioCdf(x, y, r), q, guess, spread, 1e-300, Number.MAX_VALUE) - 1;
  return [at((1 - level) / 2), at((1 + level) / 2)];
}

/** Normal-posterior chance that the difference d (sd s) is above 0, and E[max(−D, 0)]. */
export function normalChanceAndLoss(d: number, s: number): { chance: number; loss: number } {
  return { chance: normalCdf(d / s), loss: Math.max(0, s * normalPdf(d / s) - d * normalCdf(-d / s)) };
}

/** The normal quantile multiplier of an equal-tailed interval at `level`. */
export function twoSidedZ(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}
