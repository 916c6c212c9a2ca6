// Proper scoring rules for predicted probabilities, and the constant predictor every model must beat.
// Log-loss punishes confident mistakes without bound, so probabilities are clipped to [1e-15, 1 − 1e-15]
// as scikit-learn did up to 1.2 (log_loss(eps=1e-15)): one wrong 0 costs 34.5 nats, not Infinity.
import { checkLabelled, checkProbabilities, requireBothClasses } from "./inputs";

export const LOG_LOSS_EPS = 1e-15;

/** Mean negative log-likelihood in nats (scikit-learn's log_loss with eps = 1e-15). */
export function logLoss(probs: Float64Array, labels: Uint8Array, weights?: Float64Array): number {
  checkLabelled("logLoss", probs, labels, weights);
  checkProbabilities("logLoss", probs);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const w = weights ? weights[i]! : 1;
    sum += w * pointLogLoss(probs[i]!, labels[i]!);
    total += w;
  }
  return sum / total;
}

/** Mean squared difference between probability and outcome (scikit-learn's brier_score_loss). */
export function brierScore(probs: Float64Array, labels: Uint8Array, weights?: Float64Array): number {
  checkLabelled("brierScore", probs, labels, weights);
  checkProbabilities("brierScore", probs);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const w = weights ? weights[i]! : 1;
    sum += w * (probs[i]! - labels[i]!) ** 2;
    total += w;
  }
  return sum / total;
}

export interface BaselineMetrics {
  /** The (weighted) share of positives: the constant prediction. */
  readonly positiveRate: number;
  readonly logLoss: number;
  readonly brier: number;
  /** A constant ranks nothing above anything: every pair is a tie. */
  readonly auc: 0.5;
  /** One step to full recall at precision = the positive rate. */
  readonly averagePrecision: number;
}

/** The metrics of predicting the positive rate for every row: the bar a model has to clear. */
export function baselineMetrics(labels: Uint8Array, weights?: Float64Array): BaselineMetrics {
  const totals = checkLabelled("baselineMetrics", new Float64Array(labels.length), labels, weights);
  requireBothClasses("baselineMetrics", totals);
  const p = totals.positiveWeight / (totals.positiveWeight + totals.negativeWeight);
  return { positiveRate: p, logLoss: p * pointLogLoss(p, 1) + (1 - p) * pointLogLoss(p, 0), brier: p * (1 - p), auc: 0.5, averagePrecision: p };
}

function pointLogLoss(p: number, y: number): number {
  const clipped = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return y === 1 ? -Math.log(clipped) : -Math.log1p(-clipped);
}
