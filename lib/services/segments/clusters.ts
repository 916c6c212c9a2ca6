// K-means segments of the customer base: features from the purchase history, transformed, clustered, and
// described in the features' own units. With k = "auto" it tries k = 2…10 and suggests one (choose-k.ts).
import { saveModelRun } from "../../db/model-runs";
import { loadPurchaseHistory, type PurchaseHistory } from "../../db/purchase-history";
import { type KCandidate, suggestK } from "../../ml/choose-k";
import { type ClusterProfile, profileClusters } from "../../ml/cluster-profile";
import { customerFeatures, type Feature } from "../../ml/customer-features";
import { fitKMeans } from "../../ml/kmeans";
import { matrix } from "../../ml/matrix";
import { silhouetteScore } from "../../ml/silhouette";
import { fitTransform, invertTransform, type Transform } from "../../ml/transforms";

export interface ClusterRequest {
  k: number | "auto";
  features: readonly Feature[];
  transform: Transform;
  seed: number;
  asOf?: number;
}

export interface ClusterResult {
  customers: number;
  asOf: string;
  features: readonly Feature[];
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
  /** Size, share, generated name and what sets each cluster apart. */
  profiles: ClusterProfile[];
  seconds: number;
}

/** Silhouettes for choosing k are taken on a sample: quadratic in the rows, and only compared. */
const EXPLORE_SAMPLE = 3_000;
const K_RANGE = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/** `history` lets a caller that already loaded it (RFM on the same date) skip the second query. */
export function clusterCustomers(req: ClusterRequest, history: PurchaseHistory = loadPurchaseHistory(req.asOf)): ClusterResult {
  const started = performance.now();
  const n = history.customerId.length;
  if (n < 3) throw new RangeError(`only ${n} customers have purchases; clustering needs at least 3`);
  const f = customerFeatures(history);
  const raw = matrix(n, req.features.length);
  req.features.forEach((name, c) => f[name].forEach((v, i) => (raw.data[i * req.features.length + c] = v)));
  const { X, fitted } = fitTransform(raw, req.transform);
  let k = req.k === "auto" ? 0 : req.k;
  let suggestion: ClusterResult["suggestion"] = null;
  if (req.k === "auto") {
    const tried = K_RANGE.filter((kk) => kk < n).map((kk) => {
      const fit = fitKMeans(X, { k: kk, seed: req.seed, restarts: 3 });
      return { k: kk, inertia: fit.model.inertia, silhouette: silhouetteScore(X, fit.labels, { sampleSize: EXPLORE_SAMPLE, seed: req.seed }) };
    });
    const s = suggestK(tried);
    k = s.k;
    suggestion = { reason: s.reason, tried };
  }
  const { model, labels } = fitKMeans(X, { k, seed: req.seed, restarts: 10 });
  const d = req.features.length;
  return {
    customers: n,
    asOf: new Date(history.asOf).toISOString().slice(0, 10),
    features: req.features,
    transform: req.transform,
    k,
    suggestion,
    inertia: model.inertia,
    iterations: model.iterations,
    converged: model.converged,
    silhouette: silhouetteScore(X, labels, { seed: req.seed }),
    sizes: model.sizes,
    centroids: model.sizes.map((_, j) => invertTransform(model.centroids.slice(j * d, (j + 1) * d), fitted)),
    profiles: profileClusters(req.features, raw.data, labels, k),
    seconds: (performance.now() - started) / 1000,
  };
}

export const CLUSTER_RUN_KIND = "customer-clusters";

/** Clusters the customers and keeps the result, so the segments page shows it without recomputing. */
export async function runAndSaveClusters(req: ClusterRequest): Promise<{ runId: number; result: ClusterResult }> {
  const startedAt = new Date();
  const result = clusterCustomers(req);
  const runId = await saveModelRun(CLUSTER_RUN_KIND, { ...req }, result, startedAt);
  return { runId, result };
}
