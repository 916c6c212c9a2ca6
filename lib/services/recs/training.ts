// Training every recommender on the shop's events as one background job, and keeping the result: the
// models (each through its own toJSON), the training matrix (each customer's history at serving time) and
// the map between dense indices and database ids. Serving loads it once per process (serving.ts).
import { z } from "zod";
import { UserError } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import { pack } from "../../ml/codec";
import { packCsr } from "../../ml/recs/model-support";
import { RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import { addVersion, storedNumber, storedShape } from "../../stored-json";
import type { Progress } from "../jobs/job-kind";
import { PackedArray, PackedCsr } from "../packed-shapes";
import { AlgorithmChoice, DEFAULT_INTERACTIONS, InteractionSettings, loadTrainingData, rfmSegments } from "./training-data";
import { type BeforeCandidate, type Tuned, tuneHybrid, tuneOnValidation } from "./tuning";

export const RECS_RUN_KIND = "recommenders";

/** Trained by default: all but EASE above this many products (its fit inverts an items × items matrix). */
export const EASE_MAX_ITEMS = 3_000;

/** A training run's settings: what the recommendations page sends (interactions) and what a job stores. */
export const TrainSettings = z.object({
  interactions: InteractionSettings.default(DEFAULT_INTERACTIONS),
  /** Algorithms to train; all registered ones when empty. */
  algorithms: z.array(AlgorithmChoice).default([]),
  /** Choose EASE's λ, ALS's settings and the hybrid's weights on held-back training data first (default true). */
  tune: z.boolean().optional(),
});
export type TrainSettings = z.infer<typeof TrainSettings>;

const StoredTuned = z.object({
  options: z.unknown(),
  ndcg: storedNumber,
  tried: z.array(z.object({ options: z.unknown(), ndcg: z.number().nullable() })),
  on: z.string(),
}) satisfies z.ZodType<Tuned, unknown>;

/**
 * A training run's stored result (Job.result). The models stay `unknown` here: each recommender's
 * fromJSON checks its own kind and version when serving loads it (lib/ml/recs/codec.ts checkHeader), and
 * the packed arrays are checked when unpacked, so this parse reads only the small fields of a result that
 * can be many megabytes. Version 1 added `version`; nothing else changed.
 */
export const StoredRecommenders = z.object({
  version: z.literal(1),
  settings: TrainSettings,
  /** YYYY-MM-DD. */
  asOf: z.string(),
  users: z.number().int().min(0),
  items: z.number().int().min(0),
  interactions: z.number().int().min(0),
  /** Purchase events among them: with none (ratings, views), reasons do not say "bought". */
  purchaseEvents: z.number().int().min(0).optional(),
  customerIds: PackedArray,
  productIds: PackedArray,
  matrix: PackedCsr,
  models: z.partialRecord(AlgorithmChoice, z.unknown()),
  fitSeconds: z.partialRecord(AlgorithmChoice, storedNumber),
  /** Algorithms that could not be trained on this data, with the reason. */
  skipped: z.partialRecord(AlgorithmChoice, z.string()),
  /** Options chosen on validation data, per tuned algorithm. */
  tuned: z.partialRecord(AlgorithmChoice, StoredTuned),
});
export type StoredRecommenders = z.infer<typeof StoredRecommenders>;

/** What a training run stores in Job.metrics. */
export const TrainingMetrics = z.object({ version: z.literal(1), fitSeconds: z.partialRecord(AlgorithmChoice, storedNumber) });
export type TrainingMetrics = z.infer<typeof TrainingMetrics>;

const REMEDY = "train the models again on the recommendations page";

/** How a training run is stored, for reading it back and for the job registry. Rows from before versions have the version-1 shape. */
export const TRAINING_SHAPES = {
  parameters: storedShape({ name: "training settings", version: 1, schema: TrainSettings.extend({ version: z.literal(1) }), migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  result: storedShape({ name: "trained recommenders", version: 1, schema: StoredRecommenders, migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  metrics: storedShape({ name: "training metrics", version: 1, schema: TrainingMetrics, migrations: { 0: addVersion(1) }, remedy: REMEDY }),
} as const;

export function defaultAlgorithms(items: number): AlgorithmName[] {
  return (Object.keys(RECOMMENDERS) as AlgorithmName[]).filter((a) => a !== "ease" || items <= EASE_MAX_ITEMS);
}

export async function trainRecommenders(settings: TrainSettings, progress: Progress): Promise<StoredRecommenders> {
  await progress(0.02, "Reading events…");
  const { data, customerIds, catalogue } = await loadTrainingData(settings.interactions);
  if (data.matrix.indices.length === 0) throw new UserError("there are no customer–product events of the weighted types to learn from; import orders or events first");
  const algorithms = settings.algorithms.length ? settings.algorithms : defaultAlgorithms(data.matrix.cols);
  const models: StoredRecommenders["models"] = {};
  const fitSeconds: StoredRecommenders["fitSeconds"] = {};
  const skipped: StoredRecommenders["skipped"] = {};
  const tuned: StoredRecommenders["tuned"] = {};
  for (const [i, name] of algorithms.entries()) {
    await progress(0.1 + (0.85 * i) / algorithms.length, `Training ${name} (${i + 1} of ${algorithms.length})…`);
    const rec = RECOMMENDERS[name];
    if (!rec) throw new UserError(`unknown algorithm "${name}"`);
    const started = performance.now();
    try {
      if (settings.tune !== false) {
        const share = 0.85 / algorithms.length;
        const before: BeforeCandidate = (c, count) => progress(0.1 + share * (i + (0.9 * c) / count), `Tuning ${name}: candidate ${c + 1} of ${count}…`);
        const t = await tryTuning(name, data, before, (cutoff) => rfmSegments(customerIds, cutoff));
        if (t) tuned[name] = t;
      }
      models[name] = rec.toJSON(rec.fit(data, tuned[name]?.options));
      fitSeconds[name] = (performance.now() - started) / 1000;
    } catch (e) {
      // A model this data cannot support (e.g. no product text for content, a Gram matrix that is not
      // positive definite) is skipped with lib/ml's reason and the others are kept. lib/ml says so with its
      // own RangeError; anything else (V8's RangeErrors included) is a bug and fails the job, to the logs.
      if (!(e instanceof MlRangeError)) throw e;
      skipped[name] = e.message;
    }
  }
  await progress(0.97, "Saving the models…");
  return {
    version: 1,
    settings: { ...settings, algorithms },
    asOf: new Date(data.asOf!).toISOString().slice(0, 10),
    users: data.matrix.rows,
    items: data.matrix.cols,
    interactions: data.matrix.indices.length,
    purchaseEvents: data.log?.isPurchase?.reduce((a, v) => a + v, 0) ?? 0,
    customerIds: pack(customerIds),
    productIds: pack(catalogue.productIds),
    matrix: packCsr(data.matrix),
    models,
    fitSeconds,
    skipped,
    tuned,
  };
}

/** Tuning needs enough data to hold some back; on too little it is skipped and the defaults stand. */
async function tryTuning(name: AlgorithmName, data: Parameters<typeof tuneOnValidation>[1], before: BeforeCandidate, segmentsAt: (cutoff: number) => Promise<Int32Array>): Promise<Tuned | null> {
  try {
    return await (name === "hybrid" ? tuneHybrid(data, before, segmentsAt) : tuneOnValidation(name, data, before));
  } catch (e) {
    // lib/ml's own RangeError: too little data to hold some back (or a candidate that cannot be fitted).
    if (e instanceof MlRangeError) return null;
    throw e;
  }
}

/** The training job's work, by itself: what the job runner calls for RECS_RUN_KIND. */
export async function trainingJob(settings: TrainSettings, progress: Progress) {
  const result = await trainRecommenders(settings, progress);
  const metrics: TrainingMetrics = { version: 1, fitSeconds: result.fitSeconds };
  return { result, metrics };
}
