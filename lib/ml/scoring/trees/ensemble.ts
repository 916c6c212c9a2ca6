// What boosting and the forest share once their trees are grown: one row's TreeSHAP over all trees, and
// reading the plain fields of a stored model.
import { MlRangeError } from "../../errors";
import type { FeatureSchema, FeatureTable } from "../features";
import { type BinMapper, binRow } from "./binning";
import { splitLayoutOf, type Tree } from "./tree";
import { addTreeShap, createShapWorkspace } from "./tree-shap";

/** scale × the sum of the trees' SHAP values for one row, per feature. */
export function explainTrees(trees: readonly Tree[], bins: BinMapper, table: FeatureTable, row: number, scale: number): Float64Array {
  const rowBins = binRow(bins, table, row, new Int32Array(bins.features.length));
  const layout = splitLayoutOf(bins);
  const ws = createShapWorkspace(trees.reduce((d, t) => Math.max(d, t.depth), 0));
  const phi = new Float64Array(bins.features.length);
  for (const t of trees) addTreeShap(t, layout, rowBins, phi, scale, ws);
  return phi;
}

export function readModelNumber(o: Record<string, unknown>, field: string, kind: string): number {
  const v = o[field];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new MlRangeError(`${kind} model: ${field} must be a finite number, got ${String(v)}`);
  return v;
}

/** A stored schema, checked field by field rather than cast. */
export function readSchema(json: unknown, what: string): FeatureSchema[] {
  if (!Array.isArray(json)) throw new MlRangeError(`${what}: schema must be a list of features`);
  return json.map((raw: unknown, j): FeatureSchema => {
    const s = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    if (typeof s.name !== "string") throw new MlRangeError(`${what}: feature ${j + 1} has no name`);
    if (s.kind === "numeric") return { kind: "numeric", name: s.name };
    if (s.kind === "categorical" && Array.isArray(s.levels) && s.levels.every((l) => typeof l === "string")) return { kind: "categorical", name: s.name, levels: [...(s.levels as string[])] };
    throw new MlRangeError(`${what}: feature ${j + 1} "${s.name}" is neither numeric nor categorical with levels`);
  });
}
