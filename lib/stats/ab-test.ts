// The A/B engine: every non-control arm against the control, for one metric or several. With more
// than one comparison in the family (arms × metrics) the p-values are corrected together and the
// intervals are widened to match, so a "win" survives the correction it is reported under.
import { MlRangeError } from "../ml/errors";
import { checkCount } from "./checks";
import { prepareComparison, type PreparedComparison } from "./comparison";
import { fitCuped } from "./cuped";
import { decideComparison } from "./decide";
import { normalQuantile, studentTQuantile } from "./distributions";
import { summariseArm, type ArmSummary } from "./moments";
import { benjaminiHochbergAdjust, holmAdjust } from "./multiple-testing";
import { resolveOptions } from "./options";
import { wilsonInterval } from "./proportion";
import { sampleRatioMismatch } from "./srm";
import type { AbTestInput, AbTestOptions, AbTestResult } from "./types";
import { formatLevel } from "./verdict";

const DEFAULT_UNIT: Record<AbTestResult["metric"]["kind"], string> = { proportion: "impressions", mean: "customers", ratio: "customers" };

interface PreparedTest {
  input: AbTestInput;
  arms: ArmSummary[];
  prepared: PreparedComparison[];
  notes: string[];
  unitWord: string;
}

function checkInput(input: AbTestInput): void {
  const { arms, controlIndex } = input;
  if (arms.length === 0) throw new MlRangeError(`metric ${input.metric.key}: an A/B test needs at least one arm`);
  if (!Number.isInteger(controlIndex) || controlIndex < 0 || controlIndex >= arms.length) {
    throw new MlRangeError(`controlIndex must be a whole number from 0 to ${arms.length - 1}, got ${controlIndex}`);
  }
  const kinds = new Set(arms.map((a) => a.moments.kind));
  if (kinds.size > 1) throw new MlRangeError(`metric ${input.metric.key}: every arm must have the same kind of moments, got ${[...kinds].join(" and ")}`);
  const names = arms.map((a) => a.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new MlRangeError(`metric ${input.metric.key}: arm name "${dup}" appears twice`);
  if (input.assignedUnits !== undefined) {
    if (input.assignedUnits.length !== arms.length) {
      throw new MlRangeError(`metric ${input.metric.key}: assignedUnits has ${input.assignedUnits.length} entries for ${arms.length} arms`);
    }
    input.assignedUnits.forEach((n, i) => checkCount(n, `assignedUnits of arm ${arms[i]!.name}`));
  }
}

function prepareTest(input: AbTestInput, o: AbTestOptions): PreparedTest {
  checkInput(input);
  const kind = input.arms[0]!.moments.kind;
  const unitWord = input.metric.unitLabel ?? DEFAULT_UNIT[kind];
  const arms = input.arms.map((a) => summariseArm(a, unitWord));
  const notes: string[] = [];
  const { fit, skipped } = o.cuped ? fitCuped(arms) : { fit: null, skipped: null };
  if (skipped) notes.push(skipped);
  if (!o.cuped && arms.some((a) => a.hasCovariate)) notes.push("CUPED is switched off: the covariate was ignored.");
  const control = arms[input.controlIndex]!;
  const prepared = arms.filter((a) => a !== control).map((variant) => prepareComparison(control, variant, fit, o));
  if (prepared.length === 0) notes.push("Only one arm: there is nothing to compare it with yet.");
  const reductions = prepared.map((p) => p.cupedVarianceReduction).filter((r): r is number => r !== null);
  if (fit && reductions.length > 0) {
    notes.push(`CUPED used the pre-period covariate (θ = ${fit.theta.toPrecision(3)}): variance down ${reductions.map((r) => `${(r * 100).toFixed(1)}%`).join(", ")}.`);
  }
  if (fit && reductions.length < prepared.filter((p) => p.contrast).length) notes.push("CUPED did not reduce the variance of some comparisons; those use the unadjusted figures.");
  const linear = prepared.filter((p) => p.contrast && p.contrast.relative !== null && p.contrast.logSe === null).map((p) => p.variant.name);
  if (linear.length > 0) {
    notes.push(
      `The relative-lift interval of ${linear.join(", ")} against ${control.name} is the linear delta-method one: an estimate is not above 0, so the log scale cannot be used and the interval may reach below \u2212100%.`,
    );
  }
  return { input, arms, prepared, notes, unitWord };
}

function armRow(a: ArmSummary, confidence: number): AbTestResult["arms"][number] {
  const row = { name: a.name, units: a.units, value: a.value };
  if (a.value === null) return { ...row, interval: null };
  if (a.kind === "proportion") {
    const w = wilsonInterval(a.successes, a.units, confidence);
    return { ...row, interval: w ? [w.low, w.high] : null };
  }
  if (a.variance === null) return { ...row, interval: null };
  const q = a.kind === "mean" ? studentTQuantile(1 - (1 - confidence) / 2, a.units - 1) : normalQuantile(1 - (1 - confidence) / 2);
  const half = q * Math.sqrt(a.variance);
  return { ...row, interval: [a.value - half, a.value + half] };
}

/** Adjusted p-values and the interval level for the whole family of comparisons. */
function correctFamily(pValues: (number | null)[], o: AbTestOptions): { adjusted: (number | null)[]; level: number; correction: string | null; note: string | null } {
  const alpha = 1 - o.confidence;
  const tested = pValues.filter((p): p is number => p !== null);
  const m = tested.length;
  if (o.method === "bayesian") {
    const note = pValues.length > 1 ? "Bayesian mode applies no multiplicity correction: each chance to beat stands on its own." : null;
    return { adjusted: pValues.map(() => null), level: o.confidence, correction: null, note };
  }
  if (m <= 1) return { adjusted: pValues, level: o.confidence, correction: null, note: null };
  const adj = o.correction === "holm" ? holmAdjust(tested) : benjaminiHochbergAdjust(tested);
  let k = 0;
  const adjusted = pValues.map((p) => (p === null ? null : (adj[k++] as number)));
  if (o.correction === "holm") {
    const level = 1 - alpha / m;
    const note = `Holm correction over ${m} comparisons; intervals are Bonferroni-adjusted (${formatLevel(level)} each, ${formatLevel(o.confidence)} together). A comparison wins only when its Holm-adjusted p-value is below ${alpha.toPrecision(2)} and its interval excludes 0.`;
    return { adjusted, level, correction: "holm", note };
  }
  // Benjamini–Yekutieli FCR intervals: with R discoveries, level 1 − Rα/m covers the selected ones.
  const rejected = Math.max(1, adj.filter((p) => p < alpha).length);
  const level = 1 - (rejected * alpha) / m;
  const note = `Benjamini–Hochberg correction over ${m} comparisons (false discovery rate ${alpha.toPrecision(2)}); intervals are at ${formatLevel(level)} (false-coverage-rate adjusted, ${rejected} of ${m} selected).`;
  return { adjusted, level, correction: "benjamini-hochberg", note };
}

function methodNote(o: AbTestOptions): string {
  if (o.method === "sequential") {
    return `Sequential: always-valid ${formatLevel(o.confidence)} confidence sequences (tuning N* = ${o.sequentialTuning}), safe to check at any time; p-values are always-valid (the smallest alpha at which the sequence excludes 0); the relative lift's sequence is built on the log of the ratio.`;
  }
  if (o.method === "bayesian") {
    return `Bayesian: Beta(${o.prior.alpha}, ${o.prior.beta}) prior for rates, normal posteriors for means and ratios; expected loss is in the metric's own units (rate points for rates) and no p-values are computed.`;
  }
  return "Frequentist: pooled z-test for rates, Welch's t for means, delta-method z-test for ratios; relative-lift intervals by the delta method on the log of the ratio (never below \u2212100%).";
}

/**
 * Sample ratio mismatch on the counts that were assigned. Without input.assignedUnits it falls back to
 * the metric's own units: customers for means and ratios (what is assigned), but for a rate the
 * denominator, which may itself respond to the treatment (clicks, for a conversion rate per click), so
 * a flag then says that the split may be the effect itself. The service layer should pass assignedUnits.
 */
function sampleRatioCheck(t: PreparedTest): { srm: AbTestResult["srm"]; note: string | null } {
  const assigned = t.input.assignedUnits;
  const result = sampleRatioMismatch(assigned ?? t.arms.map((a) => a.units), t.input.intendedShares);
  if (!result) return { srm: null, note: null };
  const srm = { ...result, basis: assigned ? ("assigned-units" as const) : ("metric-units" as const) };
  if (!srm.flagged) return { srm, note: null };
  const p = srm.pValue === 0 ? "p < 1e-300" : `p = ${srm.pValue.toExponential(1)}`; // chi-square tails underflow past 1e-308
  if (assigned) return { srm, note: `Sample ratio mismatch (${p}): the split of assigned units differs from the intended one, so every figure may be biased.` };
  const note = `Sample ratio mismatch (${p}): the split of ${t.unitWord} differs from the intended one, so every figure may be biased.`;
  if (t.arms[0]!.kind !== "proportion") return { srm, note };
  return {
    srm,
    note: `${note} The check used the rate's own denominators (${t.unitWord}), not the assigned counts; if the arms themselves change how many ${t.unitWord} there are, the mismatch is the effect, not broken assignment.`,
  };
}

/** Several metrics of one test: one family for the multiplicity correction. */
export function analyseAbTests(inputs: AbTestInput[], options?: Partial<AbTestOptions>): AbTestResult[] {
  const o = resolveOptions(options);
  const tests = inputs.map((input) => prepareTest(input, o));
  const family = correctFamily(tests.flatMap((t) => t.prepared.map((p) => p.pValue)), o);
  let k = 0;
  return tests.map((t) => {
    const comparisons = t.prepared.map((p) =>
      decideComparison(p, {
        options: o,
        level: family.level,
        adjustedPValue: family.adjusted[k++] ?? null,
        correction: family.correction,
        label: t.input.metric.label,
        unitWord: t.unitWord,
      }),
    );
    const notes = [methodNote(o), ...(family.note ? [family.note] : []), ...t.notes];
    const { srm, note } = sampleRatioCheck(t);
    if (note) notes.push(note);
    const { key, label } = t.input.metric;
    return {
      method: o.method,
      correction: family.correction,
      confidence: o.confidence,
      metric: { key, label, kind: t.arms[0]!.kind },
      arms: t.arms.map((a) => armRow(a, o.confidence)),
      comparisons,
      srm,
      notes,
    };
  });
}

export function analyseAbTest(input: AbTestInput, options?: Partial<AbTestOptions>): AbTestResult {
  return analyseAbTests([input], options)[0]!;
}
