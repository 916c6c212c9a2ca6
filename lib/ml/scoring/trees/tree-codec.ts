// Trees and bins in and out of JSON. All trees of a model travel as one buffer per field (node arrays
// concatenated, with each tree's start), not one per tree: a 200-tree forest is then eleven base64 strings.
// Loading checks the structure (children after their parent and each reached once, splits on features and
// bins that exist), so a damaged model fails when loaded, not with an out-of-range read while scoring.
import { pack, unpackF64, unpackI32, type PackedArray } from "../../codec";
import { MlRangeError } from "../../errors";
import type { FeatureSchema } from "../features";
import type { BinMapper, FeatureBins } from "./binning";
import type { Tree } from "./tree";

const INT_FIELDS = ["feature", "threshold", "left", "right"] as const;
const REAL_FIELDS = ["value", "cover", "gain"] as const;

export function packTrees(trees: readonly Tree[]): Record<string, unknown> {
  const nodeStart = starts(trees.map((t) => t.feature.length));
  const catStart = starts(trees.map((t) => t.categories.length));
  const concat = <A extends Int32Array | Float64Array>(make: new (n: number) => A, get: (t: Tree) => ArrayLike<number>, total: number) => {
    const out = new make(total);
    let at = 0;
    for (const t of trees) {
      out.set(get(t), at);
      at += get(t).length;
    }
    return pack(out);
  };
  const nodes = nodeStart[trees.length]!;
  const out: Record<string, unknown> = { count: trees.length, nodeStart: pack(nodeStart), catStart: pack(catStart) };
  for (const f of INT_FIELDS) out[f] = concat(Int32Array, (t) => t[f], nodes);
  for (const f of REAL_FIELDS) out[f] = concat(Float64Array, (t) => t[f], nodes);
  out.missingLeft = concat(Int32Array, (t) => t.missingLeft, nodes);
  out.categories = concat(Int32Array, (t) => t.categories, catStart[trees.length]!);
  return out;
}

function starts(lengths: number[]): Int32Array {
  const out = new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => (out[i + 1] = out[i]! + n));
  return out;
}

export function unpackTrees(json: unknown, mapper: BinMapper, what: string): Tree[] {
  const o = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const count = o.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) throw new MlRangeError(`${what}: trees.count must be a whole number, got ${String(count)}`);
  const nodeStart = unpackI32(o.nodeStart as PackedArray, `${what}.trees.nodeStart`);
  const catStart = unpackI32(o.catStart as PackedArray, `${what}.trees.catStart`);
  const ints = Object.fromEntries(INT_FIELDS.map((f) => [f, unpackI32(o[f] as PackedArray, `${what}.trees.${f}`)]));
  const reals = Object.fromEntries(REAL_FIELDS.map((f) => [f, unpackF64(o[f] as PackedArray, `${what}.trees.${f}`)]));
  const missingLeft = unpackI32(o.missingLeft as PackedArray, `${what}.trees.missingLeft`);
  const categories = unpackI32(o.categories as PackedArray, `${what}.trees.categories`);
  const nodes = missingLeft.length;
  if (nodeStart.length !== count + 1 || catStart.length !== count + 1 || nodeStart[count] !== nodes || catStart[count] !== categories.length) {
    throw new MlRangeError(`${what}: tree starts do not match ${count} trees of ${nodes} nodes`);
  }
  for (const f of [...INT_FIELDS, ...REAL_FIELDS]) {
    const length = (ints[f] ?? reals[f])!.length;
    if (length !== nodes) throw new MlRangeError(`${what}: trees.${f} holds ${length} values for ${nodes} nodes`);
  }
  return Array.from({ length: count }, (_, t) => {
    const [a, b, ca, cb] = [nodeStart[t]!, nodeStart[t + 1]!, catStart[t]!, catStart[t + 1]!];
    if (!(b > a && cb >= ca)) throw new MlRangeError(`${what}: tree ${t} has no nodes`);
    const partial = {
      feature: ints.feature!.slice(a, b),
      threshold: ints.threshold!.slice(a, b),
      missingLeft: Uint8Array.from(missingLeft.subarray(a, b)),
      left: ints.left!.slice(a, b),
      right: ints.right!.slice(a, b),
      value: reals.value!.slice(a, b),
      cover: reals.cover!.slice(a, b),
      gain: reals.gain!.slice(a, b),
      categories: categories.slice(ca, cb),
    };
    return { ...partial, depth: checkTree(partial, mapper, `${what}: tree ${t}`) };
  });
}

/** Checks one tree's structure against the bins; returns its depth. */
function checkTree(t: Omit<Tree, "depth">, mapper: BinMapper, what: string): number {
  const n = t.feature.length;
  const depth = new Int32Array(n);
  const reached = new Uint8Array(n);
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && reached[i] !== 1) throw new MlRangeError(`${what}: node ${i} is not reached from the root`);
    if (!Number.isFinite(t.value[i]!) || !(t.cover[i]! > 0)) throw new MlRangeError(`${what}: node ${i} has value ${t.value[i]} and cover ${t.cover[i]}`);
    const f = t.feature[i]!;
    if (f < 0) continue;
    const fb: FeatureBins | undefined = mapper.features[f];
    if (!fb) throw new MlRangeError(`${what}: node ${i} splits on feature ${f} of ${mapper.features.length}`);
    const ok = fb.kind === "numeric" ? t.threshold[i]! >= 0 && t.threshold[i]! < fb.missingBin : t.threshold[i]! >= 0 && t.threshold[i]! + Math.ceil(fb.nBins / 32) <= t.categories.length;
    if (!ok) throw new MlRangeError(`${what}: node ${i} has threshold ${t.threshold[i]}, out of range for feature ${f}`);
    for (const c of [t.left[i]!, t.right[i]!]) {
      if (!(c > i && c < n) || reached[c] === 1) throw new MlRangeError(`${what}: node ${i} has a bad child ${c}`);
      reached[c] = 1;
      depth[c] = depth[i]! + 1;
      deepest = Math.max(deepest, depth[c]!);
    }
  }
  return deepest;
}

export function packBinMapper(mapper: BinMapper): unknown[] {
  return mapper.features.map((fb) =>
    fb.kind === "numeric" ? { kind: "numeric", thresholds: pack(fb.thresholds) } : { kind: "categorical", levelBins: pack(fb.levelBins), otherBin: fb.otherBin },
  );
}

/** Bins back from JSON, checked against the model's schema. */
export function unpackBinMapper(json: unknown, schema: readonly FeatureSchema[], what: string): BinMapper {
  if (!Array.isArray(json) || json.length !== schema.length) throw new MlRangeError(`${what}: expected bins for ${schema.length} features`);
  const features = json.map((raw: unknown, j): FeatureBins => {
    const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const s = schema[j]!;
    if (o.kind !== s.kind) throw new MlRangeError(`${what}: bins of feature ${j + 1} are ${String(o.kind)}, the schema says ${s.kind}`);
    if (s.kind === "numeric") {
      const thresholds = unpackF64(o.thresholds as PackedArray, `${what}.bins[${j}].thresholds`);
      if (thresholds.length > 254 || thresholds.some((v, i) => Number.isNaN(v) || (i > 0 && v <= thresholds[i - 1]!))) throw new MlRangeError(`${what}: feature ${j + 1} has bad thresholds`);
      return { kind: "numeric", thresholds, missingBin: thresholds.length + 1, nBins: thresholds.length + 2 };
    }
    const levelBins = unpackI32(o.levelBins as PackedArray, `${what}.bins[${j}].levelBins`);
    const otherBin = o.otherBin;
    if (typeof otherBin !== "number" || !Number.isInteger(otherBin) || otherBin < 0 || otherBin > 65533) throw new MlRangeError(`${what}: feature ${j + 1} has otherBin ${String(otherBin)}`);
    if (levelBins.length !== s.levels.length || levelBins.some((b) => b < 0 || b > otherBin)) throw new MlRangeError(`${what}: feature ${j + 1} has bad level bins`);
    return { kind: "categorical", levelBins, otherBin, missingBin: otherBin + 1, nBins: otherBin + 2 };
  });
  return { features };
}
