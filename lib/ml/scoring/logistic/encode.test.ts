import { describe, expect, it } from "vitest";
import { describeColumns, encodeTable, exclusiveGroups, fitEncoder, hashBucket } from "./encode";
import { murmur3 } from "./hash";
import { categorical, numeric } from "./test-tables";
import { schemaOf, type FeatureTable } from "../features";

const table = (...features: FeatureTable["features"]): FeatureTable => ({ rows: features[0]!.kind === "numeric" ? features[0]!.values.length : features[0]!.codes.length, features });

/** The encoded rows as dense arrays, for exact comparisons. */
function dense(enc: ReturnType<typeof fitEncoder>, t: FeatureTable): number[][] {
  const csr = encodeTable(enc, t);
  return Array.from({ length: csr.rows }, (_, i) => {
    const row = new Array<number>(csr.cols).fill(0);
    for (let k = csr.indptr[i]!; k < csr.indptr[i + 1]!; k++) row[csr.indices[k]!]! += csr.values[k]!;
    return row;
  });
}

describe("fitEncoder and encodeTable", () => {
  it("standardises numerics with the training mean and population sd", () => {
    // mean 2.5, sd √1.25 over 1, 2, 3, 4.
    const t = table(numeric("x", [1, 2, 3, 4]));
    const enc = fitEncoder(t);
    const s = Math.sqrt(1.25);
    expect(dense(enc, t).map((r) => r[0]! * s)).toEqual([-1.5, -0.5, 0.5, 1.5]);
    expect(dense(enc, table(numeric("x", [7])))).toEqual([[4.5 / s]]);
  });

  it("puts a missing numeric at the mean with an indicator, only where training had missing values", () => {
    const t = table(numeric("x", [1, Number.NaN, 3]), numeric("z", [0, 2, 4]));
    const enc = fitEncoder(t);
    // x: mean 2, sd 1 over the two present values; its indicator is column 1; z has none.
    expect(describeColumns(enc, schemaOf(t))).toEqual([
      { feature: "x", kind: "numeric" },
      { feature: "x", kind: "missing" },
      { feature: "z", kind: "numeric" },
    ]);
    const sz = Math.sqrt(8 / 3);
    expect(dense(enc, table(numeric("x", [Number.NaN, 2]), numeric("z", [Number.NaN, 2])))).toEqual([
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(dense(enc, t)[2]).toEqual([1, 0, 2 / sz]);
  });

  it("gives a constant numeric no column", () => {
    const enc = fitEncoder(table(numeric("c", [5, 5, 5]), numeric("x", [0, 1, 2])));
    expect(enc.cols).toBe(1);
    expect(enc.features[0]).toMatchObject({ kind: "numeric", column: -1, missingColumn: -1 });
  });

  it("one-hot encodes, pooling rare and unseen levels into other, missing in its own column when trained on", () => {
    // a ×3, b ×3, c ×1 (rare), missing ×1, with minLevelCount 2.
    const t = table(categorical("k", ["a", "b", "c"], [0, 0, 0, 1, 1, 1, 2, -1]));
    const enc = fitEncoder(t, { minLevelCount: 2 });
    expect(describeColumns(enc, schemaOf(t))).toEqual([
      { feature: "k", level: "a", kind: "level" },
      { feature: "k", level: "b", kind: "level" },
      { feature: "k", kind: "other" },
      { feature: "k", kind: "missing" },
    ]);
    // A scoring table may append "d" (unseen): it goes to other with c.
    const scoring = table(categorical("k", ["a", "b", "c", "d"], [1, 2, 3, -1]));
    expect(dense(enc, scoring)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it("sends a missing value unseen in training to other, and adds nothing when there is no other column", () => {
    const pooled = fitEncoder(table(categorical("k", ["a", "b"], [0, 0, 1])), { minLevelCount: 2 });
    expect(dense(pooled, table(categorical("k", ["a", "b"], [-1])))).toEqual([[0, 1]]);
    const full = fitEncoder(table(categorical("k", ["a", "b"], [0, 1])), { minLevelCount: 1 });
    expect(dense(full, table(categorical("k", ["a", "b", "new"], [-1, 2, 1])))).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });

  it("hashes features with more than maxOneHotLevels frequent levels as name=value into shared buckets", () => {
    const t = table(categorical("site", ["s1", "s2", "s3"], [0, 1, 2, -1]), categorical("app", ["a1", "a2", "a3"], [2, 2, 0, 1]), numeric("x", [0, 1, 2, 3]));
    const enc = fitEncoder(t, { maxOneHotLevels: 2, minLevelCount: 1, hashBuckets: 1024 });
    expect(enc).toMatchObject({ cols: 1 + 1024, hashOffset: 1, hashBuckets: 1024 });
    const csr = encodeTable(enc, t);
    // Entries in feature order: site=s1, app=a3, then x; buckets come after the one numeric column.
    expect(Array.from(csr.indices.subarray(0, 3))).toEqual([1 + (murmur3("site=s1") % 1024), 1 + (murmur3("app=a3") % 1024), 0]);
    expect(csr.indices[csr.indptr[3]!]).toBe(1 + hashBucket("site", null, 1024));
    expect(describeColumns(enc, schemaOf(t))[1]).toEqual({ feature: "site, app", level: "bucket 0", kind: "hashed" });
  });

  it("hashes the same strings to the same buckets whatever the level order", () => {
    const a = table(categorical("id", ["x", "y", "z"], [0, 1, 2, 1]));
    const b = table(categorical("id", ["z", "x", "y"], [1, 2, 0, 2]));
    const enc = fitEncoder(a, { maxOneHotLevels: 1, minLevelCount: 1, hashBuckets: 64 });
    expect(encodeTable(enc, b).indices).toEqual(encodeTable(enc, a).indices);
    expect(encodeTable(fitEncoder(b, { maxOneHotLevels: 1, minLevelCount: 1, hashBuckets: 64 }), b).indices).toEqual(encodeTable(enc, a).indices);
  });

  it("names the column groups that always sum to the same count per row", () => {
    const t = table(numeric("x", [1, 2, 3]), categorical("k", ["a", "b"], [0, 1, 1]), categorical("h", ["p", "q", "r"], [0, 1, 2]), categorical("g", ["s", "t", "u"], [0, 1, 2]));
    const enc = fitEncoder(t, { minLevelCount: 1, maxOneHotLevels: 2, hashBuckets: 4 });
    expect(exclusiveGroups(enc).map((g) => ({ columns: Array.from(g.columns), perRow: g.perRow }))).toEqual([
      { columns: [1, 2], perRow: 1 },
      { columns: [3, 4, 5, 6], perRow: 2 },
    ]);
  });

  it("refuses codes outside the levels, infinite values and bad settings, naming them", () => {
    expect(() => fitEncoder(table(categorical("k", ["a"], [0, 1])))).toThrow('feature "k" has code 1 at row 1, outside its 1 levels');
    expect(() => fitEncoder(table(numeric("x", [1, Number.POSITIVE_INFINITY])))).toThrow('feature "x" has Infinity at row 1; use NaN for a missing value');
    expect(() => fitEncoder(table(numeric("x", [1])), { hashBuckets: 0 })).toThrow("hashBuckets must be a whole number of at least 1, got 0");
    const enc = fitEncoder(table(categorical("k", ["a"], [0])));
    expect(() => encodeTable(enc, table(categorical("k", ["a"], [-2])))).toThrow('feature "k" has code -2 at row 0, outside its 1 levels');
    expect(() => encodeTable(enc, table(numeric("k", [1])))).toThrow('feature 1 is numeric "k", the encoder expects categorical "k"');
  });
});

describe("murmur3", () => {
  it("gives scikit-learn's murmurhash3_32(s, seed=0, positive=True) on UTF-8", () => {
    // scikit-learn 1.2.1: sklearn.utils.murmurhash3_32(s, seed=0, positive=True)
    expect(murmur3("")).toBe(0);
    expect(murmur3("hello")).toBe(613153351);
    expect(murmur3("job=admin.")).toBe(4207565012);
    expect(murmur3("café=naïve")).toBe(916973800);
    expect(murmur3("site_id=1fbe01fe")).toBe(81089446);
  });
});
