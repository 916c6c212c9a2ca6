// The Wilson score interval for one rate. Unlike the Wald interval it stays inside [0, 1] and keeps
// close to its nominal coverage at 0 or 37 successes out of 1,000, the usual size of a campaign arm.
import { checkOpenUnit, checkSuccesses } from "./checks";
import { normalQuantile } from "./distributions";

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** Wilson interval for successes / trials; null when there are no trials (nothing to estimate). */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  checkSuccesses(successes, trials);
  checkOpenUnit(confidence, "confidence");
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // At 0 successes the low end is exactly 0 (and at all successes the high end exactly 1), but
  // centre − half rounds to 3e-17: say so exactly rather than print a rate of 0.000000000000003%.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === trials ? 1 : Math.min(1, centre + half);
  return { estimate: p, low, high };
}
