import { describe, expect, it } from "vitest";
import { checkerboard, runRecommenderContract } from "./contract-suite";
import { historyOf, recommend } from "./recommend";
import { hybrid } from "./hybrid";

describe("hybrid", () => {
  runRecommenderContract(hybrid, { fitOptions: { weights: { "item-knn": 1, "buy-again": 0.5, content: 0.2 } } });

  const { data } = checkerboard();

  it("blends parts scaled to 0..1 per customer, and says how much each part gave", () => {
    const model = hybrid.fit(data, { weights: { "item-knn": 1, popularity: 1 } });
    const r = recommend(hybrid, model, 0, historyOf(data.matrix, 0), { n: 1 });
    // User 0 lacks item 0 of its group; item-kNN scores it top (scaled 1); popularity: item 0 is held by 4
    // of 12 users, item 5 by 5 (the best, scaled 1), so item 0 gets 4/5 and the blend 1 + 0.8 = 1.8.
    expect(Array.from(r.items)).toEqual([0]);
    expect(r.scores[0]).toBeCloseTo(1.8, 5);
    const reason = r.reasons[0]!;
    expect(reason.kind).toBe("blend");
    if (reason.kind !== "blend") return;
    expect(reason.parts.map((p) => p.algorithm)).toEqual(["item-knn", "popularity"]);
    expect(reason.parts[0]!.share).toBeCloseTo(1 / 1.8, 5);
    expect(reason.parts[0]!.reason?.kind).toBe("because-items");
  });

  it("falls back to the segment's best sellers for a customer with no history, and says so", () => {
    const model = hybrid.fit(data, { weights: { "item-knn": 1 } });
    const r = recommend(hybrid, model, 3, { items: new Int32Array(0), values: new Float32Array(0) }, { n: 2 });
    // User 3 is a gardener (segment 0): garden items 0–4 are each held by 4 or 5 of the 6 gardeners.
    expect(Array.from(r.items).every((i) => i < 5)).toBe(true);
    expect(r.reasons[0]).toMatchObject({ kind: "fallback", why: "no purchase history yet, so best sellers stand in", reason: { kind: "popular", scope: "segment", segment: "Gardeners" } });
  });

  it("refuses unknown parts and all-zero weights", () => {
    expect(() => hybrid.fit(data, { weights: { magic: 1 } as never })).toThrow('hybrid: unknown part "magic"');
    expect(() => hybrid.fit(data, { weights: { "item-knn": 0 } })).toThrow("hybrid: give at least one part a weight above 0");
    expect(() => hybrid.fit(data, { weights: { "item-knn": -1 } })).toThrow("the weight of item-knn must be a finite number of at least 0, got -1");
  });
});

describe("hybrid cold start from the customer's profile", () => {
  const { data } = checkerboard();
  const withProfiles = { ...data, userAttributes: Array.from({ length: 12 }, (_, u) => (u < 6 ? ["hobby: garden", `id: ${u}`] : ["hobby: kitchen", `id: ${u}`])) };

  it("offers what customers with the same profile chose, and says which attributes", () => {
    const model = hybrid.fit(withProfiles, { weights: { "item-knn": 1 } });
    // Unique tokens (ids) are carried by one customer each: too rare to keep.
    expect(model.profile!.tokens).toEqual(["hobby: garden", "hobby: kitchen"]);
    const r = recommend(hybrid, model, -1, { items: new Int32Array(0), values: new Float32Array(0), attributes: ["hobby: kitchen", "colour: blue"] }, { n: 5 });
    expect(Array.from(r.items).sort()).toEqual([5, 6, 7, 8, 9]);
    // Items 5, 7, 8 and 9 are each held by 5 of the 6 cooks (user 10 lacks 5; users 6 and 11 lack 6): ties go to 5.
    expect(r.reasons[0]).toEqual({ kind: "fallback", why: "no purchase history yet, so what customers with the same profile chose stands in", reason: { kind: "similar-profile", attributes: ["hobby: kitchen"], customers: 5 } });
    expect(r.scores[0]).toBeCloseTo(1 + 5 / 6, 6);
  });

  it("fills the list with best sellers when exclusions remove what the profile chose", () => {
    const model = hybrid.fit(withProfiles, { weights: { "item-knn": 1 } });
    const exclude = new Uint8Array(10);
    for (const i of [5, 6, 7, 8, 9]) exclude[i] = 1;
    const r = recommend(hybrid, model, -1, { items: new Int32Array(0), values: new Float32Array(0), attributes: ["hobby: kitchen"] }, { n: 3, exclude });
    expect(r.items.length).toBe(3);
    expect(r.reasons[0]).toMatchObject({ kind: "fallback", why: "no purchase history yet, so best sellers stand in" });
  });

  it("falls back to best sellers when none of the profile is known, and survives JSON", () => {
    const model = hybrid.fromJSON(JSON.parse(JSON.stringify(hybrid.toJSON(hybrid.fit(withProfiles, { weights: { "item-knn": 1 } })))));
    const r = recommend(hybrid, model, -1, { items: new Int32Array(0), values: new Float32Array(0), attributes: ["colour: blue"] }, { n: 1 });
    expect(r.reasons[0]).toMatchObject({ kind: "fallback", why: "no purchase history yet, so best sellers stand in" });
  });
});

describe("profile tokens", () => {
  it("name each known field, leave out empty and long values, and band ages", async () => {
    const { ageBand, profileTokens } = await import("./profile");
    expect(profileTokens({ country: "Italy", gender: "F", vip: true, note: "", code: "x".repeat(41), age: ageBand(34) })).toEqual(["country: Italy", "gender: F", "vip: yes", "age: 30–39"]);
    expect(ageBand(null)).toBeNull();
  });
});

describe("profile model", () => {
  it("drops fields with too many values to describe a group", async () => {
    const { fitProfile } = await import("./profile");
    const { data } = checkerboard();
    // 12 customers, each with their own postcode among 250 values (many shared): over 200 values, dropped.
    const attrs = Array.from({ length: 12 }, (_, u) => [`hobby: ${u < 6 ? "garden" : "kitchen"}`]);
    const many = Array.from({ length: 250 }, (_, v) => v);
    const big = { ...data, matrix: data.matrix, userAttributes: attrs.map((a, u) => [...a, ...many.filter((v) => v % 12 === u).map((v) => `postcode: ${v}`), `postcode: shared${u % 2}`]) };
    const model = fitProfile(big, { minCarriers: 5 });
    expect(model.tokens).toEqual(["hobby: garden", "hobby: kitchen"]);
  });
});
