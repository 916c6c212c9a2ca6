import { describe, expect, it } from "vitest";
import type { CategoricalFeature, FeatureTable, NumericFeature } from "../features";
import { applyBins, binOffsets, binRow, fitBinMapper, type NumericBins } from "./binning";

const numeric = (values: number[], name = "x"): NumericFeature => ({ kind: "numeric", name, values: Float64Array.from(values) });
const categorical = (codes: number[], levels: string[], name = "c"): CategoricalFeature => ({ kind: "categorical", name, codes: Int32Array.from(codes), levels });
const table = (...features: (NumericFeature | CategoricalFeature)[]): FeatureTable => ({
  rows: features[0]!.kind === "numeric" ? features[0]!.values.length : features[0]!.codes.length,
  features,
});

describe("binning", () => {
  it("cuts few distinct values at their midpoints and gives NaN the last bin", () => {
    // scikit-learn 1.2.1: _BinMapper(n_bins=256).fit([[1], [2], [2], [3], [nan]]) → thresholds [1.5, 2.5], bins 0 1 1 2 and 255 (its fixed missing bin).
    const t = table(numeric([1, 2, 2, 3, NaN]));
    const mapper = fitBinMapper(t);
    const fb = mapper.features[0] as NumericBins;
    expect(Array.from(fb.thresholds)).toEqual([1.5, 2.5]);
    expect(fb.missingBin).toBe(3);
    expect(Array.from(applyBins(mapper, t).bins[0]!)).toEqual([0, 1, 1, 2, 3]);
  });

  it("cuts many distinct values at midpoint percentiles, as scikit-learn does", () => {
    // scikit-learn 1.2.1: _BinMapper(n_bins=5).fit(arange(10)) → thresholds [2.5, 4.5, 6.5] (max_bins 4).
    const fb = fitBinMapper(table(numeric([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])), { maxBins: 4 }).features[0] as NumericBins;
    expect(Array.from(fb.thresholds)).toEqual([2.5, 4.5, 6.5]);
    expect(fb.nBins).toBe(5);
  });

  it("drops repeated percentiles, so a value holding most rows is one bin", () => {
    // numpy 1.24: percentile([0]*8 + [1, 2, 3], [100/3, 200/3], method="midpoint") → [0, 0]; scikit-learn keeps both.
    const t = table(numeric([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]));
    const mapper = fitBinMapper(t, { maxBins: 3 });
    expect(Array.from((mapper.features[0] as NumericBins).thresholds)).toEqual([0]);
    expect(Array.from(applyBins(mapper, t).bins[0]!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it("fits on the given rows only, and bins new values by the thresholds", () => {
    const t = table(numeric([1, 2, 3, 100]));
    const mapper = fitBinMapper(t, {}, Int32Array.from([0, 1, 2]));
    expect(Array.from((mapper.features[0] as NumericBins).thresholds)).toEqual([1.5, 2.5]);
    const fresh = table(numeric([-5, 1.5, 1.6, 2.5, 1e9, Infinity, NaN]));
    expect(Array.from(applyBins(mapper, fresh).bins[0]!)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it("keeps the most frequent levels, pools the rest and unseen codes into other, and gives missing its own bin", () => {
    // a ×3, b ×1, c ×2, d ×0, one missing; two levels keep a bin: a → 0, c → 1, other 2, missing 3.
    const t = table(categorical([0, 0, 0, 1, 2, 2, -1], ["a", "b", "c", "d"]));
    const mapper = fitBinMapper(t, { maxCategories: 2 });
    expect(mapper.features[0]).toMatchObject({ kind: "categorical", otherBin: 2, missingBin: 3, nBins: 4 });
    expect(Array.from(applyBins(mapper, t).bins[0]!)).toEqual([0, 0, 0, 2, 1, 1, 3]);
    // Code 4 is a level appended after training ("e").
    const scoring = table(categorical([3, 4, 1, -1, 2], ["a", "b", "c", "d", "e"]));
    expect(Array.from(applyBins(mapper, scoring).bins[0]!)).toEqual([2, 2, 2, 3, 1]);
    expect(Array.from(binRow(mapper, scoring, 1, new Int32Array(1)))).toEqual([2]);
  });

  it("pools levels seen on fewer rows than minCategoryCount", () => {
    const mapper = fitBinMapper(table(categorical([0, 0, 1, 2, 2], ["a", "b", "c"])), { minCategoryCount: 2 });
    expect(Array.from((mapper.features[0] as { levelBins: Int32Array }).levelBins)).toEqual([0, 2, 1]);
  });

  it("uses two bytes a value only for a feature with more than 256 bins", () => {
    const levels = Array.from({ length: 300 }, (_, i) => `l${i}`);
    const t = table(categorical(levels.map((_, i) => i), levels), numeric(levels.map((_, i) => i)));
    const binned = applyBins(fitBinMapper(t, { maxCategories: 300 }), t);
    expect(binned.bins[0]).toBeInstanceOf(Uint16Array);
    expect(binned.bins[0]![299]).toBe(299);
    expect(binned.bins[1]).toBeInstanceOf(Uint8Array);
    expect(Array.from(binOffsets(fitBinMapper(t, { maxCategories: 300 })))).toEqual([0, 302, 302 + 256]);
  });

  it("refuses bad settings and tables, naming the value", () => {
    const t = table(numeric([1, 2]));
    expect(() => fitBinMapper(t, { maxBins: 1 })).toThrow("maxBins must be a whole number from 2 to 255, got 1");
    expect(() => fitBinMapper(t, { maxBins: 256 })).toThrow("maxBins must be a whole number from 2 to 255, got 256");
    expect(() => fitBinMapper(t, { maxCategories: 0 })).toThrow("maxCategories must be a whole number from 1 to 65533, got 0");
    const mapper = fitBinMapper(t);
    expect(() => applyBins(mapper, table(categorical([0, 0], ["a"], "x")))).toThrow('binning: feature 1 "x" is categorical, the bins were fitted on a numeric one');
    expect(() => binRow(mapper, t, 2, new Int32Array(1))).toThrow("row must be a whole number from 0 to 1, got 2");
  });
});
