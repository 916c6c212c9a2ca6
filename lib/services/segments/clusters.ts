// K-means segments of the customer base: features from the purchase history (and, when chosen, campaign
// engagement, demographics and category shares), transformed, clustered, and described in the features'
// own units. With k = "auto" it tries k = 2…10 and suggests one (choose-k.ts). Runs as a background job
// with progress (runClustersJob) or directly (clusterCustomers, for the CLI and benchmarks).
import { loadCustomerExtras } from "../../db/customer-extras";
import { latestModelRunId, modelRunById, type ModelRunRecord, updateModelRunResult } from "../../db/model-runs";
import { loadPurchaseHistory, type PurchaseHistory } from "../../db/purchase-history";
import { type KCandidate, suggestK } from "../../ml/choose-k";
import { type ClusterProfile, profileClusters } from "../../ml/cluster-profile";
import { customerFeatures, type FeatureId, sourceOf } from "../../ml/customer-features";
import { fitKMeans } from "../../ml/kmeans";
import { matrix } from "../../ml/matrix";
import { fitPca, projectRows } from "../../ml/pca";
import { sampleIndices } from "../../ml/random";
import { silhouetteScore } from "../../ml/silhouette";
import { fitTransform, invertTransform, type Transform } from "../../ml/transforms";
import { pack, type PackedArray, unpackI32 } from "../../ml/recs/codec";
import { type Progress, startAnalysisJob } from "../jobs/analysis-jobs";
import { indexOfSorted } from "../../ml/sorted";

export interface ClusterRequest {
  k: number | "auto";
  features: readonly FeatureId[];
  transform: Transform;
  seed: number;
  asOf?: number;
}

export interface ClusterScatter {
  /** Share of variance along each axis. */
  explained: [number, number];
  /** [x, y, cluster] for a seeded sample of customers. */
  points: [number, number, number][];
}

export interface ClusterResult {
  customers: number;
  asOf: string;
  features: readonly FeatureId[];
  transform: Transform;
  k: number;
  suggestion: { reason: string; tried: KCandidate[] } | null;
  inertia: number;
  iterations: number;
  converged: boolean;
  silhouette: number;
  sizes: number[];
  /** One row per cluster, in the features' own units. */
  centroids: number[][];
  /** Size, share, generated (or edited) name and what sets each cluster apart. */
  profiles: ClusterProfile[];
  /** Names people gave clusters, replacing the generated ones; same order as profiles. */
  names?: (string | null)[];
  scatter?: ClusterScatter;
  /** Which cluster each customer is in: database ids (ascending) and cluster indices, packed. */
  members?: { ids: PackedArray; labels: PackedArray };
  seconds: number;
}

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
  if (n < 3) throw new RangeError(`only ${n} customers have purchases; clustering needs at least 3`);
  const f = customerFeatures(h);
  const missing = req.features.filter((id) => !f[id]);
  if (missing.length) throw new RangeError(`no data for ${missing.join(", ")}: that category has no purchases before the "as of" date`);
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
      const fit = fitKMeans(X, { k: kk, seed: req.seed, restarts: 3 });
      tried.push({ k: kk, inertia: fit.model.inertia, silhouette: silhouetteScore(X, fit.labels, { sampleSize: EXPLORE_SAMPLE, seed: req.seed }) });
    }
    const s = suggestK(tried);
    k = s.k;
    suggestion = { reason: s.reason, tried };
  }
  await progress(0.7, `Fitting k = ${k} with 10 restarts…`);
  const { model, labels } = fitKMeans(X, { k, seed: req.seed, restarts: 10 });
  await progress(0.85, "Measuring silhouette and describing the clusters…");
  const silhouette = silhouetteScore(X, labels, { seed: req.seed });
  return {
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
    members: { ids: pack(h.customerId), labels: pack(labels) },
    seconds: (performance.now() - started) / 1000,
  };
}

function scatterOf(X: ReturnType<typeof matrix>, labels: Int32Array, seed: number): ClusterScatter {
  const pca = fitPca(X, 2, seed);
  const rows = sampleIndices(X.rows, SCATTER_SAMPLE, seed).sort();
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const points = projectRows(X, pca, rows).map(([x, y], i) => [round(x!), round(y!), labels[rows[i]!]!] as [number, number, number]);
  return { explained: [pca.explained[0]!, pca.explained[1]!], points };
}

export const CLUSTER_RUN_KIND = "customer-clusters";

/** Starts clustering as a background job; the page follows its progress and shows the stored result. */
export async function startClustersJob(req: ClusterRequest): Promise<{ runId: number; done: Promise<void> }> {
  return startAnalysisJob(CLUSTER_RUN_KIND, { ...req }, (progress) => clustersJob(req, progress));
}

/** The clustering job's work, by itself: what the job runner calls for CLUSTER_RUN_KIND. */
export async function clustersJob(req: ClusterRequest, progress: Progress) {
  return { result: await clusterCustomers(req, undefined, progress) };
}

/** Renames one cluster of a stored run; an empty name restores the generated one. */
export async function renameCluster(runId: number, cluster: number, name: string): Promise<void> {
  const run = await modelRunById<ClusterResult>(runId);
  if (!run || run.kind !== CLUSTER_RUN_KIND) throw new RangeError(`there is no clustering run ${runId}`);
  const r = run.result;
  if (!Number.isInteger(cluster) || cluster < 0 || cluster >= r.profiles.length) throw new RangeError(`run ${runId} has no cluster ${cluster + 1}`);
  const names = r.names ?? r.profiles.map(() => null);
  names[cluster] = name.trim() === "" ? null : name.trim();
  await updateModelRunResult(runId, { ...r, names });
  generation++;
  clustersCache = null;
}

export function clusterName(r: ClusterResult, j: number): string {
  return r.names?.[j] ?? r.profiles[j]!.name;
}

// The latest run, parsed once per run id: its result carries every customer's cluster (hundreds of KB at
// 100,000 customers), and the segments and customer pages read it on every view.
let clustersCache: { id: number; record: ModelRunRecord<ClusterResult> | null } | null = null;
// Bumped by every rename, so a read that started before one cannot put the old names back in the cache.
let generation = 0;

export async function latestClusters(): Promise<ModelRunRecord<ClusterResult> | null> {
  const latest = await latestModelRunId(CLUSTER_RUN_KIND);
  if (!latest) return null;
  if (clustersCache?.id === latest.id) return clustersCache.record;
  const started = generation;
  const record = await modelRunById<ClusterResult>(latest.id);
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
