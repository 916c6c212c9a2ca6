// What sets each cluster apart, in words a marketer reads: for every feature, how far the cluster's mean
// sits from the whole base in standard deviations (z), and a generated name from the strongest of them
// ("Frequent high spenders, bought recently"). Names are suggestions; people edit them.
import { type Feature, type FeatureId, isCategoryShare } from "./customer-features";

export interface FeatureDeviation {
  feature: FeatureId;
  mean: number;
  z: number;
}

export interface ClusterProfile {
  size: number;
  share: number;
  name: string;
  /** Features sorted by |z|, largest first. */
  deviations: FeatureDeviation[];
  /** The 10th and 90th percentile of each feature inside the cluster: the conditions that approximate it. */
  ranges: Partial<Record<FeatureId, [number, number]>>;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(sorted.length - 1, lo + 1)]! - sorted[lo]!) * (pos - lo);
}

/** Words for a feature far above (high) or below (low) the base; recency reads the other way round. */
const WORDS: Record<Feature, { high: string; low: string; kind: "adjective" | "noun" | "clause" }> = {
  recencyDays: { high: "lapsed", low: "bought recently", kind: "clause" },
  frequency: { high: "frequent", low: "occasional", kind: "adjective" },
  monetary: { high: "high spenders", low: "low spenders", kind: "noun" },
  tenureDays: { high: "long-standing", low: "new", kind: "adjective" },
  averageOrderValue: { high: "big baskets", low: "small baskets", kind: "clause" },
  daysBetweenOrders: { high: "long gaps between orders", low: "short gaps between orders", kind: "clause" },
  clicks: { high: "click campaigns", low: "rarely click campaigns", kind: "clause" },
  conversions: { high: "respond to campaigns", low: "rarely respond to campaigns", kind: "clause" },
  age: { high: "older", low: "younger", kind: "adjective" },
  income: { high: "high-income", low: "lower-income", kind: "adjective" },
};

function wordsFor(id: FeatureId): { high: string; low: string; kind: "adjective" | "noun" | "clause" } {
  if (!isCategoryShare(id)) return WORDS[id];
  const category = id.slice("share:".length);
  return { high: `mostly ${category}`, low: `little ${category}`, kind: "clause" };
}

/** |z| below this is "about average" and does not name the cluster. */
const NOTABLE = 0.5;

export function nameCluster(deviations: readonly FeatureDeviation[]): string {
  const notable = deviations.filter((d) => Math.abs(d.z) >= NOTABLE);
  if (notable.length === 0) return "Typical customers";
  // The three strongest traits are enough for a name; the table shows the rest.
  const words = notable.slice(0, 3).map((d) => {
    const w = wordsFor(d.feature);
    return { ...w, word: d.z > 0 ? w.high : w.low };
  });
  const adjectives = words.filter((w) => w.kind === "adjective").map((w) => w.word);
  const noun = words.find((w) => w.kind === "noun")?.word ?? "customers";
  const clauses = words.filter((w) => w.kind === "clause").map((w) => w.word);
  const head = [...adjectives, noun].join(" ");
  const text = [head, ...clauses].join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Profiles of k clusters from the raw feature matrix (rows × features, row-major) and the labels. z uses
 * the base's mean and standard deviation of each feature in its own units.
 */
export function profileClusters(features: readonly FeatureId[], data: Float64Array, labels: Int32Array, k: number): ClusterProfile[] {
  const n = labels.length;
  const d = features.length;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  const sums = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    sizes[labels[i]!]!++;
    for (let c = 0; c < d; c++) {
      const v = data[i * d + c]!;
      mean[c]! += v;
      sq[c]! += v * v;
      sums[labels[i]! * d + c]! += v;
    }
  }
  for (let c = 0; c < d; c++) mean[c]! /= n;
  const sd = Array.from(mean, (m, c) => Math.sqrt(Math.max(0, sq[c]! / n - m * m)));
  // Each cluster's values of each feature, sorted, for its percentile ranges.
  const offsets = new Int32Array(k);
  for (let j = 1; j < k; j++) offsets[j] = offsets[j - 1]! + sizes[j - 1]!;
  const byCluster = features.map(() => new Float64Array(n));
  const fill = Int32Array.from(offsets);
  for (let i = 0; i < n; i++) {
    const at = fill[labels[i]!]!++;
    for (let c = 0; c < d; c++) byCluster[c]![at] = data[i * d + c]!;
  }
  return Array.from({ length: k }, (_, j) => {
    const deviations = features
      .map((feature, c) => {
        const m = sizes[j]! ? sums[j * d + c]! / sizes[j]! : 0;
        return { feature, mean: m, z: sd[c]! > 0 ? (m - mean[c]!) / sd[c]! : 0 };
      })
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    const ranges = Object.fromEntries(
      features.map((feature, c) => {
        const values = byCluster[c]!.slice(offsets[j]!, offsets[j]! + sizes[j]!).sort();
        return [feature, [percentile(values, 0.1), percentile(values, 0.9)]];
      }),
    ) as ClusterProfile["ranges"];
    return { size: sizes[j]!, share: sizes[j]! / n, name: nameCluster(deviations), deviations, ranges };
  });
}
