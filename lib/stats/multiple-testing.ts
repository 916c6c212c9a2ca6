// Adjusted p-values for several comparisons at once (arms × metrics). Each returns, in the input
// order, the smallest familywise (Holm) or false-discovery (Benjamini–Hochberg) level at which that
// hypothesis would be rejected, so "adjusted p < alpha" is the decision rule.
import { MlRangeError } from "../ml/errors";

function orderOf(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new MlRangeError(`p-value ${i} must be between 0 and 1, got ${p}`);
  });
  return pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
}

/** Holm's step-down: the k-th smallest p times (m − k + 1), made non-decreasing, capped at 1. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = orderOf(pValues);
  const m = pValues.length;
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, k) => {
    running = Math.max(running, Math.min(1, (m - k) * (pValues[idx] as number)));
    out[idx] = running;
  });
  return out;
}

/** Benjamini–Hochberg step-up: the k-th smallest p times m / k, made non-decreasing from the top. */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const order = orderOf(pValues);
  const m = pValues.length;
  const out = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const idx = order[k] as number;
    running = Math.min(running, ((pValues[idx] as number) * m) / (k + 1));
    out[idx] = running;
  }
  return out;
}
