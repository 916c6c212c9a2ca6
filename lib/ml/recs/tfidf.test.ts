import { describe, expect, it } from "vitest";
import { rowIndices, rowValues } from "./csr";
import { fitTfidf, tokenize } from "./tfidf";

describe("tokenize", () => {
  it("lower-cases runs of letters and digits in any script, dropping stop words and single characters", () => {
    expect(tokenize("Crème Brûlée, 2x GRÖSSE! a I the ﬁlter — 日本茶/tea")).toEqual(["crème", "brûlée", "2x", "grösse", "filter", "日本茶", "tea"]);
  });
  it("takes another stop-word list", () => {
    expect(tokenize("der rote Apfel", new Set(["der"]))).toEqual(["rote", "apfel"]);
  });
});

describe("fitTfidf", () => {
  it("weights raw counts by smooth idf ln((1 + n) / (1 + df)) + 1 and scales rows to unit length", () => {
    const { terms, idf, vectors } = fitTfidf(["red apple", "green apple", "red car"]);
    expect(terms).toEqual(["apple", "car", "green", "red"]);
    const common = Math.log(4 / 3) + 1;
    const rare = Math.log(2) + 1;
    expect(Array.from(idf)).toEqual([common, rare, rare, common]);
    expect(Array.from(rowIndices(vectors, 0))).toEqual([0, 3]);
    Array.from(rowValues(vectors, 0)).forEach((v) => expect(v).toBeCloseTo(Math.SQRT1_2, 6));
    const norm = Math.hypot(common, rare);
    expect(Array.from(rowIndices(vectors, 1))).toEqual([0, 2]);
    expect(rowValues(vectors, 1)[0]).toBeCloseTo(common / norm, 6);
    expect(rowValues(vectors, 1)[1]).toBeCloseTo(rare / norm, 6);
  });

  it("counts a repeated word, and leaves a text with no words as an empty row", () => {
    const { terms, vectors } = fitTfidf(["tea tea cup", "tea", "the a"]);
    expect(terms).toEqual(["cup", "tea"]);
    // idf: cup ln(4/2) + 1, tea ln(4/3) + 1; row 0 = (1·idf_cup, 2·idf_tea), normalised.
    const cup = Math.log(2) + 1;
    const tea = 2 * (Math.log(4 / 3) + 1);
    expect(rowValues(vectors, 0)[1]).toBeCloseTo(tea / Math.hypot(cup, tea), 6);
    expect(rowIndices(vectors, 2)).toHaveLength(0);
  });

  it("drops terms in fewer items than minDocumentFrequency, and names a bad value", () => {
    expect(fitTfidf(["red apple", "green apple", "red car"], { minDocumentFrequency: 2 }).terms).toEqual(["apple", "red"]);
    expect(() => fitTfidf(["x"], { minDocumentFrequency: 0 })).toThrow("minDocumentFrequency must be a whole number of at least 1, got 0");
  });
});
