// Always-valid confidence sequences: the asymptotic CS of Howard, Ramdas et al. (Waudby-Smith et al.
// 2023, eq. 9), as GrowthBook's gbstats uses it. The interval may be looked at after every new unit
// and still covers the true difference at every look with probability ≥ 1 − α (asymptotically), which
// a fixed-horizon interval checked repeatedly does not (sequential.test.ts shows both).
// The tuning N* is the total sample size at which the sequence is tightest.
import { MlRangeError } from "../ml/errors";
import { checkOpenUnit } from "./checks";

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/**
 * The half-width of the CS divided by the standard error of the estimate, after `n` units in total
 * (both arms), at level 1 − alpha:
 *   ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*
 *   m  = √n · √( 2(nρ² + 1)/(n²ρ²) · ln(√(nρ² + 1)/α) )
 * (the half-width is √V·m, V the variance of the estimate, so √(V·n) is the per-unit spread).
 */
export function csMultiplier(n: number, alpha: number, tuning = DEFAULT_SEQUENTIAL_TUNING): number {
  checkOpenUnit(alpha, "alpha");
  if (!(tuning > 0) || !Number.isFinite(tuning)) throw new MlRangeError(`sequentialTuning must be > 0, got ${tuning}`);
  if (!(n > 0)) throw new MlRangeError(`a confidence sequence needs n > 0 units, got ${n}`);
  const l = -2 * Math.log(alpha);
  const rho2 = (l + Math.log1p(l)) / tuning;
  const nr = n * rho2;
  // ln(√(nρ² + 1)/α) written as a sum: the quotient overflows for α near the smallest double.
  return Math.sqrt(((2 * (nr + 1)) / nr) * (0.5 * Math.log1p(nr) - Math.log(alpha)));
}

/**
 * Always-valid p-value: the smallest alpha at which the CS excludes 0, for an estimate `z` standard
 * errors from 0. The multiplier falls as alpha grows (checked in the tests), so bisection on ln α finds it.
 */
export function alwaysValidPValue(z: number, n: number, tuning = DEFAULT_SEQUENTIAL_TUNING): number {
  const target = Math.abs(z);
  const ALMOST_ONE = 1 - 1e-12;
  if (csMultiplier(n, ALMOST_ONE, tuning) >= target) return 1;
  let lo = -745; // ln of the smallest double: beyond it the p-value is 0 to machine precision
  if (csMultiplier(n, Math.exp(lo), tuning) <= target) return 0;
  let hi = Math.log(ALMOST_ONE);
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (csMultiplier(n, Math.exp(mid), tuning) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}

/**
 * Units per arm (two equal arms) at which a CS at level 1 − alpha excludes 0 with probability `power`
 * for a standardised effect d: d·√(n/2) ≥ m(2n) + z_power. The multiplier grows only like √ln n, so
 * the left side wins eventually and bisection on ln n finds the crossing; null beyond 1e13 units.
 */
export function sequentialUnitsForEffect(d: number, alpha: number, zPower: number, tuning = DEFAULT_SEQUENTIAL_TUNING): number | null {
  const excess = (n: number) => Math.abs(d) * Math.sqrt(n / 2) - csMultiplier(2 * n, alpha, tuning) - zPower;
  let lo = 0;
  let hi = Math.log(1e13);
  if (excess(Math.exp(hi)) < 0) return null;
  if (excess(1) >= 0) return 1;
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (excess(Math.exp(mid)) < 0) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}
