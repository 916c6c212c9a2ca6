import { describe, expect, it } from "vitest";
import { bidSentence, bidsByDecile, bidsBySegment, customerBids } from "./bids";
import { SHOP } from "./fixtures";

// A target ROI of 100% halves what a customer brings: max CPC = pConvert × orderValue / 2, max CPM = 500 × EV.
describe("bids per customer", () => {
  it("gives the highest CPC and CPM that keep ROI at the target", () => {
    const b = customerBids(SHOP, 1);
    expect(Array.from(b.maxCpc)).toEqual([10, 20, 4, 32, 2, 4, 25, 1]);
    expect(Array.from(b.maxCpm)).toEqual([5000, 5000, 2000, 4000, 500, 3000, 0, 1000]);
  });

  it("refuses a target ROI of −100% or less, or NaN", () => {
    expect(() => customerBids(SHOP, -1)).toThrow("customerBids: target ROI is -1; it must be a finite number above -1 (-100%)");
    expect(() => bidsByDecile(SHOP, { targetRoi: Number.NaN, groups: 4 })).toThrow("bidsByDecile: target ROI is NaN");
  });
});

describe("bids by group of EV", () => {
  it("bids on the group's totals, not on the mean of its customers' bids", () => {
    // Quarters of the EV order: rows 0, 1 | 3, 5 | 2, 7 | 4, 6.
    const q = bidsByDecile(SHOP, { targetRoi: 1, groups: 4 });
    expect(q.map((g) => g.group)).toEqual(["Top 25%", "Top 25–50%", "Top 50–75%", "Top 75–100%"]);
    // Rows 3 and 5: EV 8 + 6 = 14 over clicks 0.125 + 0.75 = 0.875, so 16 a click, 8 at ROI 100%. The mean
    // of their own bids, (32 + 4) / 2 = 18, would lose money on the clicks row 5 mostly makes.
    expect(q[1]).toMatchObject({ decile: 2, customers: 2, meanPClick: 0.4375, meanPConvert: 0.5625, meanOrderValue: 64, evPerImpression: 7, maxCpc: 8, maxCpm: 3500 });
    // Rows 2, 7: EV 6 over clicks 1.5 → 2 a click; rows 4, 6: EV 1 over clicks 0.25 → 2 a click.
    expect(q.map((g) => g.maxCpc)).toEqual([20 / 0.75 / 2, 8, 2, 2]);
    expect(q.map((g) => g.maxCpm)).toEqual([5000, 3500, 1500, 250]);
    expect(q[1]!.text).toBe("Top 25–50%: bid up to €8.00 a click or €3500.00 per thousand impressions to keep ROI at 100% or more.");
  });

  it("splits ten customers into deciles and words each bid", () => {
    // Customer 0: value per click 0.1 × 6.3 = 0.63, so 0.42 at ROI 50%; EV 0.02 × 0.63 = 0.0126 an
    // impression, so 1000 × 0.0126 / 1.5 = 8.40 per thousand.
    const ten = {
      pClick: new Float64Array(10).fill(0.02),
      pConvert: new Float64Array(10).fill(0.1),
      orderValue: Float64Array.from([6.3, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    };
    const d = bidsByDecile(ten, { targetRoi: 0.5 });
    // The next nine: 0.1 a click → 0.0667 (shown 0.06, rounded down), EV 0.002 → 1.333 per thousand.
    expect(d.map((g) => g.group)).toEqual(["Top 10%", "Top 10–20%", "Top 20–30%", "Top 30–40%", "Top 40–50%", "Top 50–60%", "Top 60–70%", "Top 70–80%", "Top 80–90%", "Top 90–100%"]);
    expect(d[0]!.text).toBe("Top 10%: bid up to €0.42 a click or €8.40 per thousand impressions to keep ROI at 50% or more.");
    expect(bidsByDecile(ten, { targetRoi: 0.5, currency: "$" })[1]!.text).toBe("Top 10–20%: bid up to $0.06 a click or $1.33 per thousand impressions to keep ROI at 50% or more.");
  });

  it("refuses more groups than customers", () => {
    expect(() => bidsByDecile(SHOP, { targetRoi: 0.5 })).toThrow("bidsByDecile: groups = 10 is more than the 8 customers");
  });
});

describe("bids by segment", () => {
  it("bids on each segment's totals, best EV first, no segment as its own group", () => {
    const s = bidsBySegment(SHOP, { targetRoi: 1 });
    // B (rows 1, 3): EV 18 over 2 impressions and 0.375 clicks → 24 a click at ROI 100% (their own bids 20
    // and 32 average 26). A (0, 2): EV 14 over clicks 1 → 7. C (5, 7): EV 8 over 1.75 clicks. None (4, 6): 1 over 0.25.
    expect(s.map((g) => g.group)).toEqual(["B", "A", "C", null]);
    expect(s[0]).toMatchObject({ customers: 2, meanPClick: 0.1875, meanPConvert: 0.75, meanOrderValue: 72, evPerImpression: 9, maxCpc: 24, maxCpm: 4500 });
    expect(s.map((g) => g.maxCpc)).toEqual([24, 7, 8 / 1.75 / 2, 2]);
    expect(s[3]!.text).toBe("No segment: bid up to €2.00 a click or €250.00 per thousand impressions to keep ROI at 100% or more.");
  });

  it("has no CPC for a group with no expected clicks, and orders ties by name", () => {
    const s = bidsBySegment({ ...SHOP, segment: ["b", "a", "b", "a", "b", "b", "Z", "b"] }, { targetRoi: 1 });
    expect(s.map((g) => g.group)).toEqual(["a", "b", "Z"]);
    expect(s[2]).toMatchObject({ customers: 1, maxCpc: null, maxCpm: 0, text: "Z: no clicks are expected, so no bid can keep ROI at 100% or more." });
    // Equal EV per impression: a before b.
    const tied = bidsBySegment({ ...SHOP, segment: ["b", "a", null, null, null, null, null, null] }, { targetRoi: 1 });
    expect(tied.map((g) => g.group)).toEqual(["a", "b", null]);
  });

  it("needs the segments", () => {
    expect(() => bidsBySegment({ ...SHOP, segment: undefined }, { targetRoi: 1 })).toThrow("bidsBySegment: no segment was given for the customers");
  });

  it("words a bid for any label, target and currency", () => {
    // Rounded down to the cent: paying a ceiling rounded up would miss the target.
    expect(bidSentence("Loyal", 0.429, 6.1, { targetRoi: 0.125, currency: "£" })).toBe("Loyal: bid up to £0.42 a click or £6.10 per thousand impressions to keep ROI at 12.5% or more.");
    expect(bidSentence("Lapsed", 1, 2, { targetRoi: -0.2 })).toBe("Lapsed: bid up to €1.00 a click or €2.00 per thousand impressions to keep ROI at -20% or more.");
  });
});
