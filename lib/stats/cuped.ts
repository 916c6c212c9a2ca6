// CUPED (Deng et al. 2013): subtract θ·(x − x̄) from each unit's metric, x being the same metric before
// the test. θ is the within-arm regression slope pooled over all arms, so every arm is adjusted by the
// same rule and the adjusted difference stays unbiased; x̄ is the pooled covariate mean, so adjusted
// arm means stay on the metric's scale and relative lifts keep their meaning.
import type { ArmSummary } from "./moments";

export interface CupedFit {
  theta: number;
  meanX: number;
}

/** The pooled fit, or why CUPED cannot run on these arms. */
export function fitCuped(arms: readonly ArmSummary[]): { fit: CupedFit | null; skipped: string | null } {
  if (!arms.some((a) => a.hasCovariate)) return { fit: null, skipped: null };
  const kindNote = arms[0]?.kind === "ratio" ? " (a ratio metric also needs sumProductsWithDen)" : "";
  if (arms.some((a) => a.cuped === null)) {
    return { fit: null, skipped: `CUPED skipped: every arm needs a covariate and at least 2 units${kindNote}.` };
  }
  let sxy = 0;
  let sxx = 0;
  let sumX = 0;
  let units = 0;
  for (const a of arms) {
    const c = a.cuped!;
    sxy += c.sxy;
    sxx += c.sxx;
    sumX += c.sumX;
    units += a.units;
  }
  if (!(sxx > 0)) return { fit: null, skipped: "CUPED skipped: the covariate does not vary within the arms." };
  return { fit: { theta: sxy / sxx, meanX: sumX / units }, skipped: null };
}

/** The arm's value and variance after the adjustment. */
export function adjustArm(arm: ArmSummary, fit: CupedFit): { value: number; variance: number } {
  const c = arm.cuped!;
  const n = arm.units;
  const value = (arm.value as number) - fit.theta * (c.sumX / n - fit.meanX);
  // Var(y − θx) = Var(y) − 2θ Cov(y, x) + θ² Var(x); at θ = Cov/Var it is Var(y)(1 − ρ²).
  const residual = Math.max(0, c.syy - 2 * fit.theta * c.sxy + fit.theta * fit.theta * c.sxx);
  return { value, variance: residual / (n - 1) / n };
}
