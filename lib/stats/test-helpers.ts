// Shared by the lib/stats tests: relative closeness with a readable failure, and a walk that finds
// any NaN or ±Infinity inside a returned object.
import { expect } from "vitest";

/** |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0). */
export function expectRel(actual: number | null | undefined, expected: number, rel = 1e-9): void {
  expect(typeof actual, `expected a number close to ${expected}`).toBe("number");
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs((actual as number) - expected) / scale;
  expect(error, `${actual} vs ${expected}: relative error ${error.toExponential(2)} > ${rel}`).toBeLessThanOrEqual(rel);
}

/** Paths of every non-finite number in `value` ("comparisons[0].ci[1]"). */
export function nonFinitePaths(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}
