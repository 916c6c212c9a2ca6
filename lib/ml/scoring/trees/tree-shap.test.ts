import { describe, expect, it } from "vitest";
import { expectedValue, leafOfRow, type SplitLayout, type Tree } from "./tree";
import { addTreeShap, createShapWorkspace } from "./tree-shap";

// Three numeric features with value bins 0 and 1 and the missing bin 2.
const layout: SplitLayout = { isCategorical: new Uint8Array(3), missingBin: Int32Array.from([2, 2, 2]) };

/** A tree from node tuples [feature, thresholdBin, missingLeft, left, right, value, cover]. */
function handTree(nodes: [number, number, number, number, number, number, number][], depth: number): Tree {
  const col = (k: number) => nodes.map((n) => n[k]!);
  return {
    feature: Int32Array.from(col(0)),
    threshold: Int32Array.from(col(1)),
    missingLeft: Uint8Array.from(col(2)),
    left: Int32Array.from(col(3)),
    right: Int32Array.from(col(4)),
    value: Float64Array.from(col(5)),
    cover: Float64Array.from(col(6)),
    gain: new Float64Array(nodes.length),
    categories: new Int32Array(0),
    depth,
  };
}

/** The tree's output with the features in `known` taken from the row and the rest averaged by cover. */
function conditional(tree: Tree, row: Int32Array, known: Set<number>, node = 0): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const [l, r] = [tree.left[node]!, tree.right[node]!];
  if (known.has(f)) {
    const b = row[f]!;
    const isLeft = b === layout.missingBin[f] ? tree.missingLeft[node] === 1 : b <= tree.threshold[node]!;
    return conditional(tree, row, known, isLeft ? l : r);
  }
  return (tree.cover[l]! * conditional(tree, row, known, l) + tree.cover[r]! * conditional(tree, row, known, r)) / tree.cover[node]!;
}

/** φ_i = Σ over subsets S of the other features of |S|!(M − |S| − 1)!/M! · (f(S ∪ {i}) − f(S)). */
function bruteForceShapley(tree: Tree, row: Int32Array, m: number): number[] {
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  return Array.from({ length: m }, (_, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set(Array.from({ length: m }, (_, j) => j).filter((j) => mask & (1 << j)));
      const weight = (factorial(s.size) * factorial(m - s.size - 1)) / factorial(m);
      phi += weight * (conditional(tree, row, new Set([...s, i])) - conditional(tree, row, s));
    }
    return phi;
  });
}

// Depth 2: x0 at the root, then x1 on the left and x2 on the right (missing left there).
const distinct = handTree(
  [
    [0, 0, 0, 1, 2, 0, 100],
    [1, 0, 0, 3, 4, 0, 60],
    [2, 0, 1, 5, 6, 0, 40],
    [-1, 0, 0, -1, -1, 2.5, 45],
    [-1, 0, 0, -1, -1, -1, 15],
    [-1, 0, 0, -1, -1, 0.5, 10],
    [-1, 0, 0, -1, -1, 4, 30],
  ],
  2,
);
// x0 again below x0, and x1 under it: TreeSHAP must undo and redo x0's path element.
const repeated = handTree(
  [
    [0, 0, 1, 1, 2, 0, 80],
    [-1, 0, 0, -1, -1, -3, 30],
    [0, 1, 0, 3, 4, 0, 50],
    [1, 0, 0, 5, 6, 0, 20],
    [-1, 0, 0, -1, -1, 7, 30],
    [-1, 0, 0, -1, -1, 1, 5],
    [-1, 0, 0, -1, -1, -2, 15],
  ],
  3,
);

const everyRow = Array.from({ length: 27 }, (_, k) => Int32Array.from([k % 3, Math.floor(k / 3) % 3, Math.floor(k / 9)]));

describe("TreeSHAP", () => {
  for (const [name, tree] of [["three features", distinct], ["a feature split twice on a path", repeated]] as const) {
    it(`equals the Shapley values by subsets, on ${name}, for every row`, () => {
      const ws = createShapWorkspace(tree.depth);
      for (const row of everyRow) {
        const phi = new Float64Array(3);
        addTreeShap(tree, layout, row, phi, 1, ws);
        const exact = bruteForceShapley(tree, row, 3);
        phi.forEach((v, i) => expect(v, `row ${Array.from(row)}, feature ${i}`).toBeCloseTo(exact[i]!, 12));
        // Efficiency: the values take the mean output to the row's output.
        const sum = phi.reduce((a, b) => a + b, 0);
        expect(expectedValue(tree) + sum).toBeCloseTo(tree.value[leafOfRow(tree, layout, row)]!, 12);
      }
    });
  }

  it("scales and accumulates into the same vector", () => {
    const ws = createShapWorkspace(3);
    const row = Int32Array.from([1, 0, 2]);
    const once = new Float64Array(3);
    addTreeShap(repeated, layout, row, once, 1, ws);
    const twice = new Float64Array(3);
    addTreeShap(repeated, layout, row, twice, 0.5, ws);
    addTreeShap(repeated, layout, row, twice, 1.5, ws);
    twice.forEach((v, i) => expect(v).toBeCloseTo(2 * once[i]!, 12));
  });

  it("gives a feature the tree never splits on nothing", () => {
    const phi = new Float64Array(3);
    addTreeShap(repeated, layout, Int32Array.from([2, 1, 0]), phi, 1, createShapWorkspace(3));
    expect(phi[2]).toBe(0);
  });
});
