// From a prepared comparison to the Comparison the page shows: intervals at the family's level, the
// decision and the verdict. A win needs the (corrected) p-value below alpha AND the displayed interval
// `ci` clear of 0. The two come from different approximations (the p-value from the pooled z / Welch
// test of the difference, the interval from the delta method on the log of the ratio), so on skewed or
// thin data the interval can exclude 0 while the test does not reject: the outcome is then
// "inconclusive" and the verdict says so in a `disagreement` sentence instead of printing "no winner"
// next to an interval that looks like one.
import { betaMean, differenceInterval, expectedShortfall, normalChanceAndLoss, probabilityGreater, relativeInterval, twoSidedZ } from "./bayesian";
import { pointEstimates, type PreparedComparison } from "./comparison";
import { normalQuantile, studentTQuantile } from "./distributions";
import type { Contrast } from "./frequentist";
import { unitsForEffect } from "./power";
import { csMultiplier, sequentialUnitsForEffect } from "./sequential";
import type { AbTestOptions, Comparison, Outcome } from "./types";
import { buildVerdict, disagreementSentence, roundSignificant } from "./verdict";

export interface DecideContext {
  options: AbTestOptions;
  /** Confidence level of the displayed intervals (adjusted when several comparisons share a family). */
  level: number;
  adjustedPValue: number | null;
  /** The family's correction ("holm", "benjamini-hochberg") when adjustedPValue is adjusted; else null. */
  correction: string | null;
  label: string;
  unitWord: string;
}

interface Figures {
  ciAbsolute: [number, number] | null;
  ci: [number, number] | null;
  /**
   * The weaker of the two pieces of evidence a win needs, in standard errors: the interval's distance
   * from 0 and (when the method tests) the test statistic. The sample-size advice scales it.
   */
  evidenceZ: number | null;
  chance: number | null;
  loss: number | null;
  reason: string | null;
}

const COLLAPSED = "the interval of the relative lift has zero width (an arm shows no variation), so it cannot be trusted yet";
const NO_RELATIVE = "the control's value is 0, so a relative lift cannot be computed";
const UNBOUNDED = "the interval of the relative lift is still too wide to print (too little data)";
/** Above a ratio of 10⁶ (+100,000,000%) an upper bound says nothing a reader could use. */
const WIDEST_RATIO = 1e6;

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
  const lift = betaMean(b) / betaMean(a) - 1;
  return { ciAbsolute: differenceInterval(a, b, ctx.level), ci, evidenceZ: Math.abs(lift) / relativeSe, chance, loss, reason: null };
}

/**
 * The interval of the relative lift at half-width multiplier m. On the log scale when both estimates
 * are above 0: exp(log(b/a) ± m·se_log) − 1, which cannot fall below −100%. The sequential multiplier
 * (the confidence sequence's half-width over the standard error) is applied on the log scale too: the
 * asymptotic confidence sequence holds for any asymptotically normal estimate with a consistent
 * variance, log(b/a) is one (the same delta-method argument that GrowthBook uses for the linear
 * relative lift), and exp is monotone, so the mapped sequence keeps its always-valid coverage while
 * respecting the −100% bound; the Bonferroni / BH levels only change m, so they carry over unchanged.
 * Otherwise (an estimate at or below 0, e.g. negative CUPED-adjusted means) the linear delta interval.
 */
function relativeCi(c: Contrast, m: number): { ci: [number, number] | null; z: number | null; reason: string | null } {
  const relative = c.relative as number;
  if (c.logSe !== null) {
    if (!(c.logSe > 0)) return { ci: null, z: null, reason: COLLAPSED };
    const log = Math.log1p(relative);
    const z = Math.abs(log) / c.logSe;
    // The bound is checked on the log scale: exp overflows long before the comparison would.
    if (log + m * c.logSe > Math.log(WIDEST_RATIO)) return { ci: null, z, reason: UNBOUNDED };
    return { ci: [Math.expm1(log - m * c.logSe), Math.expm1(log + m * c.logSe)], z, reason: null };
  }
  const se = c.relativeSe as number;
  if (!(se > 0)) return { ci: null, z: null, reason: COLLAPSED };
  return { ci: [relative - m * se, relative + m * se], z: Math.abs(relative) / se, reason: null };
}

function contrastFigures(p: PreparedComparison, ctx: DecideContext): Figures {
  const c = p.contrast;
  if (!c) return { ciAbsolute: null, ci: null, evidenceZ: null, chance: null, loss: null, reason: p.reason };
  const m = halfWidthMultiplier(p, ctx);
  const ciAbsolute: [number, number] = [c.absolute - m * c.absoluteSe, c.absolute + m * c.absoluteSe];
  let bayes: { chance: number | null; loss: number | null } = { chance: null, loss: null };
  if (ctx.options.method === "bayesian") {
    const sign = ctx.options.higherIsBetter ? 1 : -1;
    bayes = normalChanceAndLoss(sign * c.absolute, c.absoluteSe);
  }
  if (c.relative === null || c.relativeSe === null) return { ciAbsolute, ci: null, evidenceZ: null, ...bayes, reason: NO_RELATIVE };
  const rel = relativeCi(c, m);
  // A win also needs the test; its statistic is about |difference|/se (pooled for rates, but close).
  const testZ = ctx.options.method === "bayesian" ? Infinity : Math.abs(c.absolute) / c.absoluteSe;
  return { ciAbsolute, ci: rel.ci, evidenceZ: rel.z === null ? null : Math.min(rel.z, testZ), ...bayes, reason: rel.reason };
}

/** The displayed interval excludes 0: on which side, if any. */
function sideOf(ci: [number, number] | null): "up" | "down" | null {
  if (ci === null) return null;
  return ci[0] > 0 ? "up" : ci[1] < 0 ? "down" : null;
}

function decideOutcome(ci: [number, number] | null, passesTest: boolean, o: AbTestOptions): Outcome {
  if (ci === null) return "inconclusive";
  const side = sideOf(ci);
  if (side !== null) {
    // Interval clear of 0 but the test not passed: a disagreement, never "equivalent".
    if (!passesTest) return "inconclusive";
    return (side === "up") === o.higherIsBetter ? "variant-wins" : "control-wins";
  }
  if (o.equivalenceMargin > 0 && ci[0] > -o.equivalenceMargin && ci[1] < o.equivalenceMargin) return "equivalent";
  return "inconclusive";
}

const TEST_NAME: Record<PreparedComparison["control"]["kind"], string> = {
  proportion: "the pooled z-test",
  mean: "Welch's t-test",
  ratio: "the delta-method z-test",
};

function pLabel(ctx: DecideContext): string {
  if (ctx.correction === "holm") return "Holm-adjusted p";
  if (ctx.correction === "benjamini-hochberg") return "Benjamini\u2013Hochberg-adjusted p";
  return "p";
}

/** About how many more units per arm until the weaker piece of evidence (z so far) reaches the asked power. */
function moreUnits(p: PreparedComparison, z: number, ctx: DecideContext): number | null {
  const nA = p.control.units;
  const nB = p.variant.units;
  const d = z * Math.sqrt(1 / nA + 1 / nB); // per-unit effect: z = d / √(1/nA + 1/nB)
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
  const ci = f?.ci ?? null;
  const outcome: Outcome = p.noData ? "no-data" : decideOutcome(ci, passesTest, o);
  const relative = lifts.relative;
  const disagreement =
    outcome === "inconclusive" && ci !== null && relative !== null && sideOf(ci) !== null
      ? disagreementSentence({
          level: ctx.level,
          relativeLift: relative,
          ci,
          test: o.method === "sequential" ? "the always-valid sequential test" : TEST_NAME[p.control.kind],
          pLabel: pLabel(ctx),
          pValue: decisive,
          alpha: 1 - o.confidence,
        })
      : null;
  const more = outcome === "inconclusive" && relative !== null && f?.evidenceZ != null ? moreUnits(p, f.evidenceZ, ctx) : null;
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
    ci,
    winnerChance: chance === null ? null : outcome === "control-wins" ? 1 - chance : chance,
    moreUnitsNeeded: more,
    equivalenceMargin: o.equivalenceMargin,
    reason,
    disagreement,
  });
  return {
    variant: p.variant.name,
    control: p.control.name,
    absoluteLift: lifts.absolute,
    relativeLift: relative,
    ciAbsolute: f?.ciAbsolute ?? null,
    ci,
    pValue,
    adjustedPValue: ctx.adjustedPValue,
    chanceToBeatControl: chance,
    expectedLoss: f?.loss ?? null,
    significant: outcome === "variant-wins" || outcome === "control-wins",
    outcome,
    verdict,
    disagreement,
    moreUnitsNeeded: more,
    cupedVarianceReduction: p.cupedVarianceReduction,
    reason,
  };
}
