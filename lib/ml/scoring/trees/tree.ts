// One fitted tree as flat typed arrays (node i's split in feature[i], threshold[i], …), the layout LightGBM
// and scikit-learn's predictors use: no per-node objects, so a 200-tree forest with thousands of nodes a tree
// loads, predicts and serialises as a handful of buffers. Trees split on bins, so they score binned tables.
import type { BinColumn, BinMapper } from "./binning";

export interface Tree {
  /** The split's schema feature, −1 at a leaf. */
  readonly feature: Int32Array;
  /** Numeric split: the last bin that goes left. Categorical split: the first word of its bitset in `categories`. */
  readonly threshold: Int32Array;
  /** Numeric split: 1 when the missing bin goes left. Categorical splits carry missing in their bitset. */
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** The node's output (at a leaf, what the tree adds to the margin or the probability). */
  readonly value: Float64Array;
  /** Training rows that reached the node (bootstrap repeats counted): TreeSHAP's weights. */
  readonly cover: Float64Array;
  /** The split's loss reduction, 0 at a leaf. */
  readonly gain: Float64Array;
  /** Bitsets of the categorical splits' left bins, ⌈nBins / 32⌉ words each. */
  readonly categories: Int32Array;
  /** Edges from the root to the deepest leaf. */
  readonly depth: number;
}

/** What traversal needs to know per feature: categorical or not, and the numeric missing bin. */
export interface SplitLayout {
  readonly isCategorical: Uint8Array;
  readonly missingBin: Int32Array;
}

export function splitLayoutOf(mapper: BinMapper): SplitLayout {
  return {
    isCategorical: Uint8Array.from(mapper.features, (f) => (f.kind === "categorical" ? 1 : 0)),
    missingBin: Int32Array.from(mapper.features, (f) => f.missingBin),
  };
}

/** Whether bin `bin` of node `node`'s split feature goes to the left child. */
export function goesLeft(tree: Tree, layout: SplitLayout, node: number, bin: number): boolean {
  const f = tree.feature[node]!;
  if (layout.isCategorical[f] === 1) return ((tree.categories[tree.threshold[node]! + (bin >>> 5)]! >>> (bin & 31)) & 1) === 1;
  return bin === layout.missingBin[f] ? tree.missingLeft[node] === 1 : bin <= tree.threshold[node]!;
}

/** The leaf that row `row` of the binned columns reaches. */
export function leafOf(tree: Tree, layout: SplitLayout, bins: readonly BinColumn[], row: number): number {
  const { feature, threshold, missingLeft, left, right, categories } = tree;
  const { isCategorical, missingBin } = layout;
  let node = 0;
  for (let f = feature[0]!; f >= 0; f = feature[node]!) {
    const b = bins[f]![row]!;
    let isLeft: boolean;
    if (isCategorical[f] === 1) isLeft = ((categories[threshold[node]! + (b >>> 5)]! >>> (b & 31)) & 1) === 1;
    else isLeft = b === missingBin[f] ? missingLeft[node] === 1 : b <= threshold[node]!;
    node = isLeft ? left[node]! : right[node]!;
  }
  return node;
}

/** The leaf one row reaches, from its bins (one per feature). */
export function leafOfRow(tree: Tree, layout: SplitLayout, rowBins: Int32Array): number {
  let node = 0;
  while (tree.feature[node]! >= 0) node = goesLeft(tree, layout, node, rowBins[tree.feature[node]!]!) ? tree.left[node]! : tree.right[node]!;
  return node;
}

/**
 * Adds `scale` × the tree's leaf value to out[row] for every row, or for `rows` only (tree-outer order keeps
 * one tree in cache).
 */
export function addTreeOutput(tree: Tree, layout: SplitLayout, bins: readonly BinColumn[], out: Float64Array, scale = 1, rows: Int32Array | null = null): void {
  const { value } = tree;
  if (rows) for (const row of rows) out[row]! += scale * value[leafOf(tree, layout, bins, row)]!;
  else for (let row = 0; row < out.length; row++) out[row]! += scale * value[leafOf(tree, layout, bins, row)]!;
}

/** The mean output over the training rows: leaves weighted by their share of the root's cover. */
export function expectedValue(tree: Tree): number {
  let sum = 0;
  for (let i = 0; i < tree.feature.length; i++) if (tree.feature[i]! < 0) sum += tree.cover[i]! * tree.value[i]!;
  return sum / tree.cover[0]!;
}

export function leafCount(tree: Tree): number {
  let n = 0;
  for (let i = 0; i < tree.feature.length; i++) if (tree.feature[i]! < 0) n++;
  return n;
}

/** Total split gain per feature over the trees. */
export function gainByFeature(trees: readonly Tree[], features: number): Float64Array {
  const out = new Float64Array(features);
  for (const t of trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i]! >= 0) out[t.feature[i]!]! += t.gain[i]!;
  return out;
}
