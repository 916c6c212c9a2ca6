// Offline evaluation of every recommender on the shop's own events, as a background job: split the
// interactions (per customer at random, or at a date), fit each algorithm on the training part, rank the
// top k for every customer with held-out items, and score the lists (metrics defined in
// docs/recommendations.md). One algorithm at a time, so the progress bar moves and the page stays served.
import { z } from "zod";
import { getLatestJobResult, type JobResultRow } from "../../db/jobs";
import type { Catalogue } from "../../db/recs-data";
import { UserError } from "../../errors";
import { DAY_MS, DayText, parseDay } from "../../days";
import { evaluateRecommenders, type EvaluationRow } from "../../ml/recs/eval/evaluate";
import { type EvaluationSet, evaluationSetOf, keepPurchases, randomHoldOut, type Relevance, type Split, timeSplit } from "../../ml/recs/eval/splits";
import { RECOMMENDERS } from "../../ml/recs/registry";
import { addVersion, readStored, storedNumber, storedShape } from "../../stored-json";
import type { Progress } from "../jobs/job-kind";
import { AlgorithmChoice, DEFAULT_INTERACTIONS, InteractionSettings, loadTrainingData, rfmSegments } from "./training-data";
import { defaultAlgorithms } from "./training";

export const EVALUATION_RUN_KIND = "recs-evaluation";

/** An evaluation's settings: what the evaluation page sends (with the seed added) and what a job stores. */
export const EvaluationSettings = z.object({
  split: z.enum(["user", "time"]),
  /** For a time split: events on or after this day are the test set (YYYY-MM-DD). */
  testFrom: DayText.optional(),
  /** For a per-customer split: the share of each customer's items held out. */
  fraction: z.number().gt(0).lt(1).optional(),
  relevance: z.enum(["new-items", "all"]) satisfies z.ZodType<Relevance>,
  k: z.number().int().min(1, "k must be at least 1").max(50, "k must be at most 50"),
  seed: z.number().int(),
  algorithms: z.array(AlgorithmChoice).min(1, "choose at least one algorithm"),
  interactions: InteractionSettings.optional(),
});
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;

// Metrics are NaN over no users, which JSON stores as null.
const num = storedNumber;

const EvaluationRowSchema = z.discriminatedUnion("ok", [
  z.object({
    name: z.string(),
    ok: z.literal(true),
    precision: num,
    recall: num,
    ndcg: num,
    map: num,
    hitRate: num,
    coverage: num,
    popularityBias: num,
    users: z.number().int().min(0),
    fitSeconds: num,
    recommendSeconds: num,
  }),
  z.object({ name: z.string(), ok: z.literal(false), error: z.string() }),
]) satisfies z.ZodType<EvaluationRow, unknown>;

/** An evaluation's stored result (Job.result). Version 1 added `version`; nothing else changed. */
export const EvaluationResult = z.object({
  version: z.literal(1),
  settings: EvaluationSettings,
  /** Customers with held-out items, training interactions, test interactions. */
  users: z.number().int().min(0),
  trainInteractions: z.number().int().min(0),
  testInteractions: z.number().int().min(0),
  items: z.number().int().min(0),
  rows: z.array(EvaluationRowSchema),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;

const REMEDY = "run the evaluation again";

/** How an evaluation run is stored, for reading it back and for the job registry. Rows from before versions have the version-1 shape. */
export const EVALUATION_SHAPES = {
  parameters: storedShape({ name: "evaluation settings", version: 1, schema: EvaluationSettings.extend({ version: z.literal(1) }), migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  result: storedShape({ name: "evaluation result", version: 1, schema: EvaluationResult, migrations: { 0: addVersion(1) }, remedy: REMEDY }),
} as const;


/** What an evaluation fits on and scores: the split its settings give of the events as they are now. */
export interface EvaluationData {
  readonly set: EvaluationSet;
  readonly split: Split;
  readonly items: number;
  /** Dense user index → Customer.id. */
  readonly customerIds: Int32Array;
  readonly catalogue: Catalogue;
}

/** The events split as `settings` say (the same seed, the same split): what the job and the fairness report fit on. */
export async function loadEvaluationData(settings: EvaluationSettings): Promise<EvaluationData> {
  const { data, customerIds, catalogue } = await loadTrainingData(settings.interactions ?? DEFAULT_INTERACTIONS);
  const log = data.log!;
  const { matrix } = data;
  if (log.user.length === 0) throw new UserError("there are no customer–product events to evaluate on; import orders or events first");
  const users = matrix.rows;
  const items = matrix.cols;
  let split;
  const { matrix: _m, log: _l, asOf: _a, ...allTime } = data;
  let extras = allTime;
  if (settings.split === "time") {
    const cutoff = settings.testFrom ? parseDay(settings.testFrom)! : data.asOf! - 30 * DAY_MS;
    split = timeSplit(log, { users, items, cutoff });
    if (split.test.user.length === 0) throw new UserError(`no events on or after ${new Date(cutoff).toISOString().slice(0, 10)}: choose an earlier test start`);
    if (split.train.user.length === 0) throw new UserError(`no events before ${new Date(cutoff).toISOString().slice(0, 10)}: choose a later test start`);
    // Segments as they stood at the cut-off: today's would know about the purchases being predicted.
    extras = { ...extras, userSegment: await rfmSegments(customerIds, cutoff) };
  } else {
    split = randomHoldOut(log, { users, items, fraction: settings.fraction ?? 0.25, seed: settings.seed });
  }
  // Models learn from every weighted event; what they must predict is purchases.
  split = { ...split, test: keepPurchases(split.test) };
  const set = evaluationSetOf(split, settings.relevance, extras);
  if (set.heldOut.users.length === 0) throw new UserError("no customer has held-out items to score; with new items only, try all purchases or an earlier test start");
  return { set, split, items, customerIds, catalogue };
}

/** How an evaluation ranks: the top k, and whether a customer's own training items may come back. */
export function rankingOptionsOf(settings: EvaluationSettings): { k: number; excludeSeen: boolean } {
  // "All purchases" counts items bought again, so models may recommend what a customer already has.
  return { k: settings.k, excludeSeen: settings.relevance === "new-items" };
}

export async function evaluateOnDatabase(settings: EvaluationSettings, progress: Progress): Promise<EvaluationResult> {
  await progress(0.02, "Reading events…");
  const { set, split, items } = await loadEvaluationData(settings);
  const algorithms = settings.algorithms.length ? settings.algorithms : defaultAlgorithms(items);
  const rows: EvaluationResult["rows"] = [];
  for (const [i, name] of algorithms.entries()) {
    await progress(0.1 + (0.88 * i) / algorithms.length, `Evaluating ${name} (${i + 1} of ${algorithms.length}) on ${set.heldOut.users.length.toLocaleString("en")} customers…`);
    const recommender = RECOMMENDERS[name];
    if (!recommender) throw new UserError(`unknown algorithm "${name}"`);
    // Without keepLists the rows carry no per-user lists: they are stored as they are.
    rows.push(...evaluateRecommenders([{ name, recommender }], set, rankingOptionsOf(settings)));
  }
  return { version: 1, settings: { ...settings, algorithms }, users: set.heldOut.users.length, trainInteractions: split.train.user.length, testInteractions: split.test.user.length, items, rows };
}

/** The evaluation job's work, by itself: what the job runner calls for EVALUATION_RUN_KIND. */
export async function evaluationJob(settings: EvaluationSettings, progress: Progress) {
  return { result: await evaluateOnDatabase(settings, progress) };
}

/** The newest completed evaluation, read through its stored shape; null when there is none. */
export async function latestEvaluation(): Promise<JobResultRow<EvaluationResult> | null> {
  const run = await getLatestJobResult(EVALUATION_RUN_KIND);
  return run && { ...run, result: readStored(EVALUATION_SHAPES.result, run.result, `run ${run.id}`) };
}
