import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../random";
import type { Feature, FeatureTable } from "../features";
import { applyBins, binOffsets, fitBinMapper, type NumericBins } from "./binning";
import { buildHistogram, subtractHistogram, toRowMajor } from "./histogram";
import { growTree, type TreeOptions } from "./hist-tree";
import { leafCount, leafOf, splitLayoutOf, type Tree } from "./tree";

const table = (...features: Feature[]): FeatureTable => ({ rows: features[0]!.kind === "numeric" ? features[0]!.values.length : features[0]!.codes.length, features });
const x = (values: number[]): Feature => ({ kind: "numeric", name: "x", values: Float64Array.from(values) });

/** A tree on the 0/1 labels as the forest grows them: gradient −y, hessian 1, so leaf values are positive rates. */
function growOnLabels(t: FeatureTable, y: number[], options: Partial<TreeOptions> & { rng?: Rng } = {}) {
  const mapper = fitBinMapper(t);
  const binned = applyBins(mapper, t);
  const tree = growTree(binned, mapper, Float64Array.from(y, (v) => -v), null, { minSamplesLeaf: 1, minCategorySupport: 1, rng: createRng(1), ...options });
  const leafValues = Array.from({ length: t.rows }, (_, i) => tree.value[leafOf(tree, splitLayoutOf(mapper), binned.bins, i)]);
  return { mapper, binned, tree, leafValues };
}

const nodes = (tree: Tree) => Array.from(tree.feature, (f, i) => ({ f, t: tree.threshold[i], l: tree.left[i], r: tree.right[i], v: tree.value[i], cover: tree.cover[i] }));

describe("histogram tree", () => {
  it("splits 1..10 at x < 3.5 when that separates the labels", () => {
    const { mapper, tree, leafValues } = growOnLabels(table(x([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    // Bins are x − 1; bin 2 is the last to go left, and the binner's threshold 2 is 3.5.
    expect(nodes(tree)).toEqual([
      { f: 0, t: 2, l: 1, r: 2, v: 0.3, cover: 10 },
      { f: -1, t: 0, l: -1, r: -1, v: 1, cover: 3 },
      { f: -1, t: 0, l: -1, r: -1, v: 0, cover: 7 },
    ]);
    expect((mapper.features[0] as NumericBins).thresholds[2]).toBe(3.5);
    // Gain 3²/3 + 0²/7 − 3²/10 = 2.1; with no missing value in training they go with the larger child (right).
    expect(tree.gain[0]).toBeCloseTo(2.1, 12);
    expect(tree.missingLeft[0]).toBe(0);
    expect(leafValues).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("splits levels {a, c} from {b} with one set split", () => {
    const c: Feature = { kind: "categorical", name: "c", codes: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2, 2]), levels: ["a", "b", "c"] };
    const { tree, leafValues } = growOnLabels(table(c), [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]);
    // Sorted by G/(H + 10): c −4/14, a −3/13, b 0/13; the prefix {c, a} goes left: 7²/7 + 0 − 7²/10 = 2.1.
    expect(leafCount(tree)).toBe(2);
    expect(tree.feature[0]).toBe(0);
    expect(Array.from(tree.categories)).toEqual([0b101]);
    expect(tree.gain[0]).toBeCloseTo(2.1, 12);
    expect(leafValues).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1]);
  });

  it("sends the missing bin to the side where its labels fit", () => {
    const values = [1, 2, 3, 4, 5, 6, NaN, NaN, NaN];
    const likeHigh = growOnLabels(table(x(values)), [0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect([likeHigh.tree.threshold[0], likeHigh.tree.missingLeft[0]]).toEqual([2, 0]);
    expect(likeHigh.leafValues).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const likeLow = growOnLabels(table(x(values)), [0, 0, 0, 1, 1, 1, 0, 0, 0]);
    expect([likeLow.tree.threshold[0], likeLow.tree.missingLeft[0]]).toEqual([2, 1]);
    expect(likeLow.leafValues).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it("splits missing from present when that is what separates the labels", () => {
    const { tree, leafValues } = growOnLabels(table(x([1, 2, 3, 4, NaN, NaN])), [0, 0, 0, 0, 1, 1]);
    // Every value bin left (threshold 3 = the last value bin), missing right.
    expect([tree.threshold[0], tree.missingLeft[0], leafCount(tree)]).toEqual([3, 0, 2]);
    expect(leafValues).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it("grows best-first up to maxLeafNodes, within maxDepth and minSamplesLeaf", () => {
    // Labels 1 on 4..6 and 10..12 of 1..12: two cuts give 3 leaves, a fourth leaf needs a fourth cut.
    const t = table(x([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const y = [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1];
    expect(leafCount(growOnLabels(t, y, { maxLeafNodes: 3 }).tree)).toBe(3);
    const full = growOnLabels(t, y);
    expect(full.leafValues).toEqual(y);
    expect(leafCount(full.tree)).toBe(4);
    expect(growOnLabels(t, y, { maxDepth: 1 }).tree.depth).toBe(1);
    const wide = growOnLabels(t, y, { minSamplesLeaf: 4 }).tree;
    for (let i = 0; i < wide.feature.length; i++) if (wide.feature[i]! < 0) expect(wide.cover[i]).toBeGreaterThanOrEqual(4);
  });

  it("takes a child's histogram as parent minus sibling, equal to building it", () => {
    const rng = createRng(5);
    const t = table(x(Array.from({ length: 50 }, () => Math.floor(rng.next() * 7))), { kind: "categorical", name: "c", codes: Int32Array.from({ length: 50 }, (_, i) => (i % 4) - 1), levels: ["a", "b", "c"] });
    const mapper = fitBinMapper(t);
    const offsets = binOffsets(mapper);
    const bins = toRowMajor(applyBins(mapper, t), offsets);
    const grad = Float64Array.from({ length: 50 }, () => rng.next() - 0.5);
    const hess = Float64Array.from({ length: 50 }, () => rng.next());
    const rows = Int32Array.from({ length: 50 }, (_, i) => i);
    const features = Int32Array.from([0, 1]);
    const size = offsets[2]! * 3;
    const [parent, left, right] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    buildHistogram(parent, bins, offsets, features, 2, rows, 0, 50, grad, hess, null);
    buildHistogram(left, bins, offsets, features, 2, rows, 0, 20, grad, hess, null);
    buildHistogram(right, bins, offsets, features, 2, rows, 20, 50, grad, hess, null);
    subtractHistogram(parent, left, offsets, features, 2);
    parent.forEach((v, i) => expect(v).toBeCloseTo(right[i]!, 12));
  });

  it("draws the same bootstrap and features for the same generator state", () => {
    const rng = createRng(9);
    const t = table(x(Array.from({ length: 200 }, () => rng.next())), { kind: "numeric", name: "z", values: Float64Array.from({ length: 200 }, () => rng.next()) });
    const y = Array.from({ length: 200 }, () => (rng.next() < 0.3 ? 1 : 0));
    const grow = (seed: number) => growOnLabels(t, y, { bootstrap: true, maxFeatures: 1, rng: createRng(seed), minSamplesLeaf: 5 }).tree;
    expect(grow(3)).toEqual(grow(3));
    expect(grow(3)).not.toEqual(grow(4));
    expect(grow(3).cover[0]).toBe(200);
  });

  it("refuses bad settings, naming the value", () => {
    const t = table(x([1, 2, 3]));
    expect(() => growOnLabels(t, [0, 1, 0], { maxLeafNodes: 1 })).toThrow("maxLeafNodes must be a whole number of at least 2 (or Infinity), got 1");
    expect(() => growOnLabels(t, [0, 1, 0], { minSamplesLeaf: 0 })).toThrow("minSamplesLeaf must be a whole number of at least 1, got 0");
    expect(() => growOnLabels(t, [0, 1, 0], { subsample: 0 })).toThrow("subsample must be in (0, 1], got 0");
    expect(() => growOnLabels(t, [0, 1, 0], { l2: -1 })).toThrow("l2 must be a finite number of at least 0, got -1");
  });
});
