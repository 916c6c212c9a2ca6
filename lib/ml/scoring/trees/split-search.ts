// The best split of one node from its histograms, by the second-order gain of XGBoost, LightGBM and
// scikit-learn: G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ). Numerics: every threshold between bins, once with the
// missing bin on the right and once on the left, so missing values learn their side (with none in the node,
// they go with the larger child, as scikit-learn sends them). Categoricals: LightGBM's native split, the bins
// sorted by G/(H + catSmooth) and every prefix from either end tried as the left set; bins with fewer than
// `minCategorySupport` rows are not sorted and stay right, with levels never seen in training.
import type { BinMapper } from "./binning";

export interface SplitParams {
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
  readonly l2: number;
  readonly catSmooth: number;
  readonly minCategorySupport: number;
}

/** A node's best split so far; reused across searches, copied out when kept. */
export interface SplitRecord {
  gain: number;
  feature: number;
  /** Numeric: the last bin going left. */
  threshold: number;
  missingLeft: boolean;
  isCategorical: boolean;
  /** Categorical: catBins[0..catCount) go left. */
  readonly catBins: Int32Array;
  catCount: number;
  gLeft: number;
  hLeft: number;
  cLeft: number;
}

/** Gains at or below this are float noise from subtracting histograms, not structure. */
const MIN_GAIN = 1e-12;

export interface SplitSearch {
  readonly record: SplitRecord;
  /** Searches features[0..count) of the node with totals (g, h, c); true when some split has positive gain. */
  search(hist: Float64Array, features: Int32Array, count: number, g: number, h: number, c: number): boolean;
}

export function createSplitSearch(mapper: BinMapper, offsets: Int32Array, p: SplitParams): SplitSearch {
  const maxBins = mapper.features.reduce((m, f) => Math.max(m, f.nBins), 0);
  const record: SplitRecord = { gain: 0, feature: -1, threshold: -1, missingLeft: false, isCategorical: false, catBins: new Int32Array(maxBins), catCount: 0, gLeft: 0, hLeft: 0, cLeft: 0 };
  const order = new Int32Array(maxBins);
  const keys = new Float64Array(maxBins);
  const { minSamplesLeaf, minHessianLeaf, l2 } = p;
  let G = 0;
  let H = 0;
  let C = 0;
  let parentScore = 0;

  /** The gain of sending (gl, hl, cl) left, or −1 when a side breaks the leaf limits. */
  const gainOf = (gl: number, hl: number, cl: number): number => {
    const cr = C - cl;
    const hr = H - hl;
    if (cl < minSamplesLeaf || cr < minSamplesLeaf || hl < minHessianLeaf || hr < minHessianLeaf) return -1;
    const gr = G - gl;
    return (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
  };

  const keep = (gain: number, f: number, gl: number, hl: number, cl: number) => {
    record.gain = gain;
    record.feature = f;
    record.gLeft = gl;
    record.hLeft = hl;
    record.cLeft = cl;
  };

  const scanNumeric = (hist: Float64Array, f: number, base: number, valueBins: number) => {
    const m = base + valueBins * 3;
    const cm = hist[m + 2]!;
    for (let pass = 0; pass < (cm > 0 ? 2 : 1); pass++) {
      const withMissing = pass === 1;
      let gl = withMissing ? hist[m]! : 0;
      let hl = withMissing ? hist[m + 1]! : 0;
      let cl = withMissing ? cm : 0;
      // With missing on the right, "every value left" is the split "missing or not".
      const last = withMissing || cm === 0 ? valueBins - 1 : valueBins;
      for (let t = 0; t < last; t++) {
        const b = base + t * 3;
        if (hist[b + 2] === 0) continue;
        gl += hist[b]!;
        hl += hist[b + 1]!;
        cl += hist[b + 2]!;
        if (C - cl < minSamplesLeaf) break;
        const gain = gainOf(gl, hl, cl);
        if (gain > record.gain + MIN_GAIN) {
          keep(gain, f, gl, hl, cl);
          record.isCategorical = false;
          record.threshold = t;
          record.missingLeft = withMissing || (cm === 0 && cl >= C - cl);
        }
      }
    }
  };

  const scanCategorical = (hist: Float64Array, f: number, base: number, nBins: number) => {
    let used = 0;
    let cUsed = 0;
    for (let b = 0; b < nBins; b++) {
      const c = hist[base + b * 3 + 2]!;
      if (c === 0 || c < p.minCategorySupport) continue;
      keys[b] = hist[base + b * 3]! / (hist[base + b * 3 + 1]! + p.catSmooth);
      // Insertion sort: a node has a handful of category bins, and ties keep bin order.
      let at = used++;
      while (at > 0 && keys[order[at - 1]!]! > keys[b]!) order[at] = order[--at]!;
      order[at] = b;
      cUsed += c;
    }
    // Prefixes from the high end differ from the low end's only when unsorted rows exist to stay right.
    for (let pass = 0; pass < (cUsed < C ? 2 : 1); pass++) {
      const fromHigh = pass === 1;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let k = 0; k < used; k++) {
        const b = base + order[fromHigh ? used - 1 - k : k]! * 3;
        gl += hist[b]!;
        hl += hist[b + 1]!;
        cl += hist[b + 2]!;
        const gain = gainOf(gl, hl, cl);
        if (gain > record.gain + MIN_GAIN) {
          keep(gain, f, gl, hl, cl);
          record.isCategorical = true;
          record.catCount = k + 1;
          for (let i = 0; i <= k; i++) record.catBins[i] = order[fromHigh ? used - 1 - i : i]!;
        }
      }
    }
  };

  return {
    record,
    search(hist, features, count, g, h, c) {
      G = g;
      H = h;
      C = c;
      parentScore = (G * G) / (H + l2);
      record.gain = 0;
      record.feature = -1;
      for (let j = 0; j < count; j++) {
        const f = features[j]!;
        const fb = mapper.features[f]!;
        if (fb.kind === "numeric") scanNumeric(hist, f, offsets[f]! * 3, fb.missingBin);
        else scanCategorical(hist, f, offsets[f]! * 3, fb.nBins);
      }
      return record.feature >= 0;
    },
  };
}
