// The checks every metric shares, and the threshold steps the ranking metrics are built on. Metrics take predictions
// and labels, never a model (../shared/STYLE.md "Evaluation apart from models"), so the rows they are
// handed are the only thing that can be wrong, and the message says which row and why.
import { MlRangeError } from "../../errors";
import { descendingOrder } from "./order";

export interface ClassTotals {
  readonly rows: number;
  readonly positives: number;
  readonly negatives: number;
  /** Summed weights (the counts when no weights are given). */
  readonly positiveWeight: number;
  readonly negativeWeight: number;
}

/** Checks scores, 0/1 labels and optional weights row by row; returns the class totals. */
export function checkLabelled(fn: string, scores: Float64Array, labels: Uint8Array, weights?: Float64Array): ClassTotals {
  const n = scores.length;
  if (labels.length !== n) throw new MlRangeError(`${fn}: scores has ${n} rows but labels has ${labels.length}`);
  if (weights && weights.length !== n) throw new MlRangeError(`${fn}: scores has ${n} rows but weights has ${weights.length}`);
  if (n === 0) throw new MlRangeError(`${fn}: there are no rows to score`);
  let positives = 0;
  let positiveWeight = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) throw new MlRangeError(`${fn}: scores[${i}] is ${s}; scores must be finite numbers`);
    const y = labels[i]!;
    if (y > 1) throw new MlRangeError(`${fn}: labels[${i}] is ${y}; labels must be 0 or 1`);
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0 && w < Infinity)) throw new MlRangeError(`${fn}: weights[${i}] is ${w}; weights must be finite and >= 0`);
    positives += y;
    positiveWeight += y * w;
    totalWeight += w;
  }
  return { rows: n, positives, negatives: n - positives, positiveWeight, negativeWeight: totalWeight - positiveWeight };
}

export function requirePositives(fn: string, t: ClassTotals): void {
  if (t.positiveWeight <= 0) throw new MlRangeError(`${fn}: the labels hold no positives (1s)${t.positives > 0 ? " of weight above 0" : ""}, so there is nothing to find`);
}

export function requireBothClasses(fn: string, t: ClassTotals): void {
  requirePositives(fn, t);
  if (t.negativeWeight <= 0) throw new MlRangeError(`${fn}: the labels hold no negatives (0s)${t.negatives > 0 ? " of weight above 0" : ""}, so there is nothing to tell apart`);
}

/** Probabilities must lie in [0, 1]; a margin passed by mistake is the usual culprit. */
export function checkProbabilities(fn: string, probs: Float64Array): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) throw new MlRangeError(`${fn}: probabilities[${i}] is ${p}; probabilities must lie in [0, 1]`);
  }
}

/** Cumulative positive (tps) and negative (fps) weight at each distinct score, highest score first. */
export interface ThresholdSteps {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
}

// scikit-learn's _binary_clf_curve: one step per distinct score, so tied rows move the curve together (a
// diagonal segment) and ROC area, average precision and both curves count ties alike. Groups of weight 0
// are dropped, as scikit-learn drops rows of weight 0: they cannot move the curve.
export function thresholdSteps(scores: Float64Array, labels: Uint8Array, weights?: Float64Array): ThresholdSteps {
  const order = descendingOrder(scores);
  const n = order.length;
  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let size = 0;
  let tp = 0;
  let fp = 0;
  for (let start = 0; start < n; ) {
    const s = scores[order[start]!]!;
    let end = start;
    let moved = 0;
    for (; end < n && scores[order[end]!] === s; end++) {
      const i = order[end]!;
      const w = weights ? weights[i]! : 1;
      if (labels[i] === 1) tp += w;
      else fp += w;
      moved += w;
    }
    if (moved > 0) {
      thresholds[size] = s;
      tps[size] = tp;
      fps[size] = fp;
      size++;
    }
    start = end;
  }
  return { thresholds: thresholds.slice(0, size), tps: tps.slice(0, size), fps: fps.slice(0, size) };
}

/**
 * At most `maxPoints` of the indices 0..size-1, spread evenly along `position` (non-decreasing in the index):
 * the first index reaching each of evenly spaced targets, always with the first and the last.
 */
export function thinIndices(size: number, position: (i: number) => number, maxPoints: number | undefined): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (maxPoints === undefined || size <= maxPoints) return all;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new MlRangeError(`maxPoints must be a whole number of at least 2, got ${maxPoints}`);
  const from = position(0);
  const span = position(size - 1) - from;
  const kept = [0];
  let i = 1;
  for (let k = 1; k < maxPoints - 1; k++) {
    const target = from + (span * k) / (maxPoints - 1);
    while (i < size - 1 && position(i) < target) i++;
    if (i >= size - 1) break;
    if (i > kept[kept.length - 1]!) kept.push(i);
  }
  kept.push(size - 1);
  return kept;
}
