// One variant against the control, before any multiplicity correction: which estimates to use
// (CUPED-adjusted or not), the contrast, and the method's own raw p-value. decide.ts turns it into the
// Comparison once the family's correction has fixed the confidence level of the intervals.
import { betaMean, type BetaPosterior } from "./bayesian";
import { adjustArm, type CupedFit } from "./cuped";
import { buildContrast, type Contrast, type Estimate } from "./frequentist";
import type { ArmSummary } from "./moments";
import { alwaysValidPValue } from "./sequential";
import type { AbTestOptions } from "./types";

export interface PreparedComparison {
  control: ArmSummary;
  variant: ArmSummary;
  /** An arm has nothing to estimate from: outcome "no-data". */
  noData: boolean;
  reason: string | null;
  contrast: Contrast | null;
  /** Raw p-value of the method (fixed-horizon or always-valid); null in bayesian mode. */
  pValue: number | null;
  cupedVarianceReduction: number | null;
  posteriors: { control: BetaPosterior; variant: BetaPosterior } | null;
}

const NO_VARIATION = "neither arm shows any variation yet, so there is no spread to test the difference against";

function estimates(control: ArmSummary, variant: ArmSummary, fit: CupedFit | null): { ctl: Estimate; vnt: Estimate; reduction: number | null } {
  const ctl = { value: control.value as number, variance: control.variance as number };
  const vnt = { value: variant.value as number, variance: variant.variance as number };
  if (!fit || !control.cuped || !variant.cuped) return { ctl, vnt, reduction: null };
  const a = adjustArm(control, fit);
  const b = adjustArm(variant, fit);
  const before = ctl.variance + vnt.variance;
  const reduction = before > 0 ? 1 - (a.variance + b.variance) / before : 0;
  // The pooled slope can fit this pair worse than no adjustment at all; then CUPED is not used here.
  if (!(reduction > 0)) return { ctl, vnt, reduction: null };
  return { ctl: a, vnt: b, reduction };
}

export function prepareComparison(control: ArmSummary, variant: ArmSummary, fit: CupedFit | null, o: AbTestOptions): PreparedComparison {
  const base = { control, variant, contrast: null, pValue: null, cupedVarianceReduction: null, posteriors: null };
  const empty = [control, variant].find((a) => a.value === null);
  if (empty) return { ...base, noData: true, reason: empty.missing };
  if (o.method === "bayesian" && control.kind === "proportion") {
    // The prior keeps the posteriors proper even at 0 of 1 successes, so no spread is needed.
    const post = (a: ArmSummary): BetaPosterior => ({ a: o.prior.alpha + a.successes, b: o.prior.beta + a.units - a.successes });
    return { ...base, noData: false, reason: null, posteriors: { control: post(control), variant: post(variant) } };
  }
  const thin = [control, variant].find((a) => a.variance === null);
  if (thin) return { ...base, noData: false, reason: thin.missing };
  const { ctl, vnt, reduction } = estimates(control, variant, fit);
  const contrast = buildContrast(control, variant, ctl, vnt);
  if (!contrast) return { ...base, noData: false, reason: NO_VARIATION };
  const pValue =
    o.method === "frequentist"
      ? contrast.pValue
      : o.method === "sequential"
        ? alwaysValidPValue(contrast.absolute / contrast.absoluteSe, control.units + variant.units, o.sequentialTuning)
        : null;
  return { ...base, noData: false, reason: null, contrast, pValue, cupedVarianceReduction: reduction };
}

/** Point estimates of the lift: the posterior means' in bayesian proportion mode, else the contrast's. */
export function pointEstimates(p: PreparedComparison): { absolute: number | null; relative: number | null } {
  if (p.posteriors) {
    const a = betaMean(p.posteriors.control);
    const b = betaMean(p.posteriors.variant);
    return { absolute: b - a, relative: b / a - 1 };
  }
  if (p.contrast) return { absolute: p.contrast.absolute, relative: p.contrast.relative };
  const a = p.control.value;
  const b = p.variant.value;
  return a === null || b === null ? { absolute: null, relative: null } : { absolute: b - a, relative: a === 0 ? null : b / a - 1 };
}
