// Training every recommender on the shop's events as one background job, and keeping the result: the
// models (each through its own toJSON, in the binary form of lib/ml/codec.ts), the training matrix (each
// customer's history at serving time) and the map between dense indices and database ids. Each model is
// written to ModelPart as soon as it is fitted, so training holds one at a time beside its data; Job.result
// keeps only the summary a page shows. Serving reads a model when first asked for it (serving.ts).
import { z } from "zod";
import { UserError } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import { encodeBinary, pack } from "../../ml/codec";
import { deleteModels, pruneModels, writeModel } from "../../db/model-store";
import { completedJobIds } from "../../db/jobs";
import { packCsr } from "../../ml/recs/model-support";
import { RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import { addVersion, storedNumber, storedShape } from "../../stored-json";
import type { JobContext, Progress } from "../jobs/job-kind";
import { PackedArray, PackedCsr } from "../packed-shapes";
import type { PackedArray as CodecPackedArray } from "../../ml/codec";
import type { PackedCsr as CodecPackedCsr } from "../../ml/recs/model-support";
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

/** The name under which a run stores the ids and each customer's history (TrainingMatrix), beside its models. */
export const TRAINING_MATRIX = "training-matrix";

/** What a run stores as TRAINING_MATRIX. */
export interface TrainingMatrix {
  customerIds: CodecPackedArray;
  productIds: CodecPackedArray;
  matrix: CodecPackedCsr;
}

/**
 * What version 1 kept inline and version 2 keeps in ModelPart: a version-1 row, migrated, is served from
 * here until the models are trained again. The models stay `unknown`: each recommender's fromJSON checks its
 * own kind and version when serving loads it, and the packed arrays are checked when unpacked.
 */
const InlineModels = z.object({
  customerIds: PackedArray,
  productIds: PackedArray,
  matrix: PackedCsr,
  models: z.partialRecord(AlgorithmChoice, z.unknown()),
});

/**
 * A training run's stored result (Job.result): the summary. Version 1 added `version`; version 2 moved the
 * ids, the matrix and the models to ModelPart (a run of a million customers was one 475 MB JSON value, read
 * whole by every page that showed when the models were trained).
 */
export const StoredRecommenders = z.object({
  version: z.literal(2),
  settings: TrainSettings,
  /** YYYY-MM-DD. */
  asOf: z.string(),
  users: z.number().int().min(0),
  items: z.number().int().min(0),
  interactions: z.number().int().min(0),
  /** Purchase events among them: with none (ratings, views), reasons do not say "bought". */
  purchaseEvents: z.number().int().min(0).optional(),
  /** The algorithms trained, each with its stored size in bytes (0 for a version-1 row's inline models). */
  modelBytes: z.partialRecord(AlgorithmChoice, z.number().int().min(0)),
  /** A version-1 row's models, kept where it had them. */
  inline: InlineModels.optional(),
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

/** Version 1 to 2: what version 1 held inline moves under `inline`, where serving still finds it. */
function inlineModels({ customerIds, productIds, matrix, models, ...rest }: Record<string, unknown>): Record<string, unknown> {
  const names = models && typeof models === "object" ? Object.keys(models) : [];
  return { ...rest, version: 2, modelBytes: Object.fromEntries(names.map((n) => [n, 0])), inline: { customerIds, productIds, matrix, models } };
}

/** How a training run is stored, for reading it back and for the job registry. Rows from before versions have the version-1 shape. */
export const TRAINING_SHAPES = {
  parameters: storedShape({ name: "training settings", version: 1, schema: TrainSettings.extend({ version: z.literal(1) }), migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  result: storedShape({ name: "trained recommenders", version: 2, schema: StoredRecommenders, migrations: { 0: addVersion(1), 1: inlineModels }, remedy: REMEDY }),
  metrics: storedShape({ name: "training metrics", version: 1, schema: TrainingMetrics, migrations: { 0: addVersion(1) }, remedy: REMEDY }),
} as const;

export function defaultAlgorithms(items: number): AlgorithmName[] {
  return (Object.keys(RECOMMENDERS) as AlgorithmName[]).filter((a) => a !== "ease" || items <= EASE_MAX_ITEMS);
}

/** Stores one of a run's models (or its TRAINING_MATRIX) as it is made; returns its size in bytes. */
export type SaveModel = (name: string, json: unknown) => Promise<number>;

export async function trainRecommenders(settings: TrainSettings, progress: Progress, save: SaveModel): Promise<StoredRecommenders> {
  await progress(0.02, "Reading events…");
  const { data, customerIds, catalogue } = await loadTrainingData(settings.interactions);
  if (data.matrix.indices.length === 0) throw new UserError("there are no customer–product events of the weighted types to learn from; import orders or events first");
  const algorithms = settings.algorithms.length ? settings.algorithms : defaultAlgorithms(data.matrix.cols);
  const modelBytes: StoredRecommenders["modelBytes"] = {};
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
      const model = rec.fit(data, tuned[name]?.options);
      fitSeconds[name] = (performance.now() - started) / 1000;
      modelBytes[name] = await save(name, rec.toJSON(model));
    } catch (e) {
      // A model this data cannot support (e.g. no product text for content, a Gram matrix that is not
      // positive definite) is skipped with lib/ml's reason and the others are kept. lib/ml says so with its
      // own RangeError; anything else (V8's RangeErrors included) is a bug and fails the job, to the logs.
      if (!(e instanceof MlRangeError)) throw e;
      skipped[name] = e.message;
    }
  }
  await progress(0.97, "Saving the training data…");
  await save(TRAINING_MATRIX, { customerIds: pack(customerIds), productIds: pack(catalogue.productIds), matrix: packCsr(data.matrix) } satisfies TrainingMatrix);
  return {
    version: 2,
    settings: { ...settings, algorithms },
    asOf: new Date(data.asOf!).toISOString().slice(0, 10),
    users: data.matrix.rows,
    items: data.matrix.cols,
    interactions: data.matrix.indices.length,
    purchaseEvents: data.log?.isPurchase?.reduce((a, v) => a + v, 0) ?? 0,
    modelBytes,
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

/** Runs whose models are kept: the newest, and the one before for a server still serving it. */
const KEEP_RUNS = 2;

/**
 * The training job's work, by itself: what the job runner calls for RECS_RUN_KIND. Its models are stored
 * under its own job id as they are fitted and dropped again when it fails or is cancelled; once it has
 * finished, older runs' models are pruned (their summaries stay, for the history).
 */
export async function trainingJob(settings: TrainSettings, ctx: Pick<JobContext, "jobId" | "progress">) {
  const save: SaveModel = (name, json) => writeModel(ctx.jobId, name, encodeBinary(json));
  try {
    const result = await trainRecommenders(settings, ctx.progress, save);
    const metrics: TrainingMetrics = { version: 1, fitSeconds: result.fitSeconds };
    await pruneModels(RECS_RUN_KIND, [ctx.jobId, ...(await completedJobIds(RECS_RUN_KIND, KEEP_RUNS - 1))]);
    return { result, metrics };
  } catch (e) {
    await deleteModels(ctx.jobId);
    throw e;
  }
}
