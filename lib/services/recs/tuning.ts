// Hyper-parameters chosen on the shop's own data before the final fit, never on what will be scored:
// EASE's λ and ALS's regularisation and confidence on a per-customer validation split of the training
// events (tune.ts), and the hybrid's weights on the last weeks of training events held out by date, since
// the hybrid's buy-again part can only show its worth on repeat purchases, which a random split of
// distinct items never holds out.
import { DAY_MS } from "../../days";
import { evaluateRecommenders } from "../../ml/recs/eval/evaluate";
import { evaluationSetOf, keepPurchases, sampleHeldOut, timeSplit } from "../../ml/recs/eval/splits";
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
  // Confidence 5 did best on MovieLens and Online Retail (BENCHMARKS.md); the regularisation is what varies.
  als: [20, 50, 100, 200].map((regularization) => ({ regularization, alpha: 5 })),
};

/** Blends tried for the hybrid: repeat buying on or off, neighbours, a little content and popularity. */
export const HYBRID_GRID: HybridOptions[] = [0, 0.5, 1, 2].flatMap((buyAgain) =>
  [0, 0.3].map((content) => ({ weights: { "item-knn": 1, ...(buyAgain ? { "buy-again": buyAgain } : {}), ...(content ? { content } : {}), popularity: 0.1 } })),
);

const K = 10;
/** Validation customers scored per candidate: beyond this, a sample (100,000 customers took 8 minutes to tune). */
export const MAX_TUNING_USERS = 10_000;
const sampled = (users: number) => (users > MAX_TUNING_USERS ? `, on a sample of ${MAX_TUNING_USERS.toLocaleString("en")} of the ${users.toLocaleString("en")} customers` : "");

/** Called before each candidate, so a job can report progress (and yield) between fits. */
export type BeforeCandidate = (index: number, count: number) => Promise<void>;
const noWait: BeforeCandidate = async () => undefined;

export async function tuneOnValidation(name: AlgorithmName, data: TrainingData, before: BeforeCandidate = noWait): Promise<Tuned | null> {
  const grid = GRIDS[name];
  const rec = RECOMMENDERS[name];
  if (!grid || !rec) return null;
  // One candidate at a time through the same seeded split, so progress shows between fits.
  const tried: Tuned["tried"] = [];
  let heldOut = 0;
  for (const [i, candidate] of grid.entries()) {
    await before(i, grid.length);
    const r = tuneRecommender(rec, data, [candidate], { k: K, fraction: 0.25, seed: 7, maxUsers: MAX_TUNING_USERS });
    tried.push({ options: candidate, ndcg: r.bestNdcg });
    heldOut = Math.max(heldOut, r.heldOutUsers);
  }
  const best = bestOf(tried);
  if (best < 0) return null;
  return { options: grid[best], ndcg: tried[best]!.ndcg!, tried, on: `nDCG@${K} on 25% of each customer's training items held out (seed 7)${sampled(heldOut)}` };
}

/** Index of the highest nDCG (the earlier on ties), or −1 when every candidate failed. */
function bestOf(tried: Tuned["tried"]): number {
  let best = -1;
  tried.forEach((t, i) => {
    if (t.ndcg !== null && (best < 0 || t.ndcg > tried[best]!.ndcg!)) best = i;
  });
  return best;
}

/**
 * The hybrid's weights on the last 30 days of training (or the last fifth of its span, if shorter).
 * `segmentsAt(cutoff)` gives customers' segments as they stood then, so the fallback does not know about
 * the purchases it is judged on; without it, `data.userSegment` stands.
 */
export async function tuneHybrid(data: TrainingData, before: BeforeCandidate = noWait, segmentsAt?: (cutoff: number) => Promise<Int32Array>): Promise<Tuned | null> {
  const log = data.log;
  const rec = RECOMMENDERS.hybrid;
  if (!log || log.time.length === 0 || !rec) return null;
  let first = Infinity;
  for (const t of log.time) if (t < first) first = t;
  const asOf = data.asOf ?? first;
  const cutoff = Math.max(asOf - 30 * DAY_MS, asOf - (asOf - first) / 5);
  const cut = timeSplit(log, { users: data.matrix.rows, items: data.matrix.cols, cutoff });
  const split = { ...cut, test: keepPurchases(cut.test) };
  if (split.train.user.length === 0 || split.test.user.length === 0) return null;
  const { matrix: _m, log: _l, asOf: _a, ...extras } = data;
  const full = evaluationSetOf(split, "all", segmentsAt && extras.userSegment ? { ...extras, userSegment: await segmentsAt(cutoff) } : extras);
  if (full.heldOut.users.length === 0) return null;
  const set = { ...full, heldOut: sampleHeldOut(full.heldOut, MAX_TUNING_USERS, 7) };
  const tried: Tuned["tried"] = [];
  for (const [i, options] of HYBRID_GRID.entries()) {
    await before(i, HYBRID_GRID.length);
    const [row] = evaluateRecommenders([{ name: `hybrid ${i}`, recommender: rec, fitOptions: options }], set, { k: K, excludeSeen: false });
    tried.push({ options, ndcg: row?.ok ? row.ndcg : null });
  }
  const best = bestOf(tried);
  if (best < 0) return null;
  return {
    options: HYBRID_GRID[best],
    ndcg: tried[best]!.ndcg!,
    tried,
    on: `nDCG@${K} of all purchases in the ${Math.round((asOf - cutoff) / DAY_MS)} days before ${new Date(asOf).toISOString().slice(0, 10)}, trained on the events before${sampled(full.heldOut.users.length)}`,
  };
}
