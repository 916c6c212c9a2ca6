// Interval for the difference of two conversion rates: Newcombe's hybrid score interval (method 10 of
// Newcombe 1998), built from each rate's Wilson interval. Unlike the Wald interval it stays inside [−1, 1]
// and keeps near its nominal coverage when a decile's holdout has 0 or 2 buyers out of 40, which is what
// a holdout of a few percent cut into ten gives.
import { wilsonInterval } from "../../stats/proportion";

export interface DifferenceInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** p₁ − p₂ with its interval; null when either group is empty. */
export function newcombeInterval(successes1: number, trials1: number, successes2: number, trials2: number, confidence = 0.95): DifferenceInterval | null {
  const a = wilsonInterval(successes1, trials1, confidence);
  const b = wilsonInterval(successes2, trials2, confidence);
  if (!a || !b) return null;
  const estimate = a.estimate - b.estimate;
  const low = estimate - Math.hypot(a.estimate - a.low, b.high - b.estimate);
  const high = estimate + Math.hypot(a.high - a.estimate, b.estimate - b.low);
  return { estimate, low, high };
}
