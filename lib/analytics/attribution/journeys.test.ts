import { describe, expect, it } from "vitest";
import { DAY_MS } from "../date-range";
import { days, HOUR_MS, purchasesOf, randomData, touchesOf } from "./fixtures";
import { buildJourneys, summariseJourneys } from "./journeys";
import { DEFAULT_ATTRIBUTION_SETTINGS as D, withDefaults } from "./settings";
import type { Journeys } from "./types";

const withImpressions = withDefaults({ includeImpressions: true });

/** Converting paths as [purchase index, touch indices] for readable expectations. */
function converting(j: Journeys): [number, number[]][] {
  const c = j.converting;
  return Array.from(c.purchase, (p, i) => [p, Array.from(c.touch.subarray(c.start[i], c.start[i + 1]))]);
}

function nonConverting(j: Journeys): number[][] {
  const n = j.nonConverting;
  return Array.from({ length: n.start.length - 1 }, (_, i) => Array.from(n.touch.subarray(n.start[i], n.start[i + 1])));
}

describe("buildJourneys windows", () => {
  it("counts a click exactly 7 days before, not 7 days + 1 ms, and never one after the purchase", () => {
    const at = days(10);
    const touches = touchesOf([
      [0, at - 7 * DAY_MS, 0, "click"], // touch 0: exactly on the boundary → counts
      [1, at - 7 * DAY_MS - 1, 1, "click"], // touch 1: 1 ms too early → organic purchase, and a non-converting path
      [2, at, 2, "click"], // touch 2: the same millisecond as the purchase → counts, age 0
      [3, at + 1, 3, "click"], // touch 3: 1 ms after → organic, and a non-converting path
    ]);
    const purchases = purchasesOf([[0, at, 10], [1, at, 20], [2, at, 40], [3, at, 80]]);
    const j = buildJourneys(touches, purchases, D);
    expect(converting(j)).toEqual([[0, [0]], [2, [2]]]);
    expect(Array.from(j.converting.ageMs)).toEqual([7 * DAY_MS, 0]);
    expect(nonConverting(j)).toEqual([[1], [3]]);
    expect(summariseJourneys(j)).toEqual({
      attributedPurchases: 2,
      attributedRevenue: 50, // 10 + 40
      unattributedPurchases: 2,
      unattributedRevenue: 100, // 20 + 80
      journeys: 2,
      nonConvertingPaths: 2,
    });
  });

  it("counts an impression 23 h before only with includeImpressions, and uses the 1-day impression window", () => {
    const at = days(5);
    const touches = touchesOf([
      [0, at - 23 * HOUR_MS, 0, "imp"],
      [1, at - DAY_MS, 0, "imp"], // exactly 1 day → counts when impressions are on
      [2, at - DAY_MS - 1, 0, "imp"], // 1 day + 1 ms → never
    ]);
    const purchases = purchasesOf([[0, at, 1], [1, at, 1], [2, at, 1]]);
    const off = buildJourneys(touches, purchases, D);
    expect(converting(off)).toEqual([]);
    expect(nonConverting(off)).toEqual([]); // ignored impressions are on no path at all
    const on = buildJourneys(touches, purchases, withImpressions);
    expect(converting(on)).toEqual([[0, [0]], [1, [1]]]);
    expect(Array.from(on.converting.isClick)).toEqual([0, 0]);
    expect(nonConverting(on)).toEqual([[2]]);
  });

  it("lets one click serve every purchase whose window it is in", () => {
    // One click on day 0, purchases on days 1 and 2 (both within 7 days): each looks back on its own.
    const j = buildJourneys(touchesOf([[0, days(0), 4, "click"]]), purchasesOf([[0, days(1), 5], [0, days(2), 7]]), D);
    expect(converting(j)).toEqual([[0, [0]], [1, [0]]]);
    expect(Array.from(j.converting.ageMs)).toEqual([DAY_MS, 2 * DAY_MS]);
    expect(summariseJourneys(j).attributedRevenue).toBe(12);
    expect(j.campaignSpan).toBe(5);
  });

  it("orders each path's touches by time and keeps only those in the window", () => {
    // Clicks on days 0, 4, 6 and a purchase on day 9: day 0 is 9 days back (out), days 4 and 6 are in.
    const touches = touchesOf([[0, days(0), 0, "click"], [0, days(4), 1, "click"], [0, days(6), 2, "click"]]);
    const j = buildJourneys(touches, purchasesOf([[0, days(9), 3]]), D);
    expect(converting(j)).toEqual([[0, [1, 2]]]);
    expect(Array.from(j.converting.campaign)).toEqual([1, 2]);
    expect(nonConverting(j)).toEqual([[0]]);
  });
});

describe("buildJourneys non-converting paths", () => {
  it("splits unclaimed touches where the gap exceeds the window", () => {
    // Clicks on days 0, 3, 11, 12 and no purchase: 3 → 11 is 8 days (> 7), so [0, 3] and [11, 12].
    const touches = touchesOf([[0, days(0), 0, "click"], [0, days(3), 1, "click"], [0, days(11), 0, "click"], [0, days(12), 2, "click"]]);
    const j = buildJourneys(touches, purchasesOf([]), D);
    expect(nonConverting(j)).toEqual([[0, 1], [2, 3]]);
    // A gap of exactly 7 days does not split.
    const seven = touchesOf([[0, days(0), 0, "click"], [0, days(7), 1, "click"]]);
    expect(nonConverting(buildJourneys(seven, purchasesOf([]), D))).toEqual([[0, 1]]);
  });

  it("splits at a purchase even when the gap is short", () => {
    // Impression day 0, purchase day 2 (impression 2 days old: outside its 1-day window), click day 3.
    const touches = touchesOf([[0, days(0), 0, "imp"], [0, days(3), 1, "click"]]);
    const j = buildJourneys(touches, purchasesOf([[0, days(2), 9]]), withImpressions);
    expect(converting(j)).toEqual([]);
    expect(nonConverting(j)).toEqual([[0], [1]]);
    expect(j.unattributedRevenue).toBe(9);
  });

  it("keeps customers apart and handles customers with only touches or only purchases", () => {
    const touches = touchesOf([[0, days(0), 0, "click"], [2, days(0), 1, "click"], [2, days(1), 1, "click"]]);
    const purchases = purchasesOf([[1, days(1), 3], [2, days(1), 4], [5, days(0), 6]]);
    const j = buildJourneys(touches, purchases, D);
    expect(converting(j)).toEqual([[1, [1, 2]]]);
    expect(nonConverting(j)).toEqual([[0]]);
    expect(summariseJourneys(j)).toMatchObject({ unattributedPurchases: 2, unattributedRevenue: 9 });
  });
});

describe("buildJourneys input", () => {
  const t = touchesOf([[0, days(0), 0, "click"], [1, days(0), 0, "click"]]);
  const p = purchasesOf([[0, days(1), 1]]);

  it("returns empty paths and a zero summary for empty input", () => {
    const j = buildJourneys(touchesOf([]), purchasesOf([]), D);
    expect(summariseJourneys(j)).toEqual({
      attributedPurchases: 0,
      attributedRevenue: 0,
      unattributedPurchases: 0,
      unattributedRevenue: 0,
      journeys: 0,
      nonConvertingPaths: 0,
    });
    expect(j.campaignSpan).toBe(0);
  });

  it("names unsorted input and mismatched lengths", () => {
    const swapped = touchesOf([[1, days(0), 0, "click"], [0, days(0), 0, "click"]]);
    expect(() => buildJourneys(swapped, p, D)).toThrow("touches are not sorted by customer then time at index 1");
    const late = touchesOf([[0, days(2), 0, "click"], [0, days(1), 0, "click"]]);
    expect(() => buildJourneys(late, p, D)).toThrow(/touches are not sorted .* index 1 \(customer 0/);
    const unsortedP = purchasesOf([[0, days(2), 1], [0, days(1), 1]]);
    expect(() => buildJourneys(t, unsortedP, D)).toThrow("purchases are not sorted by customer then time at index 1");
    const short = { ...t, isClick: new Uint8Array(1) };
    expect(() => buildJourneys(short, p, D)).toThrow("touch columns have mismatched lengths (customer 2, time 2, campaign 2, isClick 1)");
    expect(() => buildJourneys(t, { ...p, revenue: new Float64Array(2) }, D)).toThrow("purchase columns have mismatched lengths");
  });

  it("names bad values and bad settings", () => {
    expect(() => buildJourneys({ ...t, time: Float64Array.of(NaN, 0) }, p, D)).toThrow("touches time at index 0 is NaN");
    expect(() => buildJourneys({ ...t, isClick: Uint8Array.of(1, 2) }, p, D)).toThrow("isClick at index 1 is 2");
    expect(() => buildJourneys({ ...t, campaign: Int32Array.of(0, -1) }, p, D)).toThrow("campaign at index 1 is -1");
    expect(() => buildJourneys({ ...t, customer: Int32Array.of(-1, 0) }, p, D)).toThrow("touches customer at index 0 is -1");
    expect(() => buildJourneys(t, { ...p, revenue: Float64Array.of(Infinity) }, D)).toThrow("revenue at index 0 is Infinity");
    expect(() => buildJourneys(t, p, { ...D, clickWindowDays: -1 })).toThrow("clickWindowDays must be a finite number >= 0, got -1");
    expect(() => withDefaults({ halfLifeDays: 0 })).toThrow("halfLifeDays must be a finite number > 0, got 0");
    expect(() => withDefaults({ positionShares: { first: 0.6, last: 0.5 } })).toThrow("must be <= 1, got 0.6 + 0.5");
  });

  it("merges partial settings over the defaults", () => {
    expect(withDefaults({ positionShares: { first: 0.3, last: 0.5 }, clickWindowDays: 30 })).toEqual({
      clickWindowDays: 30,
      impressionWindowDays: 1,
      includeImpressions: false,
      halfLifeDays: 7,
      positionShares: { first: 0.3, last: 0.5 },
    });
    expect(withDefaults({ halfLifeDays: undefined, positionShares: { first: 0.2, last: undefined as unknown as number } })).toEqual({
      ...D,
      positionShares: { first: 0.2, last: 0.4 },
    });
  });

  it("reports progress between 0 and 1, rising, ending at 1", () => {
    const { touches, purchases } = randomData(7, 60_000, 5);
    const seen: number[] = [];
    buildJourneys(touches, purchases, D, (share) => seen.push(share));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((s, i) => s >= 0 && s <= 1 && (i === 0 || s >= seen[i - 1]!))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});
