// Qini and uplift curves (Radcliffe 2007) and the Qini coefficient, from predictions alone. Rows are ranked by
// predicted uplift, highest first; at each share φ of the population the Qini curve is the incremental
// conversions the campaign made there, Q(φ) = Y_t(φ) − Y_c(φ)·N_t(φ)/N_c(φ): the treated conversions minus
// the holdout's, scaled to the treated count (the ratio is taken as 0 while no holdout row has been reached,
// as scikit-uplift does). Rows with equal predictions move the curve together, one straight segment per tie
// group, as ROC curves treat ties: a model that cannot tell rows apart must not be scored on their file
// order. (Decile cuts and audiences, which must split a tie somewhere, break ties by row index instead.)
//
// The Qini coefficient is scikit-uplift's qini_auc_score (negative_effect=True): with A(·) the trapezoid
// area under a curve and the random line drawn from (0, 0) to (1, Q(1)),
//   coefficient = (A(model) − A(random)) / (A(perfect) − A(random)),
// where the perfect curve ranks treated converters first, holdout converters last and everyone else
// between (the oracle score y·t − y·(1 − t), ties grouped). 1 is the perfect ranking, 0 random, below 0
// worse than random.
import { checkFraction, checkWhole } from "../checks";
import { MlRangeError } from "../errors";
import { thinIndices } from "../scoring/metrics/inputs";
import { descendingOrder } from "../scoring/metrics/order";
import { newcombeInterval } from "./difference-interval";
import { checkScored } from "./inputs";

export interface QiniPoint {
  /** Share of rows taken, highest predicted uplift first. */
  readonly share: number;
  readonly rows: number;
  /** Incremental conversions among those rows: Y_t − Y_c·N_t/N_c. */
  readonly qini: number;
}

export interface UpliftCurvePoint {
  readonly share: number;
  readonly rows: number;
  /** Treated minus holdout conversion rate among those rows (a missing group's rate counts as 0). */
  readonly upliftRate: number;
  /** upliftRate × rows: the conversions the campaign would add if every one of them were treated. */
  readonly incremental: number;
}

export interface QiniScore {
  /** scikit-uplift's qini_auc_score. */
  readonly coefficient: number;
  /** Area between the model's curve and the random line, x in shares of the rows, y in conversions. */
  readonly modelArea: number;
  /** The same area for the perfect ranking. */
  readonly perfectArea: number;
}

interface Step {
  readonly rows: number;
  readonly treated: number;
  readonly treatedConversions: number;
  readonly controlConversions: number;
}

/** Cumulative counts at the end of each tie group, highest score first, from the origin. */
function tieGroupSteps(scores: Float64Array, outcome: Uint8Array, treated: Uint8Array): Step[] {
  const order = descendingOrder(scores);
  const steps: Step[] = [{ rows: 0, treated: 0, treatedConversions: 0, controlConversions: 0 }];
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    nt += treated[i]!;
    if (treated[i] === 1) yt += outcome[i]!;
    else yc += outcome[i]!;
    const last = k === order.length - 1 || scores[order[k + 1]!] !== scores[i];
    if (last) steps.push({ rows: k + 1, treated: nt, treatedConversions: yt, controlConversions: yc });
  }
  return steps;
}

function qiniOf(s: Step): number {
  const control = s.rows - s.treated;
  return control === 0 ? s.treatedConversions : s.treatedConversions - (s.controlConversions * s.treated) / control;
}

function upliftRateOf(s: Step): number {
  const control = s.rows - s.treated;
  return (s.treated === 0 ? 0 : s.treatedConversions / s.treated) - (control === 0 ? 0 : s.controlConversions / control);
}

function thin<T>(steps: Step[], maxPoints: number | undefined, point: (s: Step) => T): T[] {
  return thinIndices(steps.length, (k) => steps[k]!.rows, maxPoints).map((k) => point(steps[k]!));
}

/** The Qini curve from (0, 0), one point per distinct prediction (at most `maxPoints`, spread evenly). */
export function qiniCurve(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array, options: { maxPoints?: number } = {}): QiniPoint[] {
  const n = checkScored("qiniCurve", uplift, outcome, treated).rows;
  return thin(tieGroupSteps(uplift, outcome, treated), options.maxPoints, (s) => ({ share: s.rows / n, rows: s.rows, qini: qiniOf(s) }));
}

/** The uplift curve (scikit-uplift's uplift_curve): (rate_t − rate_c) × rows taken. */
export function upliftCurve(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array, options: { maxPoints?: number } = {}): UpliftCurvePoint[] {
  const n = checkScored("upliftCurve", uplift, outcome, treated).rows;
  return thin(tieGroupSteps(uplift, outcome, treated), options.maxPoints, (s) => {
    const rate = upliftRateOf(s);
    return { share: s.rows / n, rows: s.rows, upliftRate: rate, incremental: rate * s.rows };
  });
}

/** Trapezoid area under the Qini curve, x in rows. */
function qiniArea(steps: Step[]): number {
  let area = 0;
  for (let k = 1; k < steps.length; k++) area += ((steps[k]!.rows - steps[k - 1]!.rows) * (qiniOf(steps[k]!) + qiniOf(steps[k - 1]!))) / 2;
  return area;
}

export function qiniScore(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array): QiniScore {
  const c = checkScored("qiniScore", uplift, outcome, treated);
  if (c.treatedConversions + c.controlConversions === 0) throw new MlRangeError(`qiniScore: none of the ${c.rows} rows converted, so no ranking is better than another`);
  const n = c.rows;
  const model = tieGroupSteps(uplift, outcome, treated);
  const oracle = Float64Array.from(outcome, (y, i) => (treated[i] === 1 ? y : -y));
  const perfect = tieGroupSteps(oracle, outcome, treated);
  const random = (n * qiniOf(model[model.length - 1]!)) / 2;
  const modelArea = qiniArea(model) - random;
  const perfectArea = qiniArea(perfect) - random;
  return { coefficient: modelArea / perfectArea, modelArea: modelArea / n, perfectArea: perfectArea / n };
}

export function qiniCoefficient(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array): number {
  return qiniScore(uplift, outcome, treated).coefficient;
}

export interface ObservedUplift {
  readonly rows: number;
  readonly treated: number;
  readonly control: number;
  readonly treatedConversions: number;
  readonly controlConversions: number;
  /** null when the rows hold no treated (or, for controlRate, no holdout) customer. */
  readonly treatedRate: number | null;
  readonly controlRate: number | null;
  /** treatedRate − controlRate. */
  readonly observedUplift: number | null;
  /** Newcombe hybrid score interval of the difference (./difference-interval). */
  readonly low: number | null;
  readonly high: number | null;
}

export interface UpliftDecile extends ObservedUplift {
  /** 1 = the highest predicted uplift. */
  readonly decile: number;
  readonly meanPredicted: number;
}

/** Counts and the observed uplift over positions start..end-1 of `order`. */
function observeRange(order: Int32Array, start: number, end: number, outcome: Uint8Array, treated: Uint8Array, confidence: number): ObservedUplift {
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    nt += treated[i]!;
    if (treated[i] === 1) yt += outcome[i]!;
    else yc += outcome[i]!;
  }
  const nc = end - start - nt;
  const interval = newcombeInterval(yt, nt, yc, nc, confidence);
  return {
    rows: end - start,
    treated: nt,
    control: nc,
    treatedConversions: yt,
    controlConversions: yc,
    treatedRate: nt > 0 ? yt / nt : null,
    controlRate: nc > 0 ? yc / nc : null,
    observedUplift: interval?.estimate ?? null,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
  };
}

/**
 * Rows split into `groups` near-equal groups by predicted uplift (sizes differ by at most one; ties by row
 * index, as gainByDecile), each with its treated and holdout conversion rates and their difference.
 */
export function upliftByDecile(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array, options: { groups?: number; confidence?: number } = {}): UpliftDecile[] {
  const n = checkScored("upliftByDecile", uplift, outcome, treated).rows;
  const groups = checkWhole("upliftByDecile: groups", options.groups ?? 10, 1, n);
  const order = descendingOrder(uplift);
  return Array.from({ length: groups }, (_, g) => {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    let sum = 0;
    for (let k = start; k < end; k++) sum += uplift[order[k]!]!;
    return { decile: g + 1, ...observeRange(order, start, end, outcome, treated, options.confidence ?? 0.95), meanPredicted: sum / (end - start) };
  });
}

/**
 * The observed uplift among the top `share` of rows by predicted uplift (the first ⌊share·n⌋ rows, at least
 * one; ties by row index): scikit-uplift's uplift_at_k(strategy="overall"), with counts and an interval.
 */
export function observedUpliftAt(uplift: Float64Array, outcome: Uint8Array, treated: Uint8Array, share: number, confidence = 0.95): ObservedUplift {
  const n = checkScored("observedUpliftAt", uplift, outcome, treated).rows;
  checkFraction("observedUpliftAt: share", share);
  return observeRange(descendingOrder(uplift), 0, Math.max(1, Math.floor(share * n)), outcome, treated, confidence);
}
