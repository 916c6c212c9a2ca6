// Choosing hyper-parameters without touching the test set: the training data is split again per user
// (seeded), each candidate option set is fitted on the inner part and ranked on the held-back part, and
// the one with the best nDCG@k wins (ties to the earlier candidate, so list the cheaper or safer first).
import type { ModelHeader, Recommender, TrainingData } from "../types";
import { evaluateRecommenders, type AlgorithmScores } from "./evaluate";
import { evaluationSetOf, logOfMatrix, randomHoldOut, sampleHeldOut } from "./splits";
import { MlRangeError } from "../../errors";

export interface TuneOptions {
  readonly k?: number;
  /** Share of each user's training items held back for validation (default 0.25). */
  readonly fraction?: number;
  readonly seed?: number;
  readonly excludeSeen?: boolean;
  /** Score at most this many of the held-back customers, a seeded sample (all by default). */
  readonly maxUsers?: number;
  readonly onProgress?: (line: string) => void;
  readonly now?: () => number;
}

export interface Trial<O> {
  readonly options: O;
  /** Validation scores, or the error the fit raised. */
  readonly result: AlgorithmScores | { readonly ok: false; readonly error: string };
}

export interface TuneResult<O> {
  readonly best: O;
  readonly bestNdcg: number;
  /** Customers with held-back items, before any sampling (maxUsers). */
  readonly heldOutUsers: number;
  readonly tried: readonly Trial<O>[];
}

export function tuneRecommender<O>(rec: Recommender<ModelHeader, O>, data: TrainingData, candidates: readonly O[], options: TuneOptions = {}): TuneResult<O> {
  if (candidates.length === 0) throw new MlRangeError("tuneRecommender: no candidate options to try");
  const k = options.k ?? 10;
  const m = data.matrix;
  const log = data.log ?? logOfMatrix(m);
  const split = randomHoldOut(log, { users: m.rows, items: m.cols, fraction: options.fraction ?? 0.25, seed: options.seed ?? 42 });
  const { matrix: _m, log: _l, asOf: _a, ...extras } = data;
  const full = evaluationSetOf({ ...split, asOf: data.asOf ?? split.asOf }, "all", extras);
  const set = options.maxUsers === undefined ? full : { ...full, heldOut: sampleHeldOut(full.heldOut, options.maxUsers, options.seed ?? 42) };
  const rows = evaluateRecommenders(
    candidates.map((o) => ({ name: `${rec.name} ${JSON.stringify(o)}`, recommender: rec, fitOptions: o })),
    set,
    { k, excludeSeen: options.excludeSeen ?? true, onProgress: options.onProgress, now: options.now },
  );
  const tried = rows.map((r, i) => ({ options: candidates[i]!, result: r.ok ? r : { ok: false as const, error: r.error } }));
  let best = -1;
  rows.forEach((r, i) => {
    if (r.ok && (best < 0 || r.ndcg > (rows[best] as AlgorithmScores).ndcg)) best = i;
  });
  if (best < 0) throw new MlRangeError(`tuneRecommender: every candidate failed for ${rec.name}; first error: ${(rows[0] as { error: string }).error}`);
  return { best: candidates[best]!, bestNdcg: (rows[best] as AlgorithmScores).ndcg, tried, heldOutUsers: full.heldOut.users.length };
}
