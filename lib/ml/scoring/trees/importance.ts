// Split-gain importance for both tree models (LightGBM's importance_type="gain"): how much each feature's
// splits reduced the training loss, summed over every node of every tree.
import type { FeatureSchema } from "../features";
import { gainByFeature, type Tree } from "./tree";

/** Total split gain per schema feature, in schema order; 0 for a feature never split on. */
export function featureImportanceByGain(model: { readonly schema: readonly FeatureSchema[]; readonly trees: readonly Tree[] }): Float64Array {
  return gainByFeature(model.trees, model.schema.length);
}
