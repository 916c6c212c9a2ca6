// Fits each recommender on a split's training data, ranks the top k for every held-out user through the
// same recommendMany the app uses, and scores the lists with ./metrics. A recommender that throws (e.g.
// content-based without item text) becomes a failed row, so one bad algorithm does not hide the rest.
import { recommendMany } from "../recommend";
import type { Recommender } from "../types";
import { coverage, itemPopularity, popularityBias, popularityPercentiles, rankingMetrics } from "./metrics";
import type { EvaluationSet, HeldOut } from "./splits";
import { MlRangeError } from "../../errors";

export interface Candidate {
  /** The row's label: the algorithm's name, or a variant such as "ease λ=200". */
  readonly name: string;
  readonly recommender: Recommender;
  readonly fitOptions?: unknown;
}

export interface EvaluateOptions {
  readonly k: number;
  /** Drop the user's training items from the ranking (false for buy-again style "all purchases" runs). */
  readonly excludeSeen: boolean;
  readonly onProgress?: (line: string) => void;
  /** Keep each user's ranked list on the row (to compare with another implementation's lists). */
  readonly keepLists?: boolean;
  /** Milliseconds from a monotonic clock; injectable for tests. */
  readonly now?: () => number;
}

export interface ListScores {
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly map: number;
  readonly hitRate: number;
  readonly coverage: number;
  readonly popularityBias: number;
  /** Users averaged over: those with held-out items. */
  readonly users: number;
}

export interface AlgorithmScores extends ListScores {
  readonly name: string;
  readonly ok: true;
  readonly fitSeconds: number;
  readonly recommendSeconds: number;
  /** With keepLists: the top k per held-out user, in the order of heldOut.users. */
  readonly lists?: readonly Int32Array[];
}

export interface AlgorithmFailure {
  readonly name: string;
  readonly ok: false;
  readonly error: string;
}

export type EvaluationRow = AlgorithmScores | AlgorithmFailure;

export function evaluateRecommenders(candidates: readonly Candidate[], set: EvaluationSet, options: EvaluateOptions): EvaluationRow[] {
  const now = options.now ?? (() => globalThis.performance.now());
  const popularity = itemPopularity(set.train.matrix);
  const percentiles = popularityPercentiles(popularity);
  return candidates.map((c) => {
    options.onProgress?.(`${c.name}: fitting on ${set.train.matrix.rows} users × ${set.train.matrix.cols} items`);
    try {
      const t0 = now();
      const model = c.recommender.fit(set.train, c.fitOptions);
      const t1 = now();
      const recs = recommendMany(c.recommender, model, set.train.matrix, set.heldOut.users, { n: options.k, excludeSeen: options.excludeSeen, withReasons: false });
      const t2 = now();
      const lists = recs.map((r) => r.items);
      const row: AlgorithmScores = {
        name: c.name,
        ok: true,
        ...scoreLists(lists, set.heldOut, options.k, popularity, percentiles),
        fitSeconds: (t1 - t0) / 1000,
        recommendSeconds: (t2 - t1) / 1000,
        ...(options.keepLists ? { lists } : {}),
      };
      options.onProgress?.(`${c.name}: nDCG@${options.k} ${row.ndcg.toFixed(4)} (fit ${row.fitSeconds.toFixed(2)} s, recommend ${row.recommendSeconds.toFixed(2)} s)`);
      return row;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      options.onProgress?.(`${c.name}: failed: ${error}`);
      return { name: c.name, ok: false, error };
    }
  });
}

/**
 * Metrics of ready-made lists (only the first k of each count), one per held-out user in order: the part of evaluation that needs no model,
 * so lists from elsewhere (the Python reference) are scored by the same code.
 */
export function scoreLists(
  lists: readonly ArrayLike<number>[],
  heldOut: HeldOut,
  k: number,
  popularity: Int32Array,
  percentiles: Float64Array = popularityPercentiles(popularity),
): ListScores {
  if (lists.length !== heldOut.users.length) throw new MlRangeError(`${lists.length} lists for ${heldOut.users.length} held-out users`);
  lists = lists.map((l) => (l.length > k ? Array.prototype.slice.call(l, 0, k) : l));
  const sum = { precision: 0, recall: 0, ndcg: 0, ap: 0, hit: 0 };
  lists.forEach((list, i) => {
    const m = rankingMetrics(list, heldOut.relevant[i]!, k);
    sum.precision += m.precision;
    sum.recall += m.recall;
    sum.ndcg += m.ndcg;
    sum.ap += m.ap;
    sum.hit += m.hit;
  });
  const n = lists.length;
  const mean = (x: number) => (n === 0 ? NaN : x / n);
  return {
    precision: mean(sum.precision),
    recall: mean(sum.recall),
    ndcg: mean(sum.ndcg),
    map: mean(sum.ap),
    hitRate: mean(sum.hit),
    coverage: coverage(lists, popularity),
    popularityBias: popularityBias(lists, percentiles),
    users: n,
  };
}
