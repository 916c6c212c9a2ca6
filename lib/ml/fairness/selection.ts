// The decision the report audits: which rows a cut selects. A top share selects round(share × n) rows,
// highest scores first; rows tied at the cut are taken in row order, so the same scores always select the
// same rows (and a tie never makes the selection larger or smaller than the share asked for).
import { MlRangeError } from "../errors";
import type { Cut, ResolvedCut } from "./types";

export interface Selection {
  /** 1 for a selected row. */
  readonly selected: Uint8Array;
  readonly cut: ResolvedCut;
}

/** Throws unless every score is a probability. */
export function checkScores(scores: Float64Array): void {
  if (scores.length === 0) throw new MlRangeError("the fairness report needs at least one scored row, got 0");
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= 1)) throw new MlRangeError(`scores must be probabilities between 0 and 1, got ${s} at row ${i}`);
  }
}

export function applyCut(scores: Float64Array, cut: Cut): Selection {
  if ("topShare" in cut) return selectTopShare(scores, cut.topShare);
  if ("threshold" in cut) return selectAtThreshold(scores, cut.threshold);
  throw new MlRangeError(`a cut is { topShare } or { threshold }, got ${JSON.stringify(cut)}`);
}

function selectAtThreshold(scores: Float64Array, threshold: number): Selection {
  if (!Number.isFinite(threshold)) throw new MlRangeError(`the cut's threshold must be a finite number, got ${threshold}`);
  const selected = new Uint8Array(scores.length);
  let count = 0;
  let lowest = Infinity;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! < threshold) continue;
    selected[i] = 1;
    count++;
    lowest = Math.min(lowest, scores[i]!);
  }
  return { selected, cut: resolved("threshold", null, threshold, scores.length, count, lowest) };
}

function selectTopShare(scores: Float64Array, share: number): Selection {
  if (!(share > 0 && share <= 1)) throw new MlRangeError(`the cut's topShare must be above 0 and at most 1, got ${share}`);
  const n = scores.length;
  const k = Math.round(share * n);
  const selected = new Uint8Array(n);
  if (k === 0) return { selected, cut: resolved("topShare", share, null, n, 0, Infinity) };
  // The k-th highest score is the cut: everything above it is in, and of the rows equal to it, the first
  // (k − number above) in row order.
  const cutScore = Float64Array.from(scores).sort()[n - k]!;
  let above = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > cutScore) above++;
  let tiedLeft = k - above;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s > cutScore) selected[i] = 1;
    else if (s === cutScore && tiedLeft > 0) {
      selected[i] = 1;
      tiedLeft--;
    }
  }
  return { selected, cut: resolved("topShare", share, null, n, k, cutScore) };
}

function resolved(kind: ResolvedCut["kind"], topShare: number | null, threshold: number | null, rows: number, selected: number, lowest: number): ResolvedCut {
  return { kind, topShare, threshold, rows, selected, lowestSelectedScore: selected > 0 ? lowest : null };
}
