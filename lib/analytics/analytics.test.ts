import { describe, expect, it } from "vitest";
import { parseIsoDay, resolveRange } from "./date-range";
import { autoGrain, bucketStart, rollUpSales } from "./sales-series";

const span = { first: new Date("2025-03-10T08:00:00Z"), last: new Date("2026-11-21T22:30:00Z") };
const now = new Date("2030-01-01T00:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("resolveRange", () => {
  it("ends presets on the day after the latest event, not today", () => {
    const r = resolveRange({ range: "7d" }, span, now);
    expect(r.from).toEqual(day("2026-11-15"));
    expect(r.to).toEqual(day("2026-11-22"));
    expect(r.preset).toBe("7d");
    expect(r.notices).toEqual([]);
  });

  it("defaults to the last 12 months, and 'all' starts at the first event", () => {
    expect(resolveRange({}, span, now).from).toEqual(day("2025-11-22"));
    expect(resolveRange({ range: "all" }, span, now).from).toEqual(day("2025-03-10"));
    expect(resolveRange({ range: "ytd" }, span, now).from).toEqual(day("2026-01-01"));
  });

  it("takes a custom range inclusive of both days", () => {
    const r = resolveRange({ from: "2026-01-01", to: "2026-01-31" }, span, now);
    expect(r.from).toEqual(day("2026-01-01"));
    expect(r.to).toEqual(day("2026-02-01"));
    expect(r.preset).toBe("custom");
    expect(r.label).toBe("2026-01-01 to 2026-01-31");
  });

  it("explains what it ignored", () => {
    expect(resolveRange({ from: "2026-02-30" }, span, now).notices).toEqual(['"2026-02-30" is not a date (YYYY-MM-DD); showing the default range.']);
    expect(resolveRange({ from: "2026-03-01", to: "2026-02-01" }, span, now).notices).toEqual(["The start date is after the end date; showing the default range."]);
    const r = resolveRange({ range: "5y" }, span, now);
    expect(r.notices).toEqual(['Unknown range "5y"; showing last 12 months.']);
    expect(r.preset).toBe("12m");
  });

  it("ends today when there is no data", () => {
    const r = resolveRange({ range: "30d" }, { first: null, last: null }, new Date("2026-05-10T15:00:00Z"));
    expect(r.to).toEqual(day("2026-05-11"));
  });

  it("parses only real calendar days", () => {
    expect(parseIsoDay("2024-02-29")).toEqual(day("2024-02-29"));
    expect(parseIsoDay("2023-02-29")).toBeNull();
    expect(parseIsoDay("29/02/2024")).toBeNull();
  });
});

describe("sales series", () => {
  it("starts weeks on Monday and months on the 1st", () => {
    expect(bucketStart("2026-11-22", "week")).toBe("2026-11-16"); // a Sunday
    expect(bucketStart("2026-11-16", "week")).toBe("2026-11-16"); // a Monday
    expect(bucketStart("2026-11-22", "month")).toBe("2026-11-01");
  });

  it("fills empty days with zeros and sums into buckets", () => {
    const daily = [
      { day: "2026-01-05", revenue: 10.1, orders: 1 },
      { day: "2026-01-07", revenue: 5.2, orders: 2 },
      { day: "2026-01-12", revenue: 1, orders: 1 },
    ];
    expect(rollUpSales(daily, day("2026-01-05"), day("2026-01-08"), "day")).toEqual([
      { period: "2026-01-05", revenue: 10.1, orders: 1 },
      { period: "2026-01-06", revenue: 0, orders: 0 },
      { period: "2026-01-07", revenue: 5.2, orders: 2 },
    ]);
    expect(rollUpSales(daily, day("2026-01-05"), day("2026-01-19"), "week")).toEqual([
      { period: "2026-01-05", revenue: 15.3, orders: 3 },
      { period: "2026-01-12", revenue: 1, orders: 1 },
    ]);
  });

  it("picks a readable grain", () => {
    expect(autoGrain(day("2026-01-01"), day("2026-03-01"))).toBe("day");
    expect(autoGrain(day("2025-01-01"), day("2026-01-01"))).toBe("week");
    expect(autoGrain(day("2020-01-01"), day("2026-01-01"))).toBe("month");
  });
});
