// Recommendations for one customer from the stored models: the run's ids and training matrix are loaded
// once per process (and again only when a newer training run lands), each model only when it is first
// asked for; with exclusions, product details and a reason in words for every item.
import { getLatestJobId, getJobResult } from "../../db/jobs";
import { readModel } from "../../db/model-store";
import { UserError } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import { catalogueStamp, listPurchasedProductIds, loadCatalogue, loadCustomerProfileFields, type Catalogue } from "../../db/recs-data";
import { decodeBinary, unpackI32 } from "../../ml/codec";
import { type Csr, transpose } from "../../ml/recs/csr";
import { unpackCsr } from "../../ml/recs/model-support";
import { historyOf, recommend } from "../../ml/recs/recommend";
import { indexOfSorted } from "../../ml/sorted";
import { isAlgorithm, RECOMMENDERS } from "../../ml/recs/registry";
import type { AlgorithmName, ModelHeader, Reason } from "../../ml/recs/types";
import { describeReason } from "./reason-text";
import { tokensOf } from "./training-data";
import { readStored } from "../../stored-json";
import { RECS_RUN_KIND, type StoredRecommenders, TRAINING_MATRIX, TRAINING_SHAPES, type TrainingMatrix } from "./training";

export interface LoadedModels {
  runId: number;
  trainedAt: Date;
  stored: Omit<StoredRecommenders, "inline">;
  /** The algorithms the run trained, in the order it trained them; each is read when first used (modelOf). */
  trained: AlgorithmName[];
  customerIds: Int32Array;
  productIds: Int32Array;
  matrix: Csr;
  catalogue: Catalogue;
  /** For each model item, its row in `catalogue` (−1 when the product is gone). */
  catalogueRow: Int32Array;
  /** Stamp of the Product table the catalogue was read at. */
  catalogueStamp: string;
  /** A version-1 run's models, held in its Job.result. */
  inline?: Partial<Record<AlgorithmName, unknown>>;
}

let cache: LoadedModels | null = null;
// Concurrent first requests after a training run share one read of the run (and of each model).
let loading: { runId: number; promise: Promise<LoadedModels | null> } | null = null;
let models: { runId: number; byName: Map<AlgorithmName, Promise<ModelHeader>> } = { runId: 0, byName: new Map() };

async function attachCatalogue(m: Omit<LoadedModels, "catalogue" | "catalogueRow" | "catalogueStamp">, stamp: string): Promise<LoadedModels> {
  const catalogue = await loadCatalogue();
  const row = new Map<number, number>();
  catalogue.productIds.forEach((id, i) => row.set(id, i));
  return { ...m, catalogue, catalogueRow: Int32Array.from(m.productIds, (id) => row.get(id) ?? -1), catalogueStamp: stamp };
}

/** The latest training run, its ids and matrix read once per process; null when nothing has been trained yet. */
export async function loadServingModels(): Promise<LoadedModels | null> {
  const latest = await getLatestJobId(RECS_RUN_KIND);
  if (!latest) return null;
  // The catalogue as it is now: products renamed, repriced or deactivated since training show so.
  const stamp = await catalogueStamp();
  if (cache?.runId === latest.id) {
    if (cache.catalogueStamp !== stamp) cache = await attachCatalogue(cache, stamp);
    return cache;
  }
  if (loading?.runId !== latest.id) {
    const promise = readRun(latest.id, stamp).catch((e: unknown) => {
      // A failed load is not remembered: the next request tries again.
      loading = null;
      throw e;
    });
    loading = { runId: latest.id, promise };
  }
  const loaded = await loading.promise;
  if (loaded) cache = loaded;
  return loaded;
}

const gone = (runId: number, what: string, why: string) => new UserError(`the stored ${what} of training run ${runId} could not be read (${why}); train the models again on the Recommendations page`, "conflict");

async function readRun(runId: number, stamp: string): Promise<LoadedModels | null> {
  const run = await getJobResult(runId);
  if (!run) return null;
  const { inline, ...stored } = readStored(TRAINING_SHAPES.result, run.result, `run ${run.id}`);
  let data: TrainingMatrix;
  if (inline) data = inline;
  else {
    const bytes = await readModel(run.id, TRAINING_MATRIX);
    if (!bytes) throw gone(run.id, "training data", "it is no longer stored");
    data = decodeBinary(bytes, "training data") as TrainingMatrix;
  }
  const customerIds = unpackI32(data.customerIds, "customer ids");
  const productIds = unpackI32(data.productIds, "product ids");
  const matrix = unpackCsr(data.matrix, customerIds.length, productIds.length, "training matrix");
  const trained = Object.keys(stored.modelBytes).filter(isAlgorithm);
  return attachCatalogue({ runId: run.id, trainedAt: run.finishedAt, stored, trained, customerIds, productIds, matrix, ...(inline ? { inline: inline.models } : {}) }, stamp);
}

/**
 * Run `m`'s model of `algorithm`, read and parsed when first asked for and kept while the run is the latest.
 * A model stored by another version of its algorithm, or no longer there, is a conflict to train away.
 */
export function modelOf(m: LoadedModels, algorithm: AlgorithmName): Promise<ModelHeader> {
  const rec = isAlgorithm(algorithm) ? RECOMMENDERS[algorithm] : undefined;
  if (!rec || !m.trained.includes(algorithm)) return Promise.reject(new UserError(`"${algorithm}" was not trained; train the models again to include it`, "conflict"));
  if (models.runId !== m.runId) models = { runId: m.runId, byName: new Map() };
  let p = models.byName.get(algorithm);
  if (!p) {
    const byName = models.byName;
    p = (async () => {
      const json = m.inline ? m.inline[algorithm] : await readModel(m.runId, algorithm).then((b) => (b ? decodeBinary(b, algorithm) : undefined));
      if (json === undefined) throw gone(m.runId, `${algorithm} model`, "it is no longer stored");
      try {
        return rec.fromJSON(json);
      } catch (e) {
        // lib/ml's own RangeError: another version's model. V8's (a bug) still fails as it is.
        if (!(e instanceof MlRangeError)) throw e;
        throw gone(m.runId, `${algorithm} model`, e.message);
      }
    })();
    // A failed read is not remembered: the next request tries again.
    p.catch(() => byName.get(algorithm) === p && byName.delete(algorithm));
    byName.set(algorithm, p);
  }
  return p;
}

export interface Exclusions {
  /** Leave out what the customer already has (default true). */
  excludeBought?: boolean;
  /** Leave out inactive products (default true). */
  excludeInactive?: boolean;
  productIds?: readonly number[];
  categories?: readonly string[];
  minPrice?: number;
  maxPrice?: number;
}

export interface RecommendedItem {
  productId: number;
  externalId: string;
  name: string;
  category: string | null;
  price: number | null;
  score: number;
  reason: string;
  /** The model's own reason, with product ids in place of indices. */
  why: Reason | null;
}

export interface CustomerRecommendations {
  algorithm: AlgorithmName;
  customerId: number;
  /** True when the customer had no history in training (new since, or never bought). */
  cold: boolean;
  trainedAt: string;
  items: RecommendedItem[];
}


function exclusionMask(m: LoadedModels, ex: Exclusions, bought: readonly number[] = []): Uint8Array {
  const mask = new Uint8Array(m.productIds.length);
  const cats = new Set(ex.categories ?? []);
  const c = m.catalogue;
  for (let i = 0; i < mask.length; i++) {
    const row = m.catalogueRow[i]!;
    // A product deleted since training is never recommended.
    if (row < 0) {
      mask[i] = 1;
      continue;
    }
    const price = c.prices[row]!;
    if ((ex.excludeInactive !== false && !c.isActive[row]) || (cats.size && cats.has(c.categories[row] ?? "")) || (ex.minPrice !== undefined && !(price >= ex.minPrice)) || (ex.maxPrice !== undefined && !(price <= ex.maxPrice))) mask[i] = 1;
  }
  for (const id of [...(ex.productIds ?? []), ...bought]) {
    const i = indexOfSorted(m.productIds, id);
    if (i >= 0) mask[i] = 1;
  }
  return mask;
}

function mapReason(r: Reason | null, toId: (i: number) => number): Reason | null {
  if (!r) return null;
  switch (r.kind) {
    case "because-items":
      return { ...r, items: r.items.map(toId) };
    case "content":
      return { ...r, item: r.item === null ? null : toId(r.item) };
    case "blend":
      return { ...r, parts: r.parts.map((p) => ({ ...p, reason: mapReason(p.reason, toId) })) };
    case "fallback":
      return { ...r, reason: mapReason(r.reason, toId) };
    default:
      return r;
  }
}

export async function recommendFromModels(m: LoadedModels, customerId: number, algorithm: AlgorithmName, n: number, ex: Exclusions = {}): Promise<CustomerRecommendations> {
  const model = await modelOf(m, algorithm);
  const rec = RECOMMENDERS[algorithm]!;
  const user = indexOfSorted(m.customerIds, customerId);
  const trained = historyOf(m.matrix, user);
  // A customer with no history is described by their profile, for the hybrid's cold-start fallback.
  const fields = trained.items.length === 0 ? await loadCustomerProfileFields(customerId) : null;
  const history = fields ? { ...trained, attributes: tokensOf(fields, Date.parse(`${m.stored.asOf}T00:00:00Z`)) } : trained;
  // Purchases imported since training count as bought too.
  const bought = ex.excludeBought !== false ? await listPurchasedProductIds(customerId) : [];
  const r = recommend(rec, model, user, history, { n, excludeSeen: ex.excludeBought !== false, exclude: exclusionMask(m, ex, bought) });
  const toId = (i: number) => m.productIds[i]!;
  const nameOf = (i: number) => m.catalogue.names[m.catalogueRow[i]!] ?? `product ${toId(i)}`;
  const items = Array.from(r.items, (item, k) => {
    const c = m.catalogueRow[item]!;
    return {
      productId: toId(item),
      externalId: m.catalogue.externalIds[c]!,
      name: m.catalogue.names[c]!,
      category: m.catalogue.categories[c] ?? null,
      price: Number.isNaN(m.catalogue.prices[c]!) ? null : m.catalogue.prices[c]!,
      score: r.scores[k]!,
      reason: describeReason(r.reasons[k] ?? null, nameOf, m.stored.purchaseEvents === 0 ? "chose" : "bought"),
      why: mapReason(r.reasons[k] ?? null, toId),
    };
  });
  return { algorithm, customerId, cold: history.items.length === 0, trainedAt: m.trainedAt.toISOString(), items };
}

export async function recommendForCustomer(customerId: number, algorithm: AlgorithmName, n: number, ex: Exclusions = {}): Promise<CustomerRecommendations | null> {
  const m = await loadServingModels();
  return m ? recommendFromModels(m, customerId, algorithm, n, ex) : null;
}

export interface AlsoBought {
  productId: number;
  externalId: string;
  name: string;
  category: string | null;
  price: number | null;
  /** Customers who have both products in the training data. */
  together: number;
  similarity: number;
}

// Transposed training matrices (product → customers), built once per loaded run.
const byItem = new WeakMap<LoadedModels, Csr>();

/**
 * "Customers who bought this also bought": the item-kNN model's nearest products to this one (cosine over
 * who has them), with how many customers have both. Null when this product was not in training.
 */
export async function alsoBoughtFromModels(m: LoadedModels, productId: number, n: number): Promise<AlsoBought[] | null> {
  const item = indexOfSorted(m.productIds, productId);
  if (item < 0 || !m.trained.includes("item-knn")) return null;
  const model = await modelOf(m, "item-knn");
  const single = { items: Int32Array.of(item), values: Float32Array.of(1) };
  const mask = exclusionMask(m, {});
  const r = recommend(RECOMMENDERS["item-knn"]!, model, -1, single, { n, exclude: mask, withReasons: false });
  let t = byItem.get(m);
  if (!t) byItem.set(m, (t = transpose(m.matrix)));
  const buyers = new Set(t.indices.subarray(t.indptr[item]!, t.indptr[item + 1]!));
  return Array.from(r.items, (other, k) => {
    let together = 0;
    for (let x = t.indptr[other]!; x < t.indptr[other + 1]!; x++) if (buyers.has(t.indices[x]!)) together++;
    const c = m.catalogueRow[other]!;
    return {
      productId: m.productIds[other]!,
      externalId: m.catalogue.externalIds[c]!,
      name: m.catalogue.names[c]!,
      category: m.catalogue.categories[c] ?? null,
      price: Number.isNaN(m.catalogue.prices[c]!) ? null : m.catalogue.prices[c]!,
      together,
      similarity: r.scores[k]!,
    };
  }).filter((a) => a.similarity > 0);
}
