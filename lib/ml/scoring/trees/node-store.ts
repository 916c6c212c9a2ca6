// The nodes of a tree being grown, in typed arrays sized for the most nodes the leaf limits allow, cut to
// length when the tree is done.
import type { Tree } from "./tree";

interface SplitFields {
  readonly gain: number;
  readonly feature: number;
  readonly threshold: number;
  readonly missingLeft: boolean;
  readonly catBins: Int32Array | null;
}

export interface NodeStore {
  readonly cover: Float64Array;
  /** A new leaf with gradient sum g, hessian sum h and c rows; its value is the Newton step −g / (h + l2). */
  add(g: number, h: number, c: number, depth: number, l2: number): number;
  g(id: number): number;
  h(id: number): number;
  setSplit(id: number, split: SplitFields, left: number, right: number, nBins: number): void;
  finish(): Tree;
}

export function createNodeStore(capacity: number): NodeStore {
  const feature = new Int32Array(capacity).fill(-1);
  const threshold = new Int32Array(capacity);
  const missingLeft = new Uint8Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const value = new Float64Array(capacity);
  const cover = new Float64Array(capacity);
  const gain = new Float64Array(capacity);
  const gSum = new Float64Array(capacity);
  const hSum = new Float64Array(capacity);
  const categories: number[] = [];
  let count = 0;
  let depth = 0;
  return {
    cover,
    add(g, h, c, d, l2) {
      const id = count++;
      gSum[id] = g;
      hSum[id] = h;
      cover[id] = c;
      // A node whose hessians vanished (saturated probabilities) moves nothing rather than dividing by 0;
      // + 0 turns the −0 of a zero gradient sum into 0.
      value[id] = h + l2 > 0 ? -g / (h + l2) + 0 : 0;
      depth = Math.max(depth, d);
      return id;
    },
    g: (id) => gSum[id]!,
    h: (id) => hSum[id]!,
    setSplit(id, split, l, r, nBins) {
      feature[id] = split.feature;
      gain[id] = split.gain;
      left[id] = l;
      right[id] = r;
      if (split.catBins) {
        threshold[id] = categories.length;
        const words = new Array<number>(Math.ceil(nBins / 32)).fill(0);
        for (const b of split.catBins) words[b >>> 5]! |= 1 << (b & 31);
        categories.push(...words);
      } else {
        threshold[id] = split.threshold;
        missingLeft[id] = split.missingLeft ? 1 : 0;
      }
    },
    finish: () => ({
      feature: feature.slice(0, count),
      threshold: threshold.slice(0, count),
      missingLeft: missingLeft.slice(0, count),
      left: left.slice(0, count),
      right: right.slice(0, count),
      value: value.slice(0, count),
      cover: cover.slice(0, count),
      gain: gain.slice(0, count),
      categories: Int32Array.from(categories),
      depth,
    }),
  };
}
