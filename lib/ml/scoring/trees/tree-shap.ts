// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for
// tree ensembles", Algorithm 2): exact Shapley values of one tree's output for one row, where "feature i
// unknown" means averaging over both children in proportion to their training cover. Polynomial (leaves ×
// depth²) instead of the 2^F subsets; a test checks it against the subset sum on a small tree. The values of
// a tree add up to its output for the row minus its cover-weighted mean output (expectedValue in ./tree).
import { goesLeft, type SplitLayout, type Tree } from "./tree";

/**
 * The "unique path" of the paper: per element the feature, the share of cover when the feature is unknown
 * (zero), whether the row follows it (one), and the permutation weights. One flat region holds the path of
 * every recursion level, each level's copy after its parent's, so a row's explanation allocates nothing.
 */
export interface ShapWorkspace {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
}

export function createShapWorkspace(maxDepth: number): ShapWorkspace {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + 2;
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
}

/** Adds scale × the tree's SHAP values for the row with bins `rowBins` (one per feature) to `phi`. */
export function addTreeShap(tree: Tree, layout: SplitLayout, rowBins: Int32Array, phi: Float64Array, scale: number, ws: ShapWorkspace): void {
  const { feature: pf, zero, one, weight } = ws;

  const extend = (p: number, u: number, z: number, o: number, f: number) => {
    pf[p + u] = f;
    zero[p + u] = z;
    one[p + u] = o;
    weight[p + u] = u === 0 ? 1 : 0;
    for (let i = u - 1; i >= 0; i--) {
      weight[p + i + 1]! += (o * weight[p + i]! * (i + 1)) / (u + 1);
      weight[p + i] = (z * weight[p + i]! * (u - i)) / (u + 1);
    }
  };

  const unwind = (p: number, u: number, at: number) => {
    const o = one[p + at]!;
    const z = zero[p + at]!;
    let next = weight[p + u]!;
    for (let i = u - 1; i >= 0; i--) {
      if (o !== 0) {
        const w = weight[p + i]!;
        weight[p + i] = (next * (u + 1)) / ((i + 1) * o);
        next = w - (weight[p + i]! * z * (u - i)) / (u + 1);
      } else weight[p + i] = (weight[p + i]! * (u + 1)) / (z * (u - i));
    }
    for (let i = at; i < u; i++) {
      pf[p + i] = pf[p + i + 1]!;
      zero[p + i] = zero[p + i + 1]!;
      one[p + i] = one[p + i + 1]!;
    }
  };

  /** The total permutation weight with element `at` unwound, without changing the path. */
  const unwoundSum = (p: number, u: number, at: number) => {
    const o = one[p + at]!;
    const z = zero[p + at]!;
    let total = 0;
    if (o !== 0) {
      let next = weight[p + u]!;
      for (let i = u - 1; i >= 0; i--) {
        const t = next / ((i + 1) * o);
        total += t;
        next = weight[p + i]! - t * z * (u - i);
      }
    } else for (let i = u - 1; i >= 0; i--) total += weight[p + i]! / (z * (u - i));
    return total * (u + 1);
  };

  const copyPath = (from: number, to: number, length: number) => {
    pf.copyWithin(to, from, from + length);
    zero.copyWithin(to, from, from + length);
    one.copyWithin(to, from, from + length);
    weight.copyWithin(to, from, from + length);
  };

  const recurse = (node: number, u: number, p: number, z: number, o: number, f: number) => {
    extend(p, u, z, o, f);
    const split = tree.feature[node]!;
    if (split < 0) {
      const v = tree.value[node]! * scale;
      for (let i = 1; i <= u; i++) phi[pf[p + i]!]! += unwoundSum(p, u, i) * (one[p + i]! - zero[p + i]!) * v;
      return;
    }
    const isLeft = goesLeft(tree, layout, node, rowBins[split]!);
    const hot = isLeft ? tree.left[node]! : tree.right[node]!;
    const cold = isLeft ? tree.right[node]! : tree.left[node]!;
    let inZero = 1;
    let inOne = 1;
    let depth = u;
    // A feature met again on the path: undo its earlier element and carry its fractions into this split.
    for (let k = 1; k <= u; k++) {
      if (pf[p + k] !== split) continue;
      inZero = zero[p + k]!;
      inOne = one[p + k]!;
      unwind(p, u, k);
      depth--;
      break;
    }
    const q = p + depth + 1;
    const cover = tree.cover[node]!;
    copyPath(p, q, depth + 1);
    recurse(hot, depth + 1, q, (tree.cover[hot]! / cover) * inZero, inOne, split);
    copyPath(p, q, depth + 1);
    recurse(cold, depth + 1, q, (tree.cover[cold]! / cover) * inZero, 0, split);
  };

  recurse(0, 0, 0, 1, 1, -1);
}
