// ROC area, its DeLong interval and the paired DeLong test. The area is the Mann–Whitney probability that a
// random positive outscores a random negative, ties counting half, which is also the trapezoid area under
// the step curve (scikit-learn's roc_auc_score). DeLong, DeLong & Clarke-Pearson (1988) give its variance
// from per-row "structural components"; Sun & Xu (2014) compute them in O(n log n) from midranks, and the
// midrank difference Tz − Tx of a positive is exactly the number of negatives below it plus half of those
// tied with it, which one pass over the descending order counts directly.
import { MlRangeError } from "../../errors";
import { checkOpenUnit } from "../../../stats/checks";
import { normalCdf, normalQuantile } from "../../../stats/distributions";
import { checkLabelled, requireBothClasses, thinIndices, thresholdSteps, type ClassTotals } from "./inputs";
import { descendingOrder } from "./order";

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  /** Rows scoring >= threshold are flagged; the first point (nothing flagged) has threshold Infinity. */
  readonly threshold: number;
}

export interface AucInterval {
  readonly auc: number;
  readonly low: number;
  readonly high: number;
  readonly se: number;
  readonly confidence: number;
  readonly method: "delong";
  /** The interval is symmetric in logit(AUC), so it stays inside (0, 1) and is asymmetric near 1. */
  readonly scale: "logit";
}

export interface DelongTest {
  readonly aucA: number;
  readonly aucB: number;
  /** aucA − aucB. */
  readonly difference: number;
  readonly se: number;
  readonly z: number;
  /** Two-sided. */
  readonly pValue: number;
}

/** Area under the ROC curve, ties counted half; optional row weights as scikit-learn's sample_weight. */
export function rocAuc(scores: Float64Array, labels: Uint8Array, weights?: Float64Array): number {
  const totals = checkLabelled("rocAuc", scores, labels, weights);
  requireBothClasses("rocAuc", totals);
  const { tps, fps } = thresholdSteps(scores, labels, weights);
  let twiceArea = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < tps.length; k++) {
    twiceArea += (fps[k]! - fp) * (tps[k]! + tp);
    tp = tps[k]!;
    fp = fps[k]!;
  }
  return twiceArea / (2 * totals.positiveWeight * totals.negativeWeight);
}

/** The ROC curve from (0, 0) to (1, 1), one point per distinct score, or at most `maxPoints` spread along it. */
export function rocCurve(scores: Float64Array, labels: Uint8Array, options: { maxPoints?: number; weights?: Float64Array } = {}): RocPoint[] {
  const totals = checkLabelled("rocCurve", scores, labels, options.weights);
  requireBothClasses("rocCurve", totals);
  const { thresholds, tps, fps } = thresholdSteps(scores, labels, options.weights);
  // Point 0 flags nothing; point k + 1 flags the rows scoring >= thresholds[k].
  const fpr = (i: number) => (i === 0 ? 0 : fps[i - 1]! / totals.negativeWeight);
  const tpr = (i: number) => (i === 0 ? 0 : tps[i - 1]! / totals.positiveWeight);
  const kept = thinIndices(tps.length + 1, (i) => fpr(i) + tpr(i), options.maxPoints);
  return kept.map((i) => ({ fpr: fpr(i), tpr: tpr(i), threshold: i === 0 ? Infinity : thresholds[i - 1]! }));
}

/** AUC with DeLong's standard error and a `confidence` interval on the logit scale. */
export function rocAucInterval(scores: Float64Array, labels: Uint8Array, confidence = 0.95): AucInterval {
  checkOpenUnit(confidence, "rocAucInterval: confidence");
  const totals = checkForDelong("rocAucInterval", scores, labels);
  const v = structuralComponents(scores, labels, totals);
  const auc = meanOver(v, labels, 1);
  const se = Math.sqrt(componentVariance(v, labels, totals));
  const { low, high } = logitInterval(auc, se, normalQuantile(1 - (1 - confidence) / 2));
  return { auc, low, high, se, confidence, method: "delong", scale: "logit" };
}

/** DeLong's paired test of two models' AUCs on the same rows; a positive difference favours A. */
export function delongTest(scoresA: Float64Array, scoresB: Float64Array, labels: Uint8Array): DelongTest {
  if (scoresB.length !== scoresA.length) throw new MlRangeError(`delongTest: scoresA has ${scoresA.length} rows but scoresB has ${scoresB.length}`);
  const totals = checkForDelong("delongTest", scoresA, labels);
  checkLabelled("delongTest", scoresB, labels);
  const a = structuralComponents(scoresA, labels, totals);
  const b = structuralComponents(scoresB, labels, totals);
  const aucA = meanOver(a, labels, 1);
  const aucB = meanOver(b, labels, 1);
  // Var(A − B) = Var(A) + Var(B) − 2 Cov(A, B) is the variance of the components' difference.
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i]! - b[i]!;
  const se = Math.sqrt(componentVariance(d, labels, totals));
  const difference = aucA - aucB;
  if (se === 0) return { aucA, aucB, difference, se, z: difference === 0 ? 0 : Math.sign(difference) * Infinity, pValue: difference === 0 ? 1 : 0 };
  const z = difference / se;
  return { aucA, aucB, difference, se, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}

function checkForDelong(fn: string, scores: Float64Array, labels: Uint8Array): ClassTotals {
  const totals = checkLabelled(fn, scores, labels);
  requireBothClasses(fn, totals);
  // The components' sample variances divide by count − 1.
  if (totals.positives < 2 || totals.negatives < 2) {
    throw new MlRangeError(`${fn}: DeLong's variance needs at least 2 positives and 2 negatives, got ${totals.positives} and ${totals.negatives}`);
  }
  return totals;
}

/** V10 for each positive row (share of negatives it beats), V01 for each negative (share of positives beating it). */
function structuralComponents(scores: Float64Array, labels: Uint8Array, totals: ClassTotals): Float64Array {
  const order = descendingOrder(scores);
  const n = order.length;
  const { positives: m, negatives: k } = totals;
  const out = new Float64Array(n);
  let posAbove = 0;
  let negAbove = 0;
  for (let start = 0; start < n; ) {
    const s = scores[order[start]!]!;
    let end = start;
    let p = 0;
    for (; end < n && scores[order[end]!] === s; end++) p += labels[order[end]!]!;
    const q = end - start - p;
    const v10 = (k - negAbove - q / 2) / k;
    const v01 = (posAbove + p / 2) / m;
    for (let j = start; j < end; j++) out[order[j]!] = labels[order[j]!] === 1 ? v10 : v01;
    posAbove += p;
    negAbove += q;
    start = end;
  }
  return out;
}

function meanOver(v: Float64Array, labels: Uint8Array, label: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    if (labels[i] !== label) continue;
    sum += v[i]!;
    count++;
  }
  return sum / count;
}

/** S10 / m + S01 / n with sample variances (DeLong et al. 1988, eq. 5 for one contrast). */
function componentVariance(v: Float64Array, labels: Uint8Array, totals: ClassTotals): number {
  const mean1 = meanOver(v, labels, 1);
  const mean0 = meanOver(v, labels, 0);
  let ss1 = 0;
  let ss0 = 0;
  for (let i = 0; i < v.length; i++) {
    if (labels[i] === 1) ss1 += (v[i]! - mean1) ** 2;
    else ss0 += (v[i]! - mean0) ** 2;
  }
  const { positives: m, negatives: n } = totals;
  return ss1 / (m - 1) / m + ss0 / (n - 1) / n;
}

function logitInterval(auc: number, se: number, z: number): { low: number; high: number } {
  // A zero SE (perfect or fully tied ranking) leaves nothing to spread; logit(0 or 1) is infinite anyway.
  if (se === 0 || auc <= 0 || auc >= 1) return { low: auc, high: auc };
  const centre = Math.log(auc / (1 - auc));
  const half = (z * se) / (auc * (1 - auc));
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  return { low: expit(centre - half), high: expit(centre + half) };
}
