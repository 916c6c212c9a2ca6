// From an arm's sufficient statistics to its estimate and the sampling variance of that estimate.
// Every metric is reduced to a "linearised" per-unit value with the same mean: the value itself for
// means, the delta-method influence (num − R·den)/μ_den for ratios. CUPED and the tests then treat all
// kinds alike.
import { MlRangeError } from "../ml/errors";
import { checkCount, checkFinite, checkSuccesses } from "./checks";
import type { ArmInput, ArmMoments, Covariate } from "./types";

export interface CupedMoments {
  /** Co-moments (sums of centred products) of the linearised metric y and the covariate x. */
  syy: number;
  sxy: number;
  sxx: number;
  sumX: number;
}

export interface ArmSummary {
  name: string;
  kind: ArmMoments["kind"];
  units: number;
  /** Rate, mean or ratio; null when the arm has no data for it. */
  value: number | null;
  /** Sampling variance of `value`; null when it cannot be estimated (one unit). */
  variance: number | null;
  /** Why value or variance is missing, as the end of a sentence about this arm. */
  missing: string | null;
  successes: number;
  /** The caller passed a covariate (CUPED may still be impossible: one unit, no Σx·den for a ratio). */
  hasCovariate: boolean;
  cuped: CupedMoments | null;
}

// A co-moment Σy² − (Σy)²/n below zero is rounding (or a caller's bug); allow rounding only.
function coMoment(sumSq: number, sum: number, n: number, what: string): number {
  const centred = sumSq - (sum * sum) / n;
  if (centred < -1e-9 * Math.max(1, sumSq)) {
    throw new MlRangeError(`${what}: sum of squares ${sumSq} is below sum²/units = ${(sum * sum) / n}, impossible for real data`);
  }
  return Math.max(0, centred);
}

function checkMoments(arm: ArmInput): void {
  const m = arm.moments;
  const at = `arm ${arm.name}`;
  checkCount(m.units, `${at} units`);
  if (m.kind === "proportion") return checkSuccesses(m.successes, m.units, `${at} successes`);
  const sums = m.kind === "mean" ? [m.sum, m.sumSquares] : [m.numSum, m.numSumSquares, m.denSum, m.denSumSquares, m.sumProducts];
  sums.forEach((s) => checkFinite(s, `${at} sums`));
  if (m.kind === "mean") checkCount(m.sumSquares, `${at} sumSquares`);
  else [m.numSumSquares, m.denSumSquares].forEach((s) => checkCount(s, `${at} sums of squares`));
  if (m.units === 0 && sums.some((s) => s !== 0)) throw new MlRangeError(`${at} has 0 units but non-zero sums`);
  if (m.covariate) {
    const c = m.covariate;
    [c.sum, c.sumSquares, c.sumProductsWithMetric, c.sumProductsWithDen ?? 0].forEach((s) => checkFinite(s, `${at} covariate sums`));
    checkCount(c.sumSquares, `${at} covariate sumSquares`);
  }
}

function covariateMoments(c: Covariate | undefined, n: number, yOf: (c: Covariate) => number, syy: number, name: string): CupedMoments | null {
  if (!c || n < 2) return null;
  return { syy, sxy: yOf(c), sxx: coMoment(c.sumSquares, c.sum, n, `arm ${name} covariate`), sumX: c.sum };
}

export function summariseArm(arm: ArmInput, unitWord: string): ArmSummary {
  checkMoments(arm);
  const m = arm.moments;
  const n = m.units;
  const base = {
    name: arm.name,
    kind: m.kind,
    units: n,
    successes: m.kind === "proportion" ? m.successes : 0,
    hasCovariate: m.kind !== "proportion" && m.covariate !== undefined,
  };
  const empty = { ...base, value: null, variance: null, cuped: null };
  if (n === 0) return { ...empty, missing: `arm ${arm.name} has no ${unitWord} yet` };
  if (m.kind === "proportion") {
    const p = m.successes / n;
    return { ...base, value: p, variance: (p * (1 - p)) / n, missing: null, cuped: null };
  }
  if (m.kind === "mean") {
    const value = m.sum / n;
    if (n < 2) return { ...empty, value, missing: `arm ${arm.name} has only 1 unit; a spread needs at least 2` };
    const syy = coMoment(m.sumSquares, m.sum, n, `arm ${arm.name}`);
    const cuped = covariateMoments(m.covariate, n, (c) => c.sumProductsWithMetric - (c.sum * m.sum) / n, syy, arm.name);
    return { ...base, value, variance: syy / (n - 1) / n, missing: null, cuped };
  }
  if (m.denSum === 0) return { ...empty, missing: `arm ${arm.name} has a denominator of 0 so far` };
  const meanDen = m.denSum / n;
  const ratio = m.numSum / m.denSum;
  if (n < 2) return { ...empty, value: ratio, missing: `arm ${arm.name} has only 1 unit; a spread needs at least 2` };
  const snn = coMoment(m.numSumSquares, m.numSum, n, `arm ${arm.name} numerator`);
  const sdd = coMoment(m.denSumSquares, m.denSum, n, `arm ${arm.name} denominator`);
  const snd = m.sumProducts - (m.numSum * m.denSum) / n;
  // Delta method: the linearised unit value (num − R·den)/μ_den has these co-moments.
  const syy = Math.max(0, (snn - 2 * ratio * snd + ratio * ratio * sdd) / (meanDen * meanDen));
  const cuped = covariateMoments(
    m.covariate,
    n,
    (c) => (c.sumProductsWithMetric - (c.sum * m.numSum) / n - ratio * ((c.sumProductsWithDen ?? 0) - (c.sum * m.denSum) / n)) / meanDen,
    syy,
    arm.name,
  );
  return { ...base, value: ratio, variance: syy / (n - 1) / n, missing: null, cuped: m.covariate?.sumProductsWithDen === undefined ? null : cuped };
}
