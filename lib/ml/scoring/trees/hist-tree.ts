// One regression tree on gradients and hessians over binned data, grown leaf-wise (best-first) like LightGBM
// and scikit-learn's HistGradientBoosting: the open leaf whose best split gains most is split next, until
// `maxLeafNodes`. Two ways to get a node's histograms: boosting builds the smaller child's over every feature
// and takes the sibling's as parent − child (each level then costs at most half its rows); a forest, which
// looks at √F features per node, builds just those features for each node, cheaper than subtracting all F.
import { MlRangeError } from "../../errors";
import { type Rng } from "../../random";
import { type BinMapper, type BinnedMatrix, binOffsets } from "./binning";
import { checkFraction, checkLimit, checkNonNegative, checkWhole } from "../../checks";
import { buildHistogram, subtractHistogram, toRowMajor } from "./histogram";
import { createNodeStore } from "./node-store";
import { fillGoesLeft, partitionRows } from "./partition";
import { allRows, drawBootstrap, drawFeatures, drawRows, sumOf, weigh } from "./sampling";
import { createSplitSearch, type SplitParams } from "./split-search";
import type { Tree } from "./tree";

export interface TreeOptions extends SplitParams {
  maxLeafNodes: number;
  /** Edges from the root to a leaf; Infinity for no limit. */
  maxDepth: number;
  /** Features a node's split may use, drawn anew per node (a forest's √F); Infinity for all of them. */
  maxFeatures: number;
  /** Share of the features one tree may use, drawn per tree. */
  featureFraction: number;
  /** Share of the rows one tree sees, drawn without replacement (ignored with `bootstrap`). */
  subsample: number;
  /** Draw as many rows as given, with replacement. */
  bootstrap: boolean;
}

export const TREE_DEFAULTS: TreeOptions = {
  maxLeafNodes: 31,
  maxDepth: Infinity,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  l2: 0,
  catSmooth: 10,
  minCategorySupport: 10,
  maxFeatures: Infinity,
  featureFraction: 1,
  subsample: 1,
  bootstrap: false,
};

export function checkTreeOptions(options: Partial<TreeOptions>): TreeOptions {
  const o = { ...TREE_DEFAULTS, ...options };
  checkLimit("maxLeafNodes", o.maxLeafNodes, 2);
  checkLimit("maxDepth", o.maxDepth, 1);
  checkWhole("minSamplesLeaf", o.minSamplesLeaf, 1);
  checkNonNegative("minHessianLeaf", o.minHessianLeaf);
  checkNonNegative("l2", o.l2);
  checkNonNegative("catSmooth", o.catSmooth);
  checkNonNegative("minCategorySupport", o.minCategorySupport);
  checkLimit("maxFeatures", o.maxFeatures, 1);
  checkFraction("featureFraction", o.featureFraction);
  checkFraction("subsample", o.subsample);
  if (typeof o.bootstrap !== "boolean") throw new MlRangeError(`bootstrap must be true or false, got ${String(o.bootstrap)}`);
  return o;
}

export interface TreeGrower {
  /**
   * Grows a tree on `rows` of the binned data (distinct; all rows when omitted) with per-row gradients and
   * hessians; hess null means every hessian is 1. Leaf values are Newton steps −G/(H + l2).
   */
  grow(grad: Float64Array, hess: Float64Array | null, rng: Rng, rows?: Int32Array): Tree;
  /**
   * Adds the last tree's leaf values (as they are now, e.g. after shrinking) to out[row] for the rows it was
   * grown on, from where growing left them: no traversal. Other rows (held out, not drawn) are untouched.
   */
  addToGrownRows(out: Float64Array): void;
}

/** A node waiting to be split: its rows are rows[start..end), its best split already found. */
interface Open {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  hist: Float64Array | null;
  readonly split: PendingSplit;
}

interface PendingSplit {
  readonly gain: number;
  readonly feature: number;
  readonly threshold: number;
  readonly missingLeft: boolean;
  /** Categorical splits: the bins going left. */
  readonly catBins: Int32Array | null;
  readonly g: number;
  readonly h: number;
  readonly c: number;
}

/** Buffers are sized for `data` once and reused by every tree, so boosting allocates little per iteration. */
export function createTreeGrower(data: BinnedMatrix, mapper: BinMapper, options: Partial<TreeOptions> = {}): TreeGrower {
  const o = checkTreeOptions(options);
  if (data.features !== mapper.features.length) throw new MlRangeError(`tree: the binned data has ${data.features} features, the bins ${mapper.features.length}`);
  const offsets = binOffsets(mapper);
  const histLength = offsets[data.features]! * 3;
  const searcher = createSplitSearch(mapper, offsets, o);
  const pool: Float64Array[] = [];
  const acquire = () => pool.pop() ?? new Float64Array(histLength);
  const release = (h: Float64Array | null) => void (h && pool.push(h));
  const scratchHist = new Float64Array(histLength);
  const allFeatures = Int32Array.from({ length: data.features }, (_, j) => j);
  const treeFeatures = new Int32Array(data.features);
  const nodeFeatures = new Int32Array(data.features);
  const rowMajor = toRowMajor(data, offsets);
  let partitionScratch = new Int32Array(data.rows);
  const goesLeftTable = new Uint8Array(mapper.features.reduce((m, f) => Math.max(m, f.nBins), 0));
  const everyRow = allRows(data.rows);
  // A bootstrap is held as weights (times drawn) on distinct rows: a drawn-twice row as two adjacent rows
  // would make consecutive histogram updates wait on each other, and cost a pass each.
  const weights = o.bootstrap ? new Float64Array(data.rows) : null;
  const weighted = o.bootstrap ? { grad: new Float64Array(data.rows), hess: new Float64Array(data.rows) } : null;
  let last: { tree: Tree; sample: Int32Array; start: Int32Array; end: Int32Array } | null = null;

  return {
    grow(rowGrad, rowHess, rng, rows) {
      const sample = weights ? drawBootstrap(rows ?? everyRow, weights, rng) : drawRows(rows ?? everyRow, o.subsample, rng);
      if (sample.length > partitionScratch.length) partitionScratch = new Int32Array(sample.length);
      const [grad, hess] = weights ? weigh(sample, weights, rowGrad, rowHess, weighted!) : [rowGrad, rowHess];
      const total = weights ? sumOf(weights, sample) : sample.length;
      const nTree = drawFeatures(allFeatures, treeFeatures, Math.max(1, Math.round(o.featureFraction * data.features)), rng);
      const perNode = o.maxFeatures < nTree;
      const leafCap = Math.max(1, Math.min(o.maxLeafNodes, Math.floor(total / o.minSamplesLeaf)));
      const store = createNodeStore(2 * leafCap - 1);
      const nodeStart = new Int32Array(2 * leafCap - 1);
      const nodeEnd = new Int32Array(2 * leafCap - 1);
      const addNode = (g: number, h: number, c: number, start: number, end: number, depth: number) => {
        const id = store.add(g, h, c, depth, o.l2);
        nodeStart[id] = start;
        nodeEnd[id] = end;
        return id;
      };
      const build = (hist: Float64Array, features: Int32Array, count: number, start: number, end: number) =>
        buildHistogram(hist, rowMajor, offsets, features, count, sample, start, end, grad, hess, weights);
      const canSplit = (depth: number, h: number, c: number) => depth < o.maxDepth && c >= 2 * o.minSamplesLeaf && h >= 2 * o.minHessianLeaf;
      const heap = createOpenHeap();

      /** Finds the node's best split from `hist` and queues it; false when it stays a leaf. */
      const queue = (id: number, start: number, end: number, depth: number, hist: Float64Array | null, features: Int32Array, count: number) => {
        const found = searcher.search(hist ?? scratchHist, features, count, store.g(id), store.h(id), store.cover[id]!);
        if (!found) return release(hist);
        heap.push({ id, start, end, depth, hist, split: copySplit(searcher.record) });
      };
      /** A forest's node: draws its features and builds just those. */
      const queueDirect = (id: number, start: number, end: number, depth: number) => {
        const count = drawFeatures(treeFeatures.subarray(0, nTree), nodeFeatures, o.maxFeatures, rng);
        build(scratchHist, nodeFeatures, count, start, end);
        queue(id, start, end, depth, null, nodeFeatures, count);
      };

      const root = addNode(sumOf(grad, sample), hess ? sumOf(hess, sample) : total, total, 0, sample.length, 0);
      if (canSplit(0, store.h(root), total)) {
        if (perNode) queueDirect(root, 0, sample.length, 0);
        else {
          const hist = acquire();
          build(hist, treeFeatures, nTree, 0, sample.length);
          queue(root, 0, sample.length, 0, hist, treeFeatures, nTree);
        }
      }
      /** Finds the children's splits, from histograms built or (boosting) from the parent's minus the smaller's. */
      const openChildren = (node: Open, left: number, right: number, mid: number, depth: number) => {
        const splitLeft = canSplit(depth, store.h(left), store.cover[left]!);
        const splitRight = canSplit(depth, store.h(right), store.cover[right]!);
        if (perNode) {
          if (splitLeft) queueDirect(left, node.start, mid, depth);
          if (splitRight) queueDirect(right, mid, node.end, depth);
          return;
        }
        if (!splitLeft && !splitRight) return release(node.hist);
        const leftSmaller = mid - node.start <= node.end - mid;
        const small = acquire();
        if (leftSmaller) build(small, treeFeatures, nTree, node.start, mid);
        else build(small, treeFeatures, nTree, mid, node.end);
        subtractHistogram(node.hist!, small, offsets, treeFeatures, nTree);
        const [leftHist, rightHist] = leftSmaller ? [small, node.hist] : [node.hist, small];
        if (splitLeft) queue(left, node.start, mid, depth, leftHist, treeFeatures, nTree);
        else release(leftHist);
        if (splitRight) queue(right, mid, node.end, depth, rightHist, treeFeatures, nTree);
        else release(rightHist);
      };

      for (let leaves = 1; heap.size() > 0 && leaves < o.maxLeafNodes; leaves++) {
        const node = heap.pop();
        const { split } = node;
        const fb = mapper.features[split.feature]!;
        const mid = node.start + partitionRows(sample, node.start, node.end, data.bins[split.feature]!, fillGoesLeft(goesLeftTable, split, fb.nBins, fb.missingBin), partitionScratch);
        const left = addNode(split.g, split.h, split.c, node.start, mid, node.depth + 1);
        const right = addNode(store.g(node.id) - split.g, store.h(node.id) - split.h, store.cover[node.id]! - split.c, mid, node.end, node.depth + 1);
        store.setSplit(node.id, split, left, right, fb.nBins);
        openChildren(node, left, right, mid, node.depth + 1);
      }
      while (heap.size() > 0) release(heap.pop().hist);
      const tree = store.finish();
      last = { tree, sample, start: nodeStart, end: nodeEnd };
      return tree;
    },
    addToGrownRows(out) {
      if (!last) return;
      const { tree, sample, start, end } = last;
      for (let id = 0; id < tree.feature.length; id++) {
        if (tree.feature[id]! >= 0) continue;
        const v = tree.value[id]!;
        for (let k = start[id]!; k < end[id]!; k++) out[sample[k]!]! += v;
      }
    },
  };
}

/** One tree with its own grower, for tests and one-off use; `rng` drives the row and feature draws. */
export function growTree(data: BinnedMatrix, mapper: BinMapper, grad: Float64Array, hess: Float64Array | null, options: Partial<TreeOptions> & { rng: Rng; rows?: Int32Array }): Tree {
  const { rng, rows, ...rest } = options;
  return createTreeGrower(data, mapper, rest).grow(grad, hess, rng, rows);
}

function copySplit(r: ReturnType<typeof createSplitSearch>["record"]): PendingSplit {
  return {
    gain: r.gain,
    feature: r.feature,
    threshold: r.threshold,
    missingLeft: r.missingLeft,
    catBins: r.isCategorical ? Int32Array.from(r.catBins.subarray(0, r.catCount)) : null,
    g: r.gLeft,
    h: r.hLeft,
    c: r.cLeft,
  };
}

/** A binary max-heap on split gain; equal gains go to the older node, so growth is deterministic. */
function createOpenHeap() {
  const items: Open[] = [];
  const above = (a: Open, b: Open) => a.split.gain > b.split.gain || (a.split.gain === b.split.gain && a.id < b.id);
  const swap = (i: number, j: number) => ([items[i], items[j]] = [items[j]!, items[i]!]);
  return {
    size: () => items.length,
    push(item: Open) {
      items.push(item);
      for (let i = items.length - 1; i > 0 && above(items[i]!, items[(i - 1) >> 1]!); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    },
    pop(): Open {
      const top = items[0]!;
      const last = items.pop()!;
      if (items.length > 0) {
        items[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < items.length && above(items[l]!, items[m]!)) m = l;
          if (r < items.length && above(items[r]!, items[m]!)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
