// Two-arm contrasts: the absolute and relative difference with their standard errors, and the
// fixed-horizon p-value. Proportions use the pooled z-test (the variance under "no difference"),
// means Welch's t (unequal variances, Welch–Satterthwaite df), ratios a z-test on the delta-method
// variance. Intervals are built later, at whatever level the multiplicity correction asks for.
// The relative lift's interval is built on the log of the ratio (logSe) whenever both estimates are
// above 0: a rate, a revenue or a count per customer cannot fall by more than 100%, and the log scale
// respects that where the linear delta interval (relativeSe) gives "−237% to +761%" on skewed data.
import { normalCdf, studentTCdf } from "./distributions";
import type { ArmSummary } from "./moments";

export interface Estimate {
  value: number;
  variance: number;
}

export interface Contrast {
  absolute: number;
  absoluteSe: number;
  /** variant / control − 1; null when the control's value is 0. */
  relative: number | null;
  relativeSe: number | null;
  /** Standard error of log(variant / control); null unless both estimates are above 0. */
  logSe: number | null;
  /** Degrees of freedom of the reference distribution; Infinity for a z-test. */
  df: number;
  pValue: number | null;
}

/** Delta method: Var(b/a) ≈ Var(b)/a² + b²·Var(a)/a⁴, treating the arms as independent. */
export function relativeByDelta(control: Estimate, variant: Estimate): { relative: number; se: number } | null {
  const a = control.value;
  const b = variant.value;
  if (a === 0) return null;
  const variance = variant.variance / (a * a) + (b * b * control.variance) / (a * a * a * a);
  return { relative: b / a - 1, se: Math.sqrt(variance) };
}

/** Delta method on the log scale: Var(log(b/a)) ≈ Var(b)/b² + Var(a)/a², defined when a, b > 0. */
export function logRatioSe(control: Estimate, variant: Estimate): number | null {
  const a = control.value;
  const b = variant.value;
  if (!(a > 0 && b > 0)) return null;
  return Math.sqrt(variant.variance / (b * b) + control.variance / (a * a));
}

/** Two-sided p-value of a statistic against t(df) (the normal when df is Infinity). */
export function twoSidedPValue(statistic: number, df: number): number {
  const tail = df === Infinity ? normalCdf(-Math.abs(statistic)) : studentTCdf(-Math.abs(statistic), df);
  return Math.min(1, 2 * tail);
}

/** Welch–Satterthwaite degrees of freedom for the difference of two means. */
export function welchDf(control: Estimate, nControl: number, variant: Estimate, nVariant: number): number {
  const v = control.variance + variant.variance;
  const denom = (control.variance * control.variance) / (nControl - 1) + (variant.variance * variant.variance) / (nVariant - 1);
  return denom > 0 ? (v * v) / denom : Infinity;
}

function pooledProportionPValue(control: ArmSummary, variant: ArmSummary): number | null {
  const pooled = (control.successes + variant.successes) / (control.units + variant.units);
  const variance = pooled * (1 - pooled) * (1 / control.units + 1 / variant.units);
  if (!(variance > 0)) return null;
  return twoSidedPValue(((variant.value as number) - (control.value as number)) / Math.sqrt(variance), Infinity);
}

/**
 * The contrast of variant against control from their (possibly CUPED-adjusted) estimates, or null
 * when the difference has no sampling variance to test against.
 */
export function buildContrast(control: ArmSummary, variant: ArmSummary, ctl: Estimate, vnt: Estimate): Contrast | null {
  const absoluteSe = Math.sqrt(ctl.variance + vnt.variance);
  if (!(absoluteSe > 0)) return null;
  const absolute = vnt.value - ctl.value;
  const rel = relativeByDelta(ctl, vnt);
  const df = control.kind === "mean" ? welchDf(ctl, control.units, vnt, variant.units) : Infinity;
  const pValue = control.kind === "proportion" ? pooledProportionPValue(control, variant) : twoSidedPValue(absolute / absoluteSe, df);
  const logSe = logRatioSe(ctl, vnt);
  return { absolute, absoluteSe, relative: rel?.relative ?? null, relativeSe: rel?.se ?? null, logSe, df, pValue };
}
