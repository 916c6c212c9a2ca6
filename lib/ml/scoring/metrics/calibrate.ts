// Calibration maps a model's margin (log-odds) to a probability that means what it says. A forest's vote
// share or a boosted model's raw output is often over- or under-confident; Platt's two parameters fix a
// sigmoid-shaped error with little data, isotonic regression fixes any monotone error but needs plenty of
// rows. Which one helps is measured, not assumed: cross-validated log-loss on the held-out rows, with
// "none" (the model's own σ(margin)) a candidate like the others.
import { MlRangeError } from "../../errors";
import { forkRng } from "../../random";
import { stratifiedFolds } from "../split";
import { formatCount } from "../../../stats/verdict";
import { checkLabelled } from "./inputs";
import { fitIsotonic, interpolateIsotonic, type IsotonicCalibration } from "./isotonic";
import { logLoss } from "./losses";
import { fitPlatt, sigmoid, type PlattCalibration } from "./platt";

export { fitIsotonic, fitPlatt, type IsotonicCalibration, type PlattCalibration };

/** Plain JSON: store it beside the model. The input is a margin for "none" and "platt", the fitted scale for "isotonic". */
export type Calibration = PlattCalibration | IsotonicCalibration | { readonly kind: "none" };
export type CalibrationKind = Calibration["kind"];

/** Isotonic regression overfits small samples: below these it is not a candidate. */
export const ISOTONIC_MIN_ROWS = 1000;
export const ISOTONIC_MIN_CLASS = 50;

export interface CalibrationChoice {
  /** The winner, refitted on all the rows given. */
  readonly calibration: Calibration;
  /** Each candidate's cross-validated log-loss, in the order none, platt, isotonic. */
  readonly candidates: readonly { readonly kind: CalibrationKind; readonly logLoss: number }[];
  readonly folds: number;
  /** Why a candidate was left out, or null when all three were compared. */
  readonly excluded: string | null;
}

export function applyCalibration(cal: Calibration, margin: number): number {
  if (Number.isNaN(margin)) throw new MlRangeError("applyCalibration: the margin is NaN");
  switch (cal.kind) {
    case "none":
      return sigmoid(margin);
    case "platt":
      return sigmoid(cal.a * margin + cal.b);
    case "isotonic":
      return interpolateIsotonic(cal, margin);
    default:
      return assertNever(cal);
  }
}

export function applyCalibrationAll(cal: Calibration, margins: Float64Array): Float64Array {
  const out = new Float64Array(margins.length);
  for (let i = 0; i < margins.length; i++) {
    if (Number.isNaN(margins[i])) throw new MlRangeError(`applyCalibrationAll: margins[${i}] is NaN`);
    out[i] = applyCalibration(cal, margins[i]!);
  }
  return out;
}

/** log(p / (1 − p)), with p clipped to [1e-15, 1 − 1e-15] so a model's 0 or 1 stays finite. */
export function toMargin(p: number): number {
  const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  return Math.log(q / (1 - q));
}

/** Rebuilds a Calibration from JSON, throwing MlRangeError naming what is wrong. */
export function parseCalibration(json: unknown): Calibration {
  const o = (json ?? {}) as Record<string, unknown>;
  if (o.kind === "none") return { kind: "none" };
  if (o.kind === "platt") {
    if (typeof o.a !== "number" || !Number.isFinite(o.a) || typeof o.b !== "number" || !Number.isFinite(o.b)) throw new MlRangeError(`platt calibration needs finite a and b, got a = ${String(o.a)}, b = ${String(o.b)}`);
    return { kind: "platt", a: o.a, b: o.b };
  }
  if (o.kind === "isotonic") {
    const { x, y } = o;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length === 0 || x.length !== y.length) throw new MlRangeError("isotonic calibration needs arrays x and y of the same length, at least 1");
    for (let i = 0; i < x.length; i++) {
      const xi: unknown = x[i];
      const yi: unknown = y[i];
      if (typeof xi !== "number" || !Number.isFinite(xi) || (i > 0 && !(xi > (x[i - 1] as number)))) throw new MlRangeError(`isotonic calibration: x[${i}] = ${String(xi)}; x must be finite and increasing`);
      if (typeof yi !== "number" || !(yi >= 0 && yi <= 1) || (i > 0 && !(yi >= (y[i - 1] as number)))) throw new MlRangeError(`isotonic calibration: y[${i}] = ${String(yi)}; y must lie in [0, 1] and not decrease`);
    }
    return { kind: "isotonic", x: x as number[], y: y as number[] };
  }
  throw new MlRangeError(`unknown calibration kind "${String(o.kind)}" (kinds: none, platt, isotonic)`);
}

/**
 * Compares none, Platt and isotonic by `folds`-fold stratified cross-validated log-loss on held-out
 * margins and returns the winner refitted on all of them; a tie goes to the simpler one.
 */
export function chooseCalibration(margins: Float64Array, labels: Uint8Array, seed: number, options: { folds?: number } = {}): CalibrationChoice {
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) throw new MlRangeError(`chooseCalibration: folds must be a whole number of at least 2, got ${folds}`);
  const totals = checkLabelled("chooseCalibration", margins, labels);
  const own = logLoss(applyCalibrationAll({ kind: "none" }, margins), labels);
  const candidates: { kind: CalibrationKind; logLoss: number }[] = [{ kind: "none", logLoss: own }];
  const fewer = Math.min(totals.positives, totals.negatives);
  // Every fold must hold both classes: stratified folds guarantee it with at least `folds` of each.
  if (fewer < folds) return { calibration: { kind: "none" }, candidates, folds, excluded: `only ${plural(totals.positives, "positive")} and ${plural(totals.negatives, "negative")}: too few to fit a calibration` };
  const fold = stratifiedFolds(labels, folds, forkRng(seed, "calibration-folds"));
  candidates.push({ kind: "platt", logLoss: crossValidated(margins, labels, fold, folds, fitPlatt) });
  let excluded: string | null = null;
  if (totals.rows < ISOTONIC_MIN_ROWS || fewer < ISOTONIC_MIN_CLASS) {
    excluded = `isotonic needs at least ${formatCount(ISOTONIC_MIN_ROWS)} rows and ${ISOTONIC_MIN_CLASS} of each class; there are ${formatCount(totals.rows)} rows, ${formatCount(totals.positives)} positives and ${formatCount(totals.negatives)} negatives`;
  } else {
    candidates.push({ kind: "isotonic", logLoss: crossValidated(margins, labels, fold, folds, fitIsotonic) });
  }
  const best = candidates.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  const calibration: Calibration = best.kind === "platt" ? fitPlatt(margins, labels) : best.kind === "isotonic" ? fitIsotonic(margins, labels) : { kind: "none" };
  return { calibration, candidates, folds, excluded };
}

function crossValidated(margins: Float64Array, labels: Uint8Array, fold: Int32Array, folds: number, fit: (m: Float64Array, y: Uint8Array) => Calibration): number {
  const predicted = new Float64Array(margins.length);
  for (let f = 0; f < folds; f++) {
    let size = 0;
    for (let i = 0; i < fold.length; i++) if (fold[i] !== f) size++;
    const m = new Float64Array(size);
    const y = new Uint8Array(size);
    for (let i = 0, k = 0; i < fold.length; i++) {
      if (fold[i] === f) continue;
      m[k] = margins[i]!;
      y[k++] = labels[i]!;
    }
    const cal = fit(m, y);
    for (let i = 0; i < fold.length; i++) if (fold[i] === f) predicted[i] = applyCalibration(cal, margins[i]!);
  }
  return logLoss(predicted, labels);
}

const plural = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;

function assertNever(x: never): never {
  throw new MlRangeError(`unknown calibration kind "${String((x as { kind?: unknown }).kind)}"`);
}
