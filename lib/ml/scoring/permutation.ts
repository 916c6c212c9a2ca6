// Permutation importance (Breiman 2001; scikit-learn's permutation_importance): how much the held-out ROC
// AUC falls when one feature's values are shuffled across rows, breaking its link to the outcome while
// keeping its distribution. It asks the model only for predictions, so it reads every model alike.
import { MlRangeError } from "../errors";
import { forkRng } from "../random";
import type { Feature, FeatureTable, LabelledTable } from "./features";
import { rocAuc } from "./metrics/roc";

export interface FeatureImportance {
  readonly feature: string;
  /** Mean fall in AUC over the repeats (negative: shuffling helped, the feature is noise). */
  readonly drop: number;
  readonly sd: number;
}

function shuffled(f: Feature, rows: number, seed: number, stream: string): Feature {
  const rng = forkRng(seed, stream);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  if (f.kind === "numeric") return { ...f, values: Float64Array.from(order, (i) => f.values[i]!) };
  return { ...f, codes: Int32Array.from(order, (i) => f.codes[i]!) };
}

export function permutationImportance(
  predict: (table: FeatureTable) => Float64Array,
  table: LabelledTable,
  o: { repeats?: number; seed: number },
): FeatureImportance[] {
  const repeats = o.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw new MlRangeError(`repeats must be a whole number of at least 1, got ${repeats}`);
  const reference = rocAuc(predict(table), table.label);
  return table.features
    .map((f, j) => {
      const drops = Array.from({ length: repeats }, (_, r) => {
        const features = table.features.map((g, k) => (k === j ? shuffled(f, table.rows, o.seed, `${f.name}#${r}`) : g));
        return reference - rocAuc(predict({ rows: table.rows, features }), table.label);
      });
      const drop = drops.reduce((s, d) => s + d, 0) / repeats;
      const sd = repeats > 1 ? Math.sqrt(drops.reduce((s, d) => s + (d - drop) ** 2, 0) / (repeats - 1)) : 0;
      return { feature: f.name, drop, sd };
    })
    .sort((a, b) => b.drop - a.drop);
}
