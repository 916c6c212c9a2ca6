import { describe, expect, it } from "vitest";
import { DAY_MS } from "../date-range";
import { attribute } from "./attribute";
import { days, HOUR_MS, identity, purchasesOf, touchesOf } from "./fixtures";
import { buildJourneys } from "./journeys";
import { DEFAULT_ATTRIBUTION_SETTINGS as D, withDefaults, type AttributionModel, type AttributionSettings } from "./settings";
import type { Purchases, Touches } from "./types";

function credit(t: Touches, p: Purchases, model: AttributionModel, s: AttributionSettings = D, stateOf = identity(4), states = 4) {
  const c = attribute(buildJourneys(t, p, s), model, s, stateOf, states);
  return { purchases: Array.from(c.purchases), revenue: Array.from(c.revenue) };
}

const close = (actual: number[], expected: number[]) => actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));

// One customer, clicks on campaigns 0, 1, 2 at 6, 3 and 0 days before a purchase of 100 on day 10.
const three = touchesOf([[0, days(4), 0, "click"], [0, days(7), 1, "click"], [0, days(10), 2, "click"]]);
const buy100 = purchasesOf([[0, days(10), 100]]);

describe("heuristic models on one three-touch path", () => {
  it("last-click and first-click give everything to one end", () => {
    expect(credit(three, buy100, "last-click")).toEqual({ purchases: [0, 0, 1, 0], revenue: [0, 0, 100, 0] });
    expect(credit(three, buy100, "first-click")).toEqual({ purchases: [1, 0, 0, 0], revenue: [100, 0, 0, 0] });
  });

  it("linear gives a third each", () => {
    const c = credit(three, buy100, "linear");
    close(c.purchases, [1 / 3, 1 / 3, 1 / 3, 0]);
    close(c.revenue, [100 / 3, 100 / 3, 100 / 3, 0]);
  });

  it("time decay weighs 2^(−age / 7 days)", () => {
    // ages 6, 3, 0 days → weights 2^(−6/7) = 0.552045, 2^(−3/7) = 0.742997, 1; sum 2.295042
    // → shares 0.240538, 0.323740, 0.435722 (revenue 24.0538, 32.3740, 43.5722)
    const w = [2 ** (-6 / 7), 2 ** (-3 / 7), 1];
    const sum = w[0]! + w[1]! + w[2]!;
    const c = credit(three, buy100, "time-decay");
    close(c.purchases, [w[0]! / sum, w[1]! / sum, w[2]! / sum, 0]);
    expect(c.purchases[0]).toBeCloseTo(0.240538, 6);
    expect(c.revenue[2]).toBeCloseTo(43.5722, 4);
  });

  it("time decay with ages 0 and 7 days and half-life 7 gives 2/3 and 1/3", () => {
    // weights 2^0 = 1 and 2^(−7/7) = 0.5 → 1/1.5 = 2/3 and 0.5/1.5 = 1/3
    const t = touchesOf([[0, days(0), 0, "click"], [0, days(7), 1, "click"]]);
    close(credit(t, purchasesOf([[0, days(7), 30]]), "time-decay").revenue, [10, 20, 0, 0]);
  });

  it("time decay survives a half-life so short every raw weight underflows", () => {
    // 2^(−7 days / 1 ms) is 0 in floating point; relative to the youngest touch the weights are 0 and 1.
    const t = touchesOf([[0, days(0), 0, "click"], [0, days(7), 1, "click"]]);
    const tiny = withDefaults({ halfLifeDays: 1 / DAY_MS });
    expect(credit(t, purchasesOf([[0, days(7), 30]]), "time-decay", tiny).revenue).toEqual([0, 30, 0, 0]);
  });

  it("position gives 40 / 20 / 40", () => {
    close(credit(three, buy100, "position").revenue, [40, 20, 40, 0]);
  });
});

describe("position model by path length", () => {
  const path = (n: number) => touchesOf(Array.from({ length: n }, (_, i) => [0, days(i), i, "click"] as const));
  const buy = (n: number) => purchasesOf([[0, days(n - 1), 1]]);

  it("one touch 100 %, two 50/50, four 40 / 10 / 10 / 40", () => {
    expect(credit(path(1), buy(1), "position").purchases).toEqual([1, 0, 0, 0]);
    expect(credit(path(2), buy(2), "position").purchases).toEqual([0.5, 0.5, 0, 0]);
    // four touches: middle two share 1 − 0.4 − 0.4 = 0.2 → 0.1 each
    close(credit(path(4), buy(4), "position").purchases, [0.4, 0.1, 0.1, 0.4]);
  });

  it("takes settable shares, splitting two touches in their ratio", () => {
    const s = withDefaults({ positionShares: { first: 0.3, last: 0.5 } });
    // three touches: 0.3, 1 − 0.3 − 0.5 = 0.2, 0.5; two touches: 0.3 / 0.8 = 0.375 and 0.5 / 0.8 = 0.625
    close(credit(path(3), buy(3), "position", s).purchases, [0.3, 0.2, 0.5, 0]);
    close(credit(path(2), buy(2), "position", s).purchases, [0.375, 0.625, 0, 0]);
    const none = withDefaults({ positionShares: { first: 0, last: 0 } });
    expect(credit(path(2), buy(2), "position", none).purchases).toEqual([0.5, 0.5, 0, 0]);
    close(credit(path(4), buy(4), "position", none).purchases, [0, 0.5, 0.5, 0]);
  });
});

describe("clicks and impressions", () => {
  // Campaign 0 clicked 10 h before, campaign 1 seen (impression) 2 h before, purchase of 50.
  const t = touchesOf([[0, days(1) - 10 * HOUR_MS, 0, "click"], [0, days(1) - 2 * HOUR_MS, 1, "imp"]]);
  const p = purchasesOf([[0, days(1), 50]]);
  const on = withDefaults({ includeImpressions: true });

  it("last-click prefers the latest click over a later impression", () => {
    expect(credit(t, p, "last-click", on).revenue).toEqual([50, 0, 0, 0]);
    expect(credit(t, p, "linear", on).revenue).toEqual([25, 25, 0, 0]);
    // Without impressions the impression is not on the path at all.
    expect(credit(t, p, "linear").revenue).toEqual([50, 0, 0, 0]);
  });

  it("falls back to the latest (first-click: earliest) impression when a path has no click", () => {
    const imps = touchesOf([[0, days(1) - 5 * HOUR_MS, 2, "imp"], [0, days(1) - HOUR_MS, 3, "imp"]]);
    expect(credit(imps, p, "last-click", on).revenue).toEqual([0, 0, 0, 50]);
    expect(credit(imps, p, "first-click", on).revenue).toEqual([0, 0, 50, 0]);
  });

  it("first-click prefers the earliest click over an earlier impression", () => {
    const impFirst = touchesOf([[0, days(1) - 20 * HOUR_MS, 3, "imp"], [0, days(1) - 3 * HOUR_MS, 2, "click"]]);
    expect(credit(impFirst, p, "first-click", on).revenue).toEqual([0, 0, 50, 0]);
  });
});

describe("states", () => {
  it("sums campaign credit into channels through stateOf, and merges a repeated campaign", () => {
    // campaigns 0, 1 → channel 0; campaign 2 → channel 1. Linear thirds: channel 0 gets 2/3, channel 1 gets 1/3.
    const byChannel = credit(three, buy100, "linear", D, Int32Array.of(0, 0, 1), 2);
    close(byChannel.purchases, [2 / 3, 1 / 3]);
    // Campaign 0 twice on one path: linear halves land on the same campaign.
    const twice = touchesOf([[0, days(0), 0, "click"], [0, days(1), 0, "click"]]);
    expect(credit(twice, purchasesOf([[0, days(2), 8]]), "linear").revenue).toEqual([8, 0, 0, 0]);
  });
});
