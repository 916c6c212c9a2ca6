// From a prepared comparison to the Comparison the page shows: intervals at the family's level, the
// decision and the verdict. The decision is read off the displayed interval, so the two cannot
// disagree: a win needs the (corrected) p-value below alpha AND the interval `ci` clear of 0.
import { differenceInterval, expectedShortfall, normalChanceAndLoss, probabilityGreater, relativeInterval, twoSidedZ } from "./bayesian";
import { pointEstimates, type PreparedComparison } from "./comparison";
import { normalQuantile, studentTQuantile } from "./distributions";
import { unitsForEffect } from "./power";
import { csMultiplier, sequentialUnitsForEffect } from "./sequential";
import type { AbTestOptions, Comparison, Outcome } from "./types";
import { buildVerdict, roundSignificant } from "./verdict";

export interface DecideContext {
  options: AbTestOptions;
  /** Confidence level of the displayed intervals (adjusted when several comparisons share a family). */
  level: number;
  adjustedPValue: number | null;
  label: string;
  unitWord: string;
}

interface Figures {
  ciAbsolute: [number, number] | null;
  ci: [number, number] | null;
  /** Standard error of the relative lift, for the sample-size advice. */
  relativeSe: number | null;
  chance: number | null;
  loss: number | null;
  reason: string | null;
}

const COLLAPSED = "the interval of the relative lift has zero width (an arm shows no variation), so it cannot be trusted yet";
const NO_RELATIVE = "the control's value is 0, so a relative lift cannot be computed";

function halfWidthMultiplier(p: PreparedComparison, ctx: DecideContext): number {
  const alpha = 1 - ctx.level;
  const df = p.contrast?.df ?? Infinity;
  if (ctx.options.method === "sequential") return csMultiplier(p.control.units + p.variant.units, alpha, ctx.options.sequentialTuning);
  if (ctx.options.method === "frequentist" && df !== Infinity) return studentTQuantile(1 - alpha / 2, df);
  return twoSidedZ(ctx.level);
}

function betaFigures(p: PreparedComparison, ctx: DecideContext): Figures {
  const { control: a, variant: b } = p.posteriors!;
  const higher = ctx.options.higherIsBetter;
  const chance = higher ? probabilityGreater(b, a) : probabilityGreater(a, b);
  const loss = higher ? expectedShortfall(a, b) : expectedShortfall(b, a);
  const ci = relativeInterval(a, b, ctx.level);
  // The sample-size advice needs a standard error; the credible interval's width in normal sds serves.
  const relativeSe = (ci[1] - ci[0]) / (2 * twoSidedZ(ctx.level));
  return { ciAbsolute: differenceInterval(a, b, ctx.level), ci, relativeSe, chance, loss, reason: null };
}

function contrastFigures(p: PreparedComparison, ctx: DecideContext): Figures {
  const c = p.contrast;
  if (!c) return { ciAbsolute: null, ci: null, relativeSe: null, chance: null, loss: null, reason: p.reason };
  const m = halfWidthMultiplier(p, ctx);
  const ciAbsolute: [number, number] = [c.absolute - m * c.absoluteSe, c.absolute + m * c.absoluteSe];
  let bayes: { chance: number | null; loss: number | null } = { chance: null, loss: null };
  if (ctx.options.method === "bayesian") {
    const sign = ctx.options.higherIsBetter ? 1 : -1;
    bayes = normalChanceAndLoss(sign * c.absolute, c.absoluteSe);
  }
  if (c.relative === null || c.relativeSe === null) return { ciAbsolute, ci: null, relativeSe: null, ...bayes, reason: NO_RELATIVE };
  if (!(c.relativeSe > 0)) return { ciAbsolute, ci: null, relativeSe: null, ...bayes, reason: COLLAPSED };
  const ci: [number, number] = [c.relative - m * c.relativeSe, c.relative + m * c.relativeSe];
  return { ciAbsolute, ci, relativeSe: c.relativeSe, ...bayes, reason: null };
}

function decideOutcome(ci: [number, number] | null, passesTest: boolean, o: AbTestOptions): Outcome {
  if (ci === null) return "inconclusive";
  const up = ci[0] > 0;
  const down = ci[1] < 0;
  if (passesTest && (up || down)) return up === o.higherIsBetter ? "variant-wins" : "control-wins";
  if (o.equivalenceMargin > 0 && ci[0] > -o.equivalenceMargin && ci[1] < o.equivalenceMargin) return "equivalent";
  return "inconclusive";
}

/** About how many more units per arm until the observed lift would be detected with the asked power. */
function moreUnits(p: PreparedComparison, relative: number, relativeSe: number, ctx: DecideContext): number | null {
  const nA = p.control.units;
  const nB = p.variant.units;
  const perUnitSd = relativeSe / Math.sqrt(1 / nA + 1 / nB);
  const d = Math.abs(relative) / perUnitSd;
  if (!(d > 0) || !Number.isFinite(d)) return null;
  const alpha = 1 - ctx.level;
  const o = ctx.options;
  const needed =
    o.method === "sequential" ? sequentialUnitsForEffect(d, alpha, normalQuantile(o.power), o.sequentialTuning) : unitsForEffect(d, alpha, o.power);
  if (needed === null) return null;
  const more = Math.ceil(needed - Math.min(nA, nB));
  return more > 0 && more < 1e13 ? roundSignificant(more) : null;
}

export function decideComparison(p: PreparedComparison, ctx: DecideContext): Comparison {
  const o = ctx.options;
  const lifts = pointEstimates(p);
  const f = p.noData ? null : p.posteriors ? betaFigures(p, ctx) : contrastFigures(p, ctx);
  const pValue = p.pValue;
  const decisive = ctx.adjustedPValue ?? pValue;
  const passesTest = o.method === "bayesian" || (decisive !== null && decisive < 1 - o.confidence);
  const outcome: Outcome = p.noData ? "no-data" : decideOutcome(f?.ci ?? null, passesTest, o);
  const relative = lifts.relative;
  const more =
    outcome === "inconclusive" && relative !== null && f?.relativeSe != null ? moreUnits(p, relative, f.relativeSe, ctx) : null;
  const chance = f?.chance ?? null;
  const reason = p.noData ? p.reason : (f?.reason ?? null);
  const verdict = buildVerdict({
    outcome,
    control: p.control.name,
    variant: p.variant.name,
    label: ctx.label,
    unitWord: ctx.unitWord,
    level: ctx.level,
    relativeLift: relative,
    ci: f?.ci ?? null,
    winnerChance: chance === null ? null : outcome === "control-wins" ? 1 - chance : chance,
    moreUnitsNeeded: more,
    equivalenceMargin: o.equivalenceMargin,
    reason,
  });
  return {
    variant: p.variant.name,
    control: p.control.name,
    absoluteLift: lifts.absolute,
    relativeLift: relative,
    ciAbsolute: f?.ciAbsolute ?? null,
    ci: f?.ci ?? null,
    pValue,
    adjustedPValue: ctx.adjustedPValue,
    chanceToBeatControl: chance,
    expectedLoss: f?.loss ?? null,
    significant: outcome === "variant-wins" || outcome === "control-wins",
    outcome,
    verdict,
    moreUnitsNeeded: more,
    cupedVarianceReduction: p.cupedVarianceReduction,
    reason,
  };
}
