import { describe, expect, it } from "vitest";
import { content } from "./content";
import { runRecommenderContract } from "./contract-suite";
import { csrFromRows } from "./csr";
import { recommend } from "./recommend";
import type { TrainingData, UserHistory } from "./types";

describe("content contract", () => {
  runRecommenderContract(content);
});

// Five items, n = 5: "apple" and "red" are in two texts (idf ln 2 + 1), the other words in one (ln 3 + 1).
// Item 4 has no text; nobody has bought item 2.
const texts = ["Red apple", "green apple", "red car", "blue sky", ""];
const data: TrainingData = { matrix: csrFromRows(5, [[0], [0, 1], []]), itemText: texts };
const history = (items: number[], values = items.map(() => 1)): UserHistory => ({ items: Int32Array.from(items), values: Float32Array.from(values) });
const common = Math.log(2) + 1;
const rare = Math.log(3) + 1;

describe("content by hand", () => {
  it("scores the cosine of the profile with each item, text-less items -Infinity", () => {
    const out = new Float32Array(5);
    content.score(content.fit(data), 0, history([0]), out);
    // Profile = v0 = (apple, red)/√2; items 1 and 2 share one common word with it.
    const shared = Math.SQRT1_2 * (common / Math.hypot(common, rare));
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(shared, 6);
    expect(out[2]).toBeCloseTo(shared, 6);
    expect(out[3]).toBe(0);
    expect(out[4]).toBe(-Infinity);
  });

  it("recommends an item nobody has bought, with the owned item and the words it shares", () => {
    const model = content.fit(data);
    const r = recommend(content, model, 1, history([0, 1]), { n: 2 });
    expect(Array.from(r.items)).toEqual([2, 3]);
    expect(r.reasons[0]).toEqual({ kind: "content", item: 0, keywords: ["red"] });
    expect(r.reasons[1]).toEqual({ kind: "content", item: null, keywords: [] });
  });

  it("weights the profile by the history's values", () => {
    const model = content.fit(data);
    const top = (values: number[]) => recommend(content, model, 0, history([1, 2], values), { n: 1, excludeSeen: false }).items[0];
    expect(top([3, 1])).toBe(1);
    expect(top([1, 3])).toBe(2);
  });

  it("keywords: the three largest profile × item weights, largest first", () => {
    const model = content.fit({ matrix: csrFromRows(2, [[0]]), itemText: ["oak table oak chair wax", "oak table chair wax polish"] });
    const reason = content.explain(model, 0, history([0]), 1);
    expect(reason).toEqual({ kind: "content", item: 0, keywords: ["oak", "chair", "table"] });
  });

  it("gives a user with no history nothing (-Infinity), for the hybrid to fall back", () => {
    const out = new Float32Array(5);
    content.score(content.fit(data), 2, history([]), out);
    expect(Array.from(out).every((s) => s === -Infinity)).toBe(true);
    expect(content.explain(content.fit(data), 2, history([]), 1)).toBeNull();
  });

  it("needs one text per item", () => {
    expect(() => content.fit({ matrix: data.matrix })).toThrow("content: data.itemText is missing; the content recommender needs one text per item");
    expect(() => content.fit({ ...data, itemText: texts.slice(1) })).toThrow("content: data.itemText has 4 texts for 5 items");
    expect(() => content.fit(data, { minDocumentFrequency: 1.5 })).toThrow("minDocumentFrequency must be a whole number of at least 1, got 1.5");
  });

  it("refuses a model whose vectors do not match its items", () => {
    const json = { ...(content.toJSON(content.fit(data)) as object), items: 4 };
    expect(() => content.fromJSON(json)).toThrow("content.vectors: expected 4 × 6, got 5 × 6");
  });
});
