import { describe, expect, it } from "vitest";
import { DAY_MS } from "../days";
import { holdoutArmIds, isHoldoutName, notHoldoutReason, upliftRows } from "./holdout";


describe("holdout arms", () => {
  it("are arms named control or holdout that delivered nothing", () => {
    expect(isHoldoutName(" Holdout ")).toBe(true);
    expect(isHoldoutName("CONTROL")).toBe(true);
    expect(isHoldoutName("B")).toBe(false);
    expect(isHoldoutName(null)).toBe(false);
    const arms = [
      { id: 1, variant: "offer", clicks: 40, conversions: 5, cost: 16 },
      { id: 2, variant: "holdout", clicks: 0, conversions: 0, cost: 0 },
      { id: 3, variant: "control", clicks: 12, conversions: 1, cost: 0 },
      { id: 4, variant: "control", clicks: 0, conversions: 0, cost: 2.5 },
    ];
    expect([...holdoutArmIds(arms)]).toEqual([2]);
    expect(notHoldoutReason(arms[0]!)).toBe("its name is not control or holdout");
    expect(notHoldoutReason(arms[2]!)).toBe("its customers were shown something (12 clicks, 1 conversions)");
    expect(notHoldoutReason(arms[3]!)).toBe("it cost 2.50, so something was delivered");
  });
});

describe("upliftRows", () => {
  // Customer 10: treated (campaign 1) at day 1 and day 3, buys on day 5 → outcome 1 (within 14 days of day 1).
  // Customer 11: held out (campaign 2) at day 2, bought on day 1 (before) and day 20 (after the window) → 0.
  // Customer 12: in both arms → left out and counted. Customer 13: only another campaign (9) → no row.
  // Customer 14: held out at day 4, a click type row is ignored, buys on day 17.9 (inside 14 days) → 1.
  const events = {
    customer: Int32Array.from([10, 10, 11, 12, 12, 13, 14, 14]),
    campaign: Int32Array.from([1, 1, 2, 1, 2, 9, 2, 2]),
    time: Float64Array.from([1, 3, 2, 1, 1, 1, 4, 4.5].map((d) => d * DAY_MS)),
    type: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]),
  };
  const orders = { customer: Int32Array.from([10, 11, 11, 13, 14]), time: Float64Array.from([5, 1, 20, 2, 17.9].map((d) => d * DAY_MS)) };

  it("gives one row per assigned customer with the purchase window's outcome", () => {
    const rows = upliftRows(events, new Set([1]), new Set([2]), orders, 14 * DAY_MS);
    expect([...rows.customer]).toEqual([10, 11, 14]);
    expect([...rows.assignedAt]).toEqual([1 * DAY_MS, 2 * DAY_MS, 4 * DAY_MS]);
    expect([...rows.treated]).toEqual([1, 0, 0]);
    expect([...rows.outcome]).toEqual([1, 0, 1]);
    expect(rows.inBoth).toBe(1);
  });

  it("ends the window where it says", () => {
    expect([...upliftRows(events, new Set([1]), new Set([2]), orders, 3 * DAY_MS).outcome]).toEqual([0, 0, 0]);
    expect([...upliftRows(events, new Set([1]), new Set([2]), orders, 4 * DAY_MS + 1).outcome]).toEqual([1, 0, 0]);
  });
});
