// Numerical integration and root finding for the Bayesian beta posteriors. Tanh-sinh (double
// exponential) quadrature is used because it converges fast on smooth integrands and still copes with
// the integrable endpoint singularity of a Beta(a < 1, ·) density; splitting the range at the
// posterior's mean ± a few sd keeps a posterior of width 1e-4 from slipping between the nodes.
import { MlRangeError } from "../ml/errors";

const MAX_LEVEL = 8;
// Truncation of the t axis. A smooth integrand is negligible past t = 3.2 (weights below 1e-30), but a
// singular end x^(a−1) only decays like x^a there: Beta(0.5, ·) lost 4e-9 at 3.2, and 6 (where the
// weights underflow) is enough down to a ≈ 0.06.
export const T_SMOOTH = 3.2;
export const T_SINGULAR = 6;

/** ∫_a^b f(x) dx for f smooth inside (a, b); f is never called at the endpoints themselves. */
export function tanhSinh(f: (x: number) => number, a: number, b: number, tMax = T_SMOOTH, relTol = 1e-12, absTol = 1e-17): number {
  if (!(b > a)) return 0;
  const half = (b - a) / 2;
  // Evaluate at distance d from an endpoint directly, not as mid ± (half − d), so d = 1e-200 survives.
  const node = (t: number) => {
    const s = (Math.PI / 2) * Math.sinh(t);
    const weight = ((Math.PI / 2) * Math.cosh(t)) / (Math.cosh(s) * Math.cosh(s));
    if (weight === 0) return 0;
    const fromEnd = (2 * half) / (Math.exp(2 * Math.abs(s)) + 1); // half·(1 − tanh|s|)
    const x = t < 0 ? a + fromEnd : b - fromEnd;
    if (!(x > a && x < b)) return 0;
    return weight * f(x);
  };
  let h = 1;
  let sum = node(0);
  for (let k = 1; k * h <= tMax; k++) sum += node(k * h) + node(-k * h);
  let estimate = sum * h * half;
  for (let level = 1; level <= MAX_LEVEL; level++) {
    h /= 2;
    for (let k = 1; k * h <= tMax; k += 2) sum += node(k * h) + node(-k * h);
    const next = sum * h * half;
    if (Math.abs(next - estimate) <= Math.max(relTol * Math.abs(next), absTol)) return next;
    estimate = next;
  }
  return estimate;
}

/** Panel edges around a distribution with the given mean and sd, clipped to [lo, hi]. */
export function panelEdges(mean: number, sd: number, lo: number, hi: number): number[] {
  const steps = [-40, -12, -6, -3, -1, 0, 1, 3, 6, 12, 40];
  const inside = steps.map((k) => mean + k * sd).filter((x) => x > lo && x < hi);
  const edges = [Math.max(lo, mean - 40 * sd), ...inside, Math.min(hi, mean + 40 * sd)];
  return [...new Set(edges)].sort((x, y) => x - y);
}

/**
 * ∫ f over consecutive panels. `breaks` adds points where f has a kink (a uniform posterior's cdf at
 * 0 or 1); panels touching the ends of `support` get the longer t axis for endpoint singularities.
 */
export function integratePanels(f: (x: number) => number, edges: readonly number[], breaks: readonly number[] = [], support: readonly [number, number] = [0, 1]): number {
  const lo = edges[0] as number;
  const hi = edges[edges.length - 1] as number;
  const all = [...new Set([...edges, ...breaks.filter((x) => x > lo && x < hi)])].sort((x, y) => x - y);
  let total = 0;
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i] as number;
    const b = all[i + 1] as number;
    total += tanhSinh(f, a, b, a === support[0] || b === support[1] ? T_SINGULAR : T_SMOOTH);
  }
  return total;
}

/**
 * The root (to ±absTol) of an increasing function g on [lo, hi] (g(lo) ≤ 0 ≤ g(hi)) by the Illinois variant of
 * regula falsi: superlinear like the secant, but never leaves the bracket.
 */
export function solveIncreasing(g: (x: number) => number, lo: number, hi: number, absTol: number): number {
  let a = lo;
  let b = hi;
  let ga = g(a);
  let gb = g(b);
  if (ga > 0 || gb < 0) throw new MlRangeError(`solveIncreasing: [${lo}, ${hi}] does not bracket a root`);
  let side = 0;
  let previous = Number.NaN;
  for (let i = 0; i < 200; i++) {
    const x = gb === ga ? (a + b) / 2 : (a * gb - b * ga) / (gb - ga);
    const gx = g(x);
    if (gx === 0 || b - a <= absTol || Math.abs(x - previous) <= absTol) return x;
    previous = x;
    if (gx < 0) {
      a = x;
      ga = gx;
      if (side === -1) gb /= 2;
      side = -1;
    } else {
      b = x;
      gb = gx;
      if (side === 1) ga /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}
