// Top-k ranking metrics over predictions, not models: each takes a user's ranked list and relevant set.
// The protocol (the same in scripts/bench/recs_reference.py, so the two can be compared):
//   - relevance is binary: every held-out item is relevant, nothing else is;
//   - precision@k = hits / k (k, not the list length: a short list is penalised);
//   - recall@k    = hits / |relevant|;
//   - nDCG@k      = DCG / IDCG, DCG = Σ over hits at rank r (1-based) of 1 / log2(r + 1), and IDCG the same
//                   sum over ranks 1..min(k, |relevant|) (every one a hit);
//   - MAP@k       = mean over users of AP@k = (Σ over hits at rank r of precision@r) / min(k, |relevant|);
//   - hit rate@k  = share of users with at least one hit;
// each averaged over the users with held-out items (every user counts once, whatever |relevant|).
// Catalogue measures, over the whole set of lists:
//   - coverage = distinct items of the training catalogue recommended to anyone / items with at least one
//     training interaction (an item no one had in training, which content scoring may offer, is outside the
//     catalogue measured, so coverage never passes 1);
//   - popularity bias = mean, over every recommended slot, of the item's popularity percentile, where an
//     item's popularity is its number of distinct training users and its percentile the share of the
//     training catalogue no more popular than it (1 = the most popular item, near 0 = the long tail; an
//     item with no training users scores 0).
import type { Csr } from "../csr";
import { indexOfSorted } from "../../sorted";
import { MlRangeError } from "../../errors";

export interface UserMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly ap: number;
  readonly hit: number;
}

/** The metrics of one ranked list (first k entries) against its sorted, distinct relevant items. */
export function rankingMetrics(ranked: ArrayLike<number>, relevant: Int32Array, k: number): UserMetrics {
  if (!Number.isInteger(k) || k < 1) throw new MlRangeError(`k must be a whole number of at least 1, got ${k}`);
  if (relevant.length === 0) throw new MlRangeError("rankingMetrics: a user with no relevant items has no metrics");
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r++) {
    if (!contains(relevant, ranked[r]!)) continue;
    hits++;
    dcg += 1 / Math.log2(r + 2);
    precisionSum += hits / (r + 1);
  }
  const ideal = Math.min(k, relevant.length);
  return { precision: hits / k, recall: hits / relevant.length, ndcg: dcg / idealDcg(ideal), ap: precisionSum / ideal, hit: hits > 0 ? 1 : 0 };
}

/** Per item, the number of distinct users with it in the matrix. */
export function itemPopularity(matrix: Csr): Int32Array {
  const pop = new Int32Array(matrix.cols);
  for (let k = 0; k < matrix.indices.length; k++) pop[matrix.indices[k]!]!++;
  return pop;
}

/** Items with at least one training user. */
export function catalogueSize(popularity: Int32Array): number {
  let n = 0;
  for (const p of popularity) if (p > 0) n++;
  return n;
}

/** Distinct training-catalogue items across all lists / training catalogue size. */
export function coverage(lists: readonly ArrayLike<number>[], popularity: Int32Array): number {
  const seen = new Uint8Array(popularity.length);
  let distinct = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      if (!seen[item] && popularity[item]! > 0) distinct++;
      seen[item] = 1;
    }
  }
  const size = catalogueSize(popularity);
  return size === 0 ? 0 : distinct / size;
}

/** Per item, the share of the training catalogue with popularity ≤ its own (0 for items no one has). */
export function popularityPercentiles(popularity: Int32Array): Float64Array {
  const inCatalogue = Array.from(popularity).filter((p) => p > 0).sort((a, b) => a - b);
  const out = new Float64Array(popularity.length);
  popularity.forEach((p, i) => {
    if (p > 0) out[i] = upperBound(inCatalogue, p) / inCatalogue.length;
  });
  return out;
}

/** Mean popularity percentile over every recommended slot; NaN when nothing was recommended. */
export function popularityBias(lists: readonly ArrayLike<number>[], percentiles: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) sum += percentiles[list[i]!]!;
    n += list.length;
  }
  return n === 0 ? NaN : sum / n;
}

function idealDcg(n: number): number {
  let s = 0;
  for (let r = 0; r < n; r++) s += 1 / Math.log2(r + 2);
  return s;
}

function contains(sorted: Int32Array, x: number): boolean {
  return indexOfSorted(sorted, x) >= 0;
}

/** Number of entries ≤ x in an ascending array. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
