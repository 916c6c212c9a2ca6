// Average precision and the precision–recall curve, as scikit-learn's average_precision_score and
// precision_recall_curve: AP = Σ (R_k − R_{k−1}) P_k over the distinct scores, highest first, a step sum with
// no interpolation (the trapezoid over-rates a curve whose precision falls between steps), and rows with
// equal scores entering together as one step. For rare clicks it says more than AUC does: a constant score
// gets AP = the positive rate, a perfect ranking 1.
import { checkLabelled, requirePositives, thinIndices, thresholdSteps } from "./inputs";

export interface PrPoint {
  readonly recall: number;
  readonly precision: number;
  /** Rows scoring >= threshold are flagged; the first point (nothing flagged) has threshold Infinity. */
  readonly threshold: number;
}

/** scikit-learn's average precision; optional row weights as its sample_weight. */
export function averagePrecision(scores: Float64Array, labels: Uint8Array, weights?: Float64Array): number {
  const totals = checkLabelled("averagePrecision", scores, labels, weights);
  requirePositives("averagePrecision", totals);
  const { tps, fps } = thresholdSteps(scores, labels, weights);
  let sum = 0;
  let tp = 0;
  for (let k = 0; k < tps.length; k++) {
    const flagged = tps[k]! + fps[k]!;
    if (tps[k]! > tp) sum += (tps[k]! - tp) * (tps[k]! / flagged);
    tp = tps[k]!;
  }
  return sum / totals.positiveWeight;
}

/**
 * Precision and recall at each distinct score, highest threshold first, starting from (recall 0,
 * precision 1) as scikit-learn's curve ends; at most `maxPoints` spread evenly over recall when given.
 */
export function prCurve(scores: Float64Array, labels: Uint8Array, options: { maxPoints?: number; weights?: Float64Array } = {}): PrPoint[] {
  const totals = checkLabelled("prCurve", scores, labels, options.weights);
  requirePositives("prCurve", totals);
  const { thresholds, tps, fps } = thresholdSteps(scores, labels, options.weights);
  const recall = (i: number) => (i === 0 ? 0 : tps[i - 1]! / totals.positiveWeight);
  const precision = (i: number) => {
    if (i === 0) return 1;
    const flagged = tps[i - 1]! + fps[i - 1]!;
    return flagged > 0 ? tps[i - 1]! / flagged : 0;
  };
  const kept = thinIndices(tps.length + 1, recall, options.maxPoints);
  return kept.map((i) => ({ recall: recall(i), precision: precision(i), threshold: i === 0 ? Infinity : thresholds[i - 1]! }));
}
