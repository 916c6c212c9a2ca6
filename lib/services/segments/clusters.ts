// K-means segments of the customer base: features from the purchase history (and, when chosen, campaign
// engagement, demographics and category shares), transformed, clustered, and described in the features'
// own units. With k = "auto" it tries k = 2…10 and suggests one (choose-k.ts). Runs as a background job
// with progress (runClustersJob) or directly (clusterCustomers, for the CLI and benchmarks).
import { loadCustomerExtras } from "../../db/customer-extras";
import { userErrorFromMl, UserError } from "../../errors";
import { getLatestJobId, getJobResult, type JobResultRow, updateJobResult } from "../../db/jobs";
import { loadPurchaseHistory, type PurchaseHistory } from "../../db/purchase-history";
import { z } from "zod";
import { type KCandidate, suggestK } from "../../ml/choose-k";
import { type ClusterProfile, profileClusters } from "../../ml/cluster-profile";
import { customerFeatures, type FeatureId, isFeatureId, sourceOf } from "../../ml/customer-features";
import { fitKMeans } from "../../ml/kmeans";
import { matrix } from "../../ml/matrix";
import { fitPca, projectRows } from "../../ml/pca";
import { sampleIndices } from "../../ml/random";
import { silhouetteScore } from "../../ml/silhouette";
import { fitTransform, invertTransform, type Transform, TRANSFORMS } from "../../ml/transforms";
import { pack, unpackI32 } from "../../ml/codec";
import type { Progress } from "../jobs/job-kind";
import { indexOfSorted } from "../../ml/sorted";
import { addVersion, readStored, storedNumber, storedShape } from "../../stored-json";
import { PackedArray } from "../packed-shapes";

const FeatureIdSchema = z
  .string()
  .refine(isFeatureId, { message: "is not a feature" })
  .transform((s) => s as FeatureId);

/** A clustering run's settings: what the segments page sends (k and features) and what a job stores. */
export const ClusterRequest = z.object({
  k: z.union([z.literal("auto"), z.number().int().min(2).max(10)]),
  features: z.array(FeatureIdSchema).min(1, "choose at least one feature").max(20, "choose at most 20 features"),
  transform: z.enum(TRANSFORMS as unknown as [Transform, ...Transform[]]),
  seed: z.number().int(),
  /** Purchases up to this time (epoch ms) count; all of them when left out. */
  asOf: z.number().int().optional(),
});
export type ClusterRequest = z.infer<typeof ClusterRequest>;

// Floats that JSON may have turned from NaN into null.
const num = storedNumber;

const ClusterProfileSchema = z.object({
  size: z.number().int().min(0),
  share: num,
  name: z.string(),
  deviations: z.array(z.object({ feature: FeatureIdSchema, mean: num, z: num })),
  ranges: z.partialRecord(FeatureIdSchema, z.tuple([num, num])),
}) satisfies z.ZodType<ClusterProfile, unknown>;

export const ClusterScatter = z.object({
  /** Share of variance along each axis. */
  explained: z.tuple([num, num]),
  /** [x, y, cluster] for a seeded sample of customers. */
  points: z.array(z.tuple([num, num, z.number().int()])),
});
export type ClusterScatter = z.infer<typeof ClusterScatter>;

/** A clustering run's stored result (Job.result). Version 1 added `version`; nothing else changed. */
export const ClusterResult = z.object({
  version: z.literal(1),
  customers: z.number().int().min(0),
  /** YYYY-MM-DD. */
  asOf: z.string(),
  features: z.array(FeatureIdSchema),
  transform: z.enum(TRANSFORMS as unknown as [Transform, ...Transform[]]),
  k: z.number().int().min(1),
  suggestion: z.object({ reason: z.string(), tried: z.array(z.object({ k: z.number().int(), inertia: num, silhouette: num }) satisfies z.ZodType<KCandidate, unknown>) }).nullable(),
  inertia: num,
  iterations: z.number().int().min(0),
  converged: z.boolean(),
  silhouette: num,
  sizes: z.array(z.number().int().min(0)),
  /** One row per cluster, in the features' own units. */
  centroids: z.array(z.array(num)),
  /** Size, share, generated (or edited) name and what sets each cluster apart. */
  profiles: z.array(ClusterProfileSchema),
  /** Names people gave clusters, replacing the generated ones; same order as profiles. */
  names: z.array(z.string().nullable()).optional(),
  scatter: ClusterScatter.optional(),
  /** Which cluster each customer is in: database ids (ascending) and cluster indices, packed. */
  members: z.object({ ids: PackedArray, labels: PackedArray }).optional(),
  seconds: num,
});
export type ClusterResult = z.infer<typeof ClusterResult>;

const REMEDY = "run the clustering again on the segments page";

/** How a clustering run is stored, for reading it back and for the job registry. */
export const CLUSTER_SHAPES = {
  parameters: storedShape({ name: "clustering settings", version: 1, schema: ClusterRequest.extend({ version: z.literal(1) }), migrations: { 0: addVersion(1) }, remedy: REMEDY }),
  // Results written before versions existed have the version-1 shape without the field.
  result: storedShape({ name: "clustering result", version: 1, schema: ClusterResult, migrations: { 0: addVersion(1) }, remedy: REMEDY }),
} as const;

/** Silhouettes for choosing k are taken on a sample: quadratic in the rows, and only compared. */
const EXPLORE_SAMPLE = 3_000;
const K_RANGE = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const SCATTER_SAMPLE = 1_500;
const noProgress: Progress = async () => undefined;

/** `history` lets a caller that already loaded it (RFM on the same date) skip the second query. */
export async function clusterCustomers(req: ClusterRequest, history?: PurchaseHistory, progress: Progress = noProgress): Promise<ClusterResult> {
  const started = performance.now();
  await progress(0.02, "Reading purchase histories…");
  const h = history ?? (await loadPurchaseHistory(req.asOf));
  await loadCustomerExtras(h, new Set(req.features.map(sourceOf)));
  const n = h.customerId.length;
  if (n < 3) throw new UserError(`only ${n} customers have purchases; clustering needs at least 3`);
  const f = customerFeatures(h);
  const missing = req.features.filter((id) => !f[id]);
  if (missing.length) throw new UserError(`no data for ${missing.join(", ")}: that category has no purchases before the "as of" date`);
  const d = req.features.length;
  const raw = matrix(n, d);
  req.features.forEach((name, c) => f[name]!.forEach((v, i) => (raw.data[i * d + c] = v)));
  const { X, fitted } = fitTransform(raw, req.transform);
  let k = req.k === "auto" ? 0 : req.k;
  let suggestion: ClusterResult["suggestion"] = null;
  if (req.k === "auto") {
    const ks = K_RANGE.filter((kk) => kk < n);
    const tried: KCandidate[] = [];
    for (const [step, kk] of ks.entries()) {
      await progress(0.05 + (0.6 * step) / ks.length, `Trying k = ${kk} (${step + 1} of ${ks.length})…`);
      const fit = fitForPerson(X, { k: kk, seed: req.seed, restarts: 3 });
      tried.push({ k: kk, inertia: fit.model.inertia, silhouette: silhouetteScore(X, fit.labels, { sampleSize: EXPLORE_SAMPLE, seed: req.seed }) });
    }
    const s = suggestK(tried);
    k = s.k;
    suggestion = { reason: s.reason, tried };
  }
  await progress(0.7, `Fitting k = ${k} with 10 restarts…`);
  const { model, labels } = fitForPerson(X, { k, seed: req.seed, restarts: 10 });
  await progress(0.85, "Measuring silhouette and describing the clusters…");
  const silhouette = silhouetteScore(X, labels, { seed: req.seed });
  return {
    version: 1,
    customers: n,
    asOf: new Date(h.asOf).toISOString().slice(0, 10),
    features: req.features,
    transform: req.transform,
    k,
    suggestion,
    inertia: model.inertia,
    iterations: model.iterations,
    converged: model.converged,
    silhouette,
    sizes: model.sizes,
    centroids: model.sizes.map((_, j) => invertTransform(model.centroids.slice(j * d, (j + 1) * d), fitted)),
    profiles: profileClusters(req.features, raw.data, labels, k),
    scatter: d >= 2 ? scatterOf(X, labels, req.seed) : undefined,
    members: { ids: pack(h.customerId).toJSON(), labels: pack(labels).toJSON() },
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * fitKMeans on the k and features the person chose: its refusals (k above the number of customers, or of
 * distinct points among them when many share the same values) are theirs to fix, so they become UserErrors.
 */
function fitForPerson(X: ReturnType<typeof matrix>, options: Parameters<typeof fitKMeans>[1]) {
  try {
    return fitKMeans(X, options);
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

function scatterOf(X: ReturnType<typeof matrix>, labels: Int32Array, seed: number): ClusterScatter {
  const pca = fitPca(X, 2, seed);
  const rows = sampleIndices(X.rows, SCATTER_SAMPLE, seed).sort();
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const points = projectRows(X, pca, rows).map(([x, y], i) => [round(x!), round(y!), labels[rows[i]!]!] as [number, number, number]);
  return { explained: [pca.explained[0]!, pca.explained[1]!], points };
}

export const CLUSTER_RUN_KIND = "customer-clusters";

/** The clustering job's work (lib/services/jobs/job-kinds.ts registers it): the page shows the stored result. */
export async function clustersJob(req: ClusterRequest, progress: Progress) {
  return { result: await clusterCustomers(req, undefined, progress) };
}

/** Renames one cluster of a stored run; an empty name restores the generated one. */
export async function renameCluster(runId: number, cluster: number, name: string): Promise<void> {
  const run = await getJobResult(runId);
  if (!run || run.kind !== CLUSTER_RUN_KIND) throw new UserError(`there is no clustering run ${runId}`, "not_found");
  const r = readClusterResult(run).result;
  if (!Number.isInteger(cluster) || cluster < 0 || cluster >= r.profiles.length) throw new UserError(`run ${runId} has no cluster ${cluster + 1}`, "not_found");
  const names = r.names ?? r.profiles.map(() => null);
  names[cluster] = name.trim() === "" ? null : name.trim();
  await updateJobResult(runId, { ...r, names });
  generation++;
  clustersCache = null;
}

/** A run read back through the result's shape (an older result migrated, an unreadable one refused). */
function readClusterResult(run: JobResultRow<unknown>): JobResultRow<ClusterResult> {
  return { ...run, result: readStored(CLUSTER_SHAPES.result, run.result, `run ${run.id}`) };
}

export function clusterName(r: ClusterResult, j: number): string {
  return r.names?.[j] ?? r.profiles[j]!.name;
}

// The latest run, parsed once per run id: its result carries every customer's cluster (hundreds of KB at
// 100,000 customers), and the segments and customer pages read it on every view.
let clustersCache: { id: number; record: JobResultRow<ClusterResult> | null } | null = null;
// Bumped by every rename, so a read that started before one cannot put the old names back in the cache.
let generation = 0;

export async function latestClusters(): Promise<JobResultRow<ClusterResult> | null> {
  const latest = await getLatestJobId(CLUSTER_RUN_KIND);
  if (!latest) return null;
  if (clustersCache?.id === latest.id) return clustersCache.record;
  const started = generation;
  const run = await getJobResult(latest.id);
  const record = run && readClusterResult(run);
  if (started === generation) clustersCache = { id: latest.id, record };
  return record;
}

/** The cluster a customer is in, in the latest run; null when there is no run or they were not in it. */
export async function clusterOfCustomer(customerId: number): Promise<{ runId: number; cluster: number; name: string; asOf: string; finishedAt: Date } | null> {
  const run = await latestClusters();
  if (!run?.result.members) return null;
  const ids = unpackI32(run.result.members.ids, "cluster members");
  const at = indexOfSorted(ids, customerId);
  if (at < 0) return null;
  const cluster = unpackI32(run.result.members.labels, "cluster labels")[at]!;
  return { runId: run.id, cluster, name: clusterName(run.result, cluster), asOf: run.result.asOf, finishedAt: run.finishedAt };
}
