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
