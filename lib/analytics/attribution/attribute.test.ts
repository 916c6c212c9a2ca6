import { describe, expect, it } from "vitest";
import { attribute } from "./attribute";
import { identity, purchasesOf, randomData, touchesOf } from "./fixtures";
import { buildJourneys, summariseJourneys } from "./journeys";
import { ATTRIBUTION_MODELS, DEFAULT_ATTRIBUTION_SETTINGS as D, withDefaults, type AttributionModel } from "./settings";
import type { Credit, Journeys } from "./types";

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

/** Every model hands out exactly the attributed totals, and nothing negative (revenue here is positive). */
function expectConserved(j: Journeys, c: Credit) {
  const s = summariseJourneys(j);
  expect(sum(c.purchases)).toBeCloseTo(s.attributedPurchases, 8);
  expect(Math.abs(sum(c.revenue) - s.attributedRevenue)).toBeLessThan(1e-9 * Math.max(1, s.attributedRevenue));
  expect(c.purchases.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  expect(c.revenue.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
}

// 8 campaigns in 3 channels: campaign k → channel k % 3.
const CAMPAIGNS = 8;
const byCampaign = identity(CAMPAIGNS);
const byChannel = Int32Array.from({ length: CAMPAIGNS }, (_, k) => k % 3);

describe("attribute conserves totals", () => {
  for (const includeImpressions of [false, true]) {
    it(`for every model and both mappings on seeded random data (impressions ${includeImpressions ? "on" : "off"})`, () => {
      const settings = withDefaults({ includeImpressions, halfLifeDays: 3 });
      for (const seed of [1, 2, 3]) {
        const { touches, purchases } = randomData(seed, 500, CAMPAIGNS);
        const j = buildJourneys(touches, purchases, settings);
        const s = summariseJourneys(j);
        expect(s.attributedPurchases).toBeGreaterThan(50); // the data exercises the models
        expect(s.unattributedPurchases).toBeGreaterThan(0);
        expect(s.attributedPurchases + s.unattributedPurchases).toBe(purchases.time.length);
        expect(s.attributedRevenue + s.unattributedRevenue).toBeCloseTo(sum(purchases.revenue), 6);
        for (const model of ATTRIBUTION_MODELS) {
          expectConserved(j, attribute(j, model, settings, byCampaign, CAMPAIGNS));
          expectConserved(j, attribute(j, model, settings, byChannel, 3));
        }
      }
    });
  }

  it("adds heuristic campaign credit up to channel credit, which Markov need not do", () => {
    const { touches, purchases } = randomData(4, 500, CAMPAIGNS);
    const j = buildJourneys(touches, purchases, D);
    for (const model of ATTRIBUTION_MODELS.filter((m) => m !== "markov")) {
      const campaigns = attribute(j, model, D, byCampaign, CAMPAIGNS);
      const channels = attribute(j, model, D, byChannel, 3);
      for (let ch = 0; ch < 3; ch++) {
        const summed = campaigns.revenue.reduce((s, v, k) => (k % 3 === ch ? s + v : s), 0);
        expect(channels.revenue[ch]).toBeCloseTo(summed, 8);
      }
    }
  });

  it("conserves at ~100k touches", () => {
    // A sanity run at size, without a timing assertion (timings belong in BENCHMARKS.md, not in CI).
    const { touches, purchases } = randomData(9, 33_000, CAMPAIGNS);
    expect(touches.time.length).toBeGreaterThan(90_000);
    const settings = withDefaults({ includeImpressions: true });
    const j = buildJourneys(touches, purchases, settings);
    for (const model of ATTRIBUTION_MODELS) {
      expectConserved(j, attribute(j, model, settings, byCampaign, CAMPAIGNS));
      expectConserved(j, attribute(j, model, settings, byChannel, 3));
    }
  });
});

describe("attribute input", () => {
  it("gives zero credit, not NaN, for empty input", () => {
    const j = buildJourneys(touchesOf([]), purchasesOf([]), D);
    for (const model of ATTRIBUTION_MODELS) {
      const c = attribute(j, model, D, byCampaign, CAMPAIGNS);
      expect(Array.from(c.purchases).concat(Array.from(c.revenue))).toEqual(new Array(2 * CAMPAIGNS).fill(0));
    }
    expect(attribute(j, "markov", D, new Int32Array(0), 0)).toEqual({ purchases: new Float64Array(0), revenue: new Float64Array(0) });
  });

  it("names a stateOf that does not cover the campaigns or maps outside the states", () => {
    const j = buildJourneys(touchesOf([[0, 0, 5, "click"]]), purchasesOf([[0, 1, 1]]), D);
    expect(() => attribute(j, "linear", D, identity(3), 3)).toThrow("stateOf has 3 entries but the paths use campaign 5");
    expect(() => attribute(j, "linear", D, Int32Array.of(0, 0, 0, 0, 0, 2), 2)).toThrow("stateOf[5] is 2; states are 0..1");
    expect(() => attribute(j, "linear", D, identity(6), 6.5)).toThrow("stateCount must be a whole number >= 0, got 6.5");
    expect(() => attribute(j, "shapley" as AttributionModel, D, identity(6), 6)).toThrow("unknown model shapley");
    expect(() => attribute(j, "time-decay", { ...D, halfLifeDays: NaN }, identity(6), 6)).toThrow("halfLifeDays");
  });

  it("lists the models in the documented order", () => {
    expect(ATTRIBUTION_MODELS).toEqual(["last-click", "first-click", "linear", "time-decay", "position", "markov"]);
  });
});
