// Offline evaluation of every recommender on the shop's own events, as a background job: split the
// interactions (per customer at random, or at a date), fit each algorithm on the training part, rank the
// top k for every customer with held-out items, and score the lists (metrics defined in
// docs/recommendations.md). One algorithm at a time, so the progress bar moves and the page stays served.
import { evaluateRecommenders, type EvaluationRow } from "../../ml/recs/eval/evaluate";
import { evaluationSetOf, keepPurchases, randomHoldOut, type Relevance, timeSplit } from "../../ml/recs/eval/splits";
import { RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import { startAnalysisJob, type Progress } from "../jobs/analysis-jobs";
import { DEFAULT_INTERACTIONS, type InteractionSettings, loadTrainingData, rfmSegments } from "./training-data";
import { defaultAlgorithms } from "./training";

export const EVALUATION_RUN_KIND = "recs-evaluation";

export interface EvaluationSettings {
  split: "user" | "time";
  /** For a time split: events on or after this day are the test set (YYYY-MM-DD). */
  testFrom?: string;
  /** For a per-customer split: the share of each customer's items held out. */
  fraction?: number;
  relevance: Relevance;
  k: number;
  seed: number;
  algorithms: AlgorithmName[];
  interactions?: InteractionSettings;
}

export interface EvaluationResult {
  settings: EvaluationSettings;
  /** Customers with held-out items, training interactions, test interactions. */
  users: number;
  trainInteractions: number;
  testInteractions: number;
  items: number;
  rows: EvaluationRow[];
}

const DAY = 86_400_000;

export async function evaluateOnDatabase(settings: EvaluationSettings, progress: Progress): Promise<EvaluationResult> {
  await progress(0.02, "Reading events…");
  const { data, customerIds } = await loadTrainingData(settings.interactions ?? DEFAULT_INTERACTIONS);
  const log = data.log!;
  const { matrix } = data;
  if (log.user.length === 0) throw new RangeError("there are no customer–product events to evaluate on; import orders or events first");
  const users = matrix.rows;
  const items = matrix.cols;
  let split;
  const { matrix: _m, log: _l, asOf: _a, ...allTime } = data;
  let extras = allTime;
  if (settings.split === "time") {
    const cutoff = settings.testFrom ? Date.parse(`${settings.testFrom}T00:00:00Z`) : data.asOf! - 30 * DAY;
    if (Number.isNaN(cutoff)) throw new RangeError(`the test start must be a date as YYYY-MM-DD, got "${settings.testFrom}"`);
    split = timeSplit(log, { users, items, cutoff });
    if (split.test.user.length === 0) throw new RangeError(`no events on or after ${new Date(cutoff).toISOString().slice(0, 10)}: choose an earlier test start`);
    if (split.train.user.length === 0) throw new RangeError(`no events before ${new Date(cutoff).toISOString().slice(0, 10)}: choose a later test start`);
    // Segments as they stood at the cut-off: today's would know about the purchases being predicted.
    extras = { ...extras, userSegment: await rfmSegments(customerIds, cutoff) };
  } else {
    split = randomHoldOut(log, { users, items, fraction: settings.fraction ?? 0.25, seed: settings.seed });
  }
  // Models learn from every weighted event; what they must predict is purchases.
  split = { ...split, test: keepPurchases(split.test) };
  const set = evaluationSetOf(split, settings.relevance, extras);
  if (set.heldOut.users.length === 0) throw new RangeError("no customer has held-out items to score; with new items only, try all purchases or an earlier test start");
  const algorithms = settings.algorithms.length ? settings.algorithms : defaultAlgorithms(items);
  const rows: EvaluationRow[] = [];
  for (const [i, name] of algorithms.entries()) {
    await progress(0.1 + (0.88 * i) / algorithms.length, `Evaluating ${name} (${i + 1} of ${algorithms.length}) on ${set.heldOut.users.length.toLocaleString("en")} customers…`);
    const recommender = RECOMMENDERS[name];
    if (!recommender) throw new RangeError(`unknown algorithm "${name}"`);
    // "All purchases" counts items bought again, so models may recommend what a customer already has.
    rows.push(...evaluateRecommenders([{ name, recommender }], set, { k: settings.k, excludeSeen: settings.relevance === "new-items" }));
  }
  return { settings: { ...settings, algorithms }, users: set.heldOut.users.length, trainInteractions: split.train.user.length, testInteractions: split.test.user.length, items, rows };
}

export async function startEvaluationJob(settings: EvaluationSettings) {
  return startAnalysisJob(EVALUATION_RUN_KIND, settings, (progress) => evaluationJob(settings, progress));
}

/** The evaluation job's work, by itself: what the job runner calls for EVALUATION_RUN_KIND. */
export async function evaluationJob(settings: EvaluationSettings, progress: Progress) {
  return { result: await evaluateOnDatabase(settings, progress) };
}
