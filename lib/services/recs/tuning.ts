// Hyper-parameters chosen on the shop's own data before the final fit, never on what will be scored:
// EASE's λ and ALS's regularisation and confidence on a per-customer validation split of the training
// events (tune.ts), and the hybrid's weights on the last weeks of training events held out by date, since
// the hybrid's buy-again part can only show its worth on repeat purchases, which a random split of
// distinct items never holds out.
import { evaluateRecommenders } from "../../ml/recs/eval/evaluate";
import { evaluationSetOf, timeSplit } from "../../ml/recs/eval/splits";
import { tuneRecommender } from "../../ml/recs/eval/tune";
import type { HybridOptions } from "../../ml/recs/hybrid";
import { RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName, TrainingData } from "../../ml/recs/types";

export interface Tuned {
  options: unknown;
  ndcg: number;
  tried: { options: unknown; ndcg: number | null }[];
  /** How the candidates were compared, in words. */
  on: string;
}

export const GRIDS: Partial<Record<AlgorithmName, unknown[]>> = {
  ease: [50, 100, 200, 500, 1000, 2000].map((lambda) => ({ lambda })),
  als: [5, 20, 50, 100].flatMap((regularization) => [5, 10].map((alpha) => ({ regularization, alpha }))),
};

/** Blends tried for the hybrid: repeat buying on or off, neighbours, a little content and popularity. */
export const HYBRID_GRID: HybridOptions[] = [0, 0.5, 1, 2].flatMap((buyAgain) =>
  [0, 0.3].map((content) => ({ weights: { "item-knn": 1, ...(buyAgain ? { "buy-again": buyAgain } : {}), ...(content ? { content } : {}), popularity: 0.1 } })),
);

const K = 10;
const DAY = 86_400_000;

export function tuneOnValidation(name: AlgorithmName, data: TrainingData): Tuned | null {
  const grid = GRIDS[name];
  const rec = RECOMMENDERS[name];
  if (!grid || !rec) return null;
  const r = tuneRecommender(rec, data, grid, { k: K, fraction: 0.25, seed: 7 });
  return {
    options: r.best,
    ndcg: r.bestNdcg,
    tried: r.tried.map((t) => ({ options: t.options, ndcg: "ndcg" in t.result ? t.result.ndcg : null })),
    on: `nDCG@${K} on 25% of each customer's training items held out (seed 7)`,
  };
}

/** The hybrid's weights on the last 30 days of training (or the last fifth of its span, if shorter). */
export function tuneHybrid(data: TrainingData): Tuned | null {
  const log = data.log;
  const rec = RECOMMENDERS.hybrid;
  if (!log || log.time.length === 0 || !rec) return null;
  let first = Infinity;
  for (const t of log.time) if (t < first) first = t;
  const asOf = data.asOf ?? first;
  const cutoff = Math.max(asOf - 30 * DAY, asOf - (asOf - first) / 5);
  const split = timeSplit(log, { users: data.matrix.rows, items: data.matrix.cols, cutoff });
  if (split.train.user.length === 0 || split.test.user.length === 0) return null;
  const { matrix: _m, log: _l, asOf: _a, ...extras } = data;
  const set = evaluationSetOf(split, "all", extras);
  if (set.heldOut.users.length === 0) return null;
  const rows = evaluateRecommenders(HYBRID_GRID.map((o, i) => ({ name: `hybrid ${i}`, recommender: rec, fitOptions: o })), set, { k: K, excludeSeen: false });
  let best = -1;
  rows.forEach((r, i) => {
    if (r.ok && (best < 0 || r.ndcg > (rows[best] as { ndcg: number }).ndcg)) best = i;
  });
  if (best < 0) return null;
  return {
    options: HYBRID_GRID[best],
    ndcg: (rows[best] as { ndcg: number }).ndcg,
    tried: rows.map((r, i) => ({ options: HYBRID_GRID[i], ndcg: r.ok ? r.ndcg : null })),
    on: `nDCG@${K} of all purchases in the ${Math.round((asOf - cutoff) / DAY)} days before ${new Date(asOf).toISOString().slice(0, 10)}, trained on the events before`,
  };
}
