// Option checks every algorithm in lib/ml shares, each naming the bad value (STYLE.md "Say why it failed").
import { MlRangeError } from "./errors";

export function checkWhole(name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new MlRangeError(`${name} must be a whole number ${range}, got ${value}`);
  }
  return value;
}

/** A whole number of at least `min`, or Infinity for "no limit". */
export function checkLimit(name: string, value: number, min: number): number {
  if (value === Infinity) return value;
  if (!Number.isInteger(value) || value < min) throw new MlRangeError(`${name} must be a whole number of at least ${min} (or Infinity), got ${value}`);
  return value;
}

export function checkPositive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new MlRangeError(`${name} must be a positive finite number, got ${value}`);
  return value;
}

export function checkNonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new MlRangeError(`${name} must be a finite number of at least 0, got ${value}`);
  return value;
}

/** A fraction in (0, 1]. */
export function checkFraction(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw new MlRangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}
