// Argument checks shared by lib/stats. Impossible arguments throw MlRangeError naming the value; data
// that is merely too thin to say anything (zero trials, one customer) is not an error and is answered
// with null figures and a reason by the callers instead.
import { MlRangeError } from "../ml/errors";

export function checkCount(value: number, what: string): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new MlRangeError(`${what} must be a finite count >= 0, got ${value}`);
}

export function checkFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new MlRangeError(`${what} must be a finite number, got ${value}`);
}

export function checkSuccesses(successes: number, trials: number, what = "successes"): void {
  checkCount(successes, what);
  checkCount(trials, "trials");
  if (successes > trials) throw new MlRangeError(`${what} (${successes}) cannot exceed trials (${trials})`);
}

/** A probability strictly inside (0, 1): a confidence level, an alpha, a power. */
export function checkOpenUnit(value: number, what: string): void {
  if (!(value > 0 && value < 1)) throw new MlRangeError(`${what} must be strictly between 0 and 1, got ${value}`);
}
