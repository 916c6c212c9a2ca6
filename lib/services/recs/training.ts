// Training every recommender on the shop's events as one background job, and keeping the result: the
// models (each through its own toJSON), the training matrix (each customer's history at serving time) and
// the map between dense indices and database ids. Serving loads it once per process (serving.ts).
import { pack, type PackedArray } from "../../ml/recs/codec";
import { packCsr, type PackedCsr } from "../../ml/recs/model-support";
import { RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import { type Progress, startAnalysisJob } from "../jobs/analysis-jobs";
import { DEFAULT_INTERACTIONS, type InteractionSettings, loadTrainingData, rfmSegments } from "./training-data";
import { type BeforeCandidate, type Tuned, tuneHybrid, tuneOnValidation } from "./tuning";

export const RECS_RUN_KIND = "recommenders";

/** Trained by default: all but EASE above this many products (its fit inverts an items × items matrix). */
export const EASE_MAX_ITEMS = 3_000;

export interface TrainSettings {
  interactions: InteractionSettings;
  /** Algorithms to train; all registered ones when empty. */
  algorithms: AlgorithmName[];
  /** Choose EASE's λ, ALS's settings and the hybrid's weights on held-back training data first (default true). */
  tune?: boolean;
}

export interface StoredRecommenders {
  settings: TrainSettings;
  asOf: string;
  users: number;
  items: number;
  interactions: number;
  /** Purchase events among them: with none (ratings, views), reasons do not say "bought". */
  purchaseEvents?: number;
  customerIds: PackedArray;
  productIds: PackedArray;
  matrix: PackedCsr;
  models: Partial<Record<AlgorithmName, unknown>>;
  fitSeconds: Partial<Record<AlgorithmName, number>>;
  /** Algorithms that could not be trained on this data, with the reason. */
  skipped: Partial<Record<AlgorithmName, string>>;
  /** Options chosen on validation data, per tuned algorithm. */
  tuned: Partial<Record<AlgorithmName, Tuned>>;
}

export function defaultAlgorithms(items: number): AlgorithmName[] {
  return (Object.keys(RECOMMENDERS) as AlgorithmName[]).filter((a) => a !== "ease" || items <= EASE_MAX_ITEMS);
}

export async function trainRecommenders(settings: TrainSettings, progress: Progress): Promise<StoredRecommenders> {
  await progress(0.02, "Reading events…");
  const { data, customerIds, catalogue } = await loadTrainingData(settings.interactions);
  if (data.matrix.indices.length === 0) throw new RangeError("there are no customer–product events of the weighted types to learn from; import orders or events first");
  const algorithms = settings.algorithms.length ? settings.algorithms : defaultAlgorithms(data.matrix.cols);
  const models: StoredRecommenders["models"] = {};
  const fitSeconds: StoredRecommenders["fitSeconds"] = {};
  const skipped: StoredRecommenders["skipped"] = {};
  const tuned: StoredRecommenders["tuned"] = {};
  for (const [i, name] of algorithms.entries()) {
    await progress(0.1 + (0.85 * i) / algorithms.length, `Training ${name} (${i + 1} of ${algorithms.length})…`);
    const rec = RECOMMENDERS[name];
    if (!rec) throw new RangeError(`unknown algorithm "${name}"`);
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
      // A model this data cannot support (e.g. no product text for content) is skipped with its reason.
      if (!(e instanceof RangeError)) throw e;
      skipped[name] = e.message;
    }
  }
  await progress(0.97, "Saving the models…");
  return {
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
    if (e instanceof RangeError) return null;
    throw e;
  }
}

export async function startTrainingJob(settings: TrainSettings = { interactions: DEFAULT_INTERACTIONS, algorithms: [] }) {
  return startAnalysisJob(RECS_RUN_KIND, settings, (progress) => trainingJob(settings, progress));
}

/** The training job's work, by itself: what the job runner calls for RECS_RUN_KIND. */
export async function trainingJob(settings: TrainSettings, progress: Progress) {
  const result = await trainRecommenders(settings, progress);
  return { result, metrics: { fitSeconds: result.fitSeconds } };
}
