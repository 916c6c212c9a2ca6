// The contract every recommender keeps, as one Vitest suite each algorithm's test file calls:
//   runRecommenderContract(itemKnn, { fitOptions: { neighbours: 5 } })
// On a checkerboard fixture (two taste groups, each user missing one item of their group) the missing item
// ranks first; seen and excluded items never come back; batch equals one-by-one; a fit is deterministic
// under a seed; the model survives a JSON round trip; every reason names only items the user really has.
import { expect, it } from "vitest";
import { DAY_MS } from "../time";
import { csrFromRows } from "./csr";
import { historyOf, recommend, recommendMany } from "./recommend";
import type { ModelHeader, Reason, Recommender, TrainingData } from "./types";

export interface ContractOptions<O> {
  fitOptions?: O;
  /** False for models that only re-rank the user's own items (buy-again) or ignore the user (popularity, trending). */
  ranksHeldOutFirst?: boolean;
  /** Override the training data built from the fixture (e.g. to add a log or segments). */
  data?: (base: TrainingData) => TrainingData;
}

/** 12 users × 10 items. Users 0–5 like items 0–4, users 6–11 like items 5–9; user u lacks item (u % 5) of its group. */
export function checkerboard(): { data: TrainingData; heldOut: number[] } {
  const rows: number[][] = [];
  const heldOut: number[] = [];
  for (let u = 0; u < 12; u++) {
    const base = u < 6 ? 0 : 5;
    const missing = base + (u % 5);
    heldOut.push(missing);
    rows.push([0, 1, 2, 3, 4].map((i) => base + i).filter((i) => i !== missing));
  }
  const matrix = csrFromRows(10, rows);
  const asOf = Date.UTC(2024, 0, 31);
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  rows.forEach((items, u) => items.forEach((i, k) => (user.push(u), item.push(i), time.push(asOf - (u + k + 1) * DAY_MS))));
  const words = ["garden hose watering", "garden spade soil", "garden seeds flowers", "garden gloves soil", "garden rake leaves", "kitchen knife steel", "kitchen pan steel", "kitchen spoon wooden", "kitchen bowl ceramic", "kitchen kettle steel"];
  return {
    heldOut,
    data: {
      matrix,
      log: { user: Int32Array.from(user), item: Int32Array.from(item), time: Float64Array.from(time), weight: new Float32Array(user.length).fill(1) },
      itemText: words,
      itemCategory: words.map((w) => w.split(" ")[0]!),
      userSegment: Int32Array.from({ length: 12 }, (_, u) => (u < 6 ? 0 : 1)),
      segmentNames: ["Gardeners", "Cooks"],
      asOf,
    },
  };
}

function reasonItems(r: Reason | null): number[] {
  if (!r) return [];
  switch (r.kind) {
    case "because-items":
      return [...r.items];
    case "content":
      return r.item === null ? [] : [r.item];
    case "blend":
      return r.parts.flatMap((p) => reasonItems(p.reason));
    case "fallback":
      return reasonItems(r.reason);
    default:
      return [];
  }
}

export function runRecommenderContract<M extends ModelHeader, O>(rec: Recommender<M, O>, options: ContractOptions<O> = {}): void {
  const fixture = checkerboard();
  const data = options.data ? options.data(fixture.data) : fixture.data;
  const fit = () => rec.fit(data, options.fitOptions);
  const users = Array.from({ length: 12 }, (_, u) => u);

  it(`${rec.name}: model header matches the data`, () => {
    const model = fit();
    expect(model.kind).toBe(rec.name);
    expect(model.users).toBe(12);
    expect(model.items).toBe(10);
  });

  if (options.ranksHeldOutFirst !== false) {
    it(`${rec.name}: the held-out item of each user's group ranks first`, () => {
      const model = fit();
      const firsts = users.map((u) => recommend(rec, model, u, historyOf(data.matrix, u), { n: 1 }).items[0]);
      expect(firsts).toEqual(fixture.heldOut);
    });
  }

  it(`${rec.name}: seen items never come back unless asked, excluded items never`, () => {
    const model = fit();
    const exclude = new Uint8Array(10);
    exclude[0] = 1;
    exclude[7] = 1;
    for (const u of users) {
      const h = historyOf(data.matrix, u);
      const got = Array.from(recommend(rec, model, u, h, { n: 10, exclude }).items);
      expect(got.filter((i) => exclude[i] || h.items.includes(i))).toEqual([]);
      const withSeen = Array.from(recommend(rec, model, u, h, { n: 10, exclude, excludeSeen: false }).items);
      expect(withSeen.filter((i) => exclude[i])).toEqual([]);
    }
  });

  it(`${rec.name}: scores come sorted, and batch equals one by one`, () => {
    const model = fit();
    const batch = recommendMany(rec, model, data.matrix, users, { n: 4, excludeSeen: false });
    users.forEach((u) => {
      const one = recommend(rec, model, u, historyOf(data.matrix, u), { n: 4, excludeSeen: false });
      expect(Array.from(batch[u]!.items)).toEqual(Array.from(one.items));
      expect(Array.from(batch[u]!.scores)).toEqual(Array.from(one.scores));
      const s = Array.from(one.scores);
      expect(s).toEqual([...s].sort((a, b) => b - a));
    });
  });

  it(`${rec.name}: fitting twice gives the same model, which survives JSON`, () => {
    const a = fit();
    const b = fit();
    expect(JSON.stringify(rec.toJSON(a))).toBe(JSON.stringify(rec.toJSON(b)));
    expect(() => rec.fromJSON({ kind: "nothing", version: 0 })).toThrow(RangeError);
    const back = rec.fromJSON(JSON.parse(JSON.stringify(rec.toJSON(a))));
    for (const u of users) {
      const h = historyOf(data.matrix, u);
      expect(Array.from(recommend(rec, back, u, h, { n: 5, excludeSeen: false }).items)).toEqual(Array.from(recommend(rec, a, u, h, { n: 5, excludeSeen: false }).items));
    }
  });

  it(`${rec.name}: a customer unseen in training gets finite or -Infinity scores, never NaN`, () => {
    const model = fit();
    const out = new Float32Array(10).fill(-Infinity);
    rec.score(model, 12, { items: new Int32Array(0), values: new Float32Array(0) }, out);
    expect(Array.from(out).filter((v) => Number.isNaN(v) || v === Infinity)).toEqual([]);
    const r = recommend(rec, model, 12, { items: Int32Array.from([0, 1]), values: Float32Array.from([1, 1]) }, { n: 3 });
    expect(Array.from(r.items).filter((i) => i === 0 || i === 1)).toEqual([]);
  });

  it(`${rec.name}: every reason names only items the user really has`, () => {
    const model = fit();
    for (const u of users) {
      const h = historyOf(data.matrix, u);
      const r = recommend(rec, model, u, h, { n: 5, excludeSeen: false });
      r.reasons.forEach((reason) => {
        const named = reasonItems(reason);
        expect(named.filter((i) => !h.items.includes(i))).toEqual([]);
      });
    }
  });
}
