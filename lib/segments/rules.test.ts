import { describe, expect, it } from "vitest";
import { clusterRule } from "./cluster-rule";
import { describeRule } from "./rules";

describe("a cluster as a rule", () => {
  it("keeps each feature between the cluster's percentiles, counting days back from the as-of date", () => {
    const { rule, omitted } = clusterRule({ frequency: [1.2, 3.8], monetary: [10.5, 99.2], recencyDays: [2.5, 30.2], clicks: [0, 3], "share:Home": [0.1, 0.4] }, Date.UTC(2026, 2, 31));
    expect(omitted).toEqual(["clicks", "share:Home"]);
    expect(rule).toEqual({
      all: [
        { field: "orders", op: "between", values: [1, 4] },
        { field: "revenue", op: "between", values: [10, 100] },
        { field: "lastPurchaseAt", op: "between", values: ["2026-02-28", "2026-03-29"] },
      ],
    });
    expect(describeRule(rule)).toBe('Orders between 1 and 4 and Revenue between 10 and 100 and Last purchase between "2026-02-28" and "2026-03-29"');
  });
});

describe("an RFM segment as a rule", () => {
  // Cut points as computeRfmSummary gives them: recency in days, frequency in orders.
  const cuts = { recency: [10, 30, 60, 120], frequency: [1, 1, 2, 4], monetary: [1, 2, 3, 4] };
  const asOf = Date.UTC(2026, 2, 31);

  it("turns Champions (R 5, F 4–5) into recent buyers with more than two orders", async () => {
    const { rfmSegmentRule } = await import("./rfm-rule");
    // R 5 ⇔ at most 10 days ⇔ on or after 21 March; F ≥ 4 ⇔ orders > 2.
    expect(rfmSegmentRule(0, cuts, asOf)).toEqual({ all: [{ field: "lastPurchaseAt", op: "gte", value: "2026-03-21" }, { field: "orders", op: "gte", value: 3 }] });
  });

  it("gives Hibernating only the cells Lost did not claim first, and drops cells no one can score", async () => {
    const { rfmSegmentRule } = await import("./rfm-rule");
    // Hibernating is R 1–2 × F 1–2, but Lost took R 1, F 1, leaving R 1, F 2; with cut points 1, 1, F 2
    // needs more than 1 order and at most 1, so only R 2 × F 1–2 is left.
    const rule = rfmSegmentRule(10, cuts, asOf);
    // R 2 ⇔ more than 60 and at most 120 days ⇔ from 1 December to before 30 January; F ≤ 2 ⇔ orders ≤ 1.
    expect(rule).toEqual({ all: [{ field: "lastPurchaseAt", op: "gte", value: "2025-12-01" }, { field: "lastPurchaseAt", op: "lt", value: "2026-01-30" }, { field: "orders", op: "lte", value: 1 }] });
    expect(describeRule(rule)).toBe('Last purchase ≥ "2025-12-01" and Last purchase < "2026-01-30" and Orders ≤ 1');
  });

  it("joins runs of R scores that own different F scores with or", async () => {
    const { rfmSegmentRule } = await import("./rfm-rule");
    // At risk: R 1–2 × F 3–4, same F band on both R rows: one branch. Potential loyalist R 4–5 × F 2–3,
    // but with distinct cuts R 5 F 2–3 and R 4 F 2–3 are the same too. Need attention is one cell.
    const distinct = { recency: [10, 30, 60, 120], frequency: [1, 2, 3, 5], monetary: [1, 2, 3, 4] };
    expect(rfmSegmentRule(8, distinct, asOf)).toEqual({ all: [{ field: "lastPurchaseAt", op: "lt", value: "2026-01-30" }, { field: "orders", op: "gte", value: 3 }, { field: "orders", op: "lte", value: 5 }] });
    // Can't lose them (R 1–2, F 5) and Loyal (R 3–4, F 4–5, but Champions is R 5 only): single branches.
    expect(rfmSegmentRule(1, distinct, asOf)).toEqual({ all: [{ field: "lastPurchaseAt", op: "gte", value: "2026-01-30" }, { field: "lastPurchaseAt", op: "lt", value: "2026-03-21" }, { field: "orders", op: "gte", value: 4 }] });
    // Hibernating with distinct cuts: R 1 keeps F 2 (exactly 2 orders), R 2 keeps F 1–2 (at most 2).
    expect(rfmSegmentRule(10, distinct, asOf)).toEqual({
      any: [
        { all: [{ field: "lastPurchaseAt", op: "lt", value: "2025-12-01" }, { field: "orders", op: "gte", value: 2 }, { field: "orders", op: "lte", value: 2 }] },
        { all: [{ field: "lastPurchaseAt", op: "gte", value: "2025-12-01" }, { field: "lastPurchaseAt", op: "lt", value: "2026-01-30" }, { field: "orders", op: "lte", value: 2 }] },
      ],
    });
  });
});
