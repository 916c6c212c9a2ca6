import { beforeAll, describe, expect, it } from "vitest";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { customerFeatures } from "../../ml/customer-features";
import { suggestK } from "../../ml/choose-k";
import { prepareDatabase } from "../prepare-database";
import { computeRfmSummary } from "./rfm";
import { UserError } from "@/lib/errors";

const day = (d: string) => new Date(`${d}T12:00:00Z`);

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers(["A", "B", "C", "D", "E", "F"].map((externalId) => ({ externalId })));
  const id = await getCustomerIdsByExternalId();
  const buy = (c: string, d: string, orderId: string, revenue: number) => ({ customerId: id.get(c)!, type: "purchase", revenue, orderId, occurredAt: day(d) });
  await insertEvents([
    buy("A", "2026-03-01", "A1", 10), buy("A", "2026-03-20", "A2", 30), buy("A", "2026-03-30", "A3", 20),
    buy("B", "2026-01-05", "B1", 100), buy("B", "2026-01-05", "B1", 50),
    buy("C", "2026-03-29", "C1", 5),
    buy("D", "2026-02-01", "D1", 15), buy("D", "2026-03-01", "D2", 15),
    buy("E", "2026-01-01", "E1", 1),
    { customerId: id.get("F")!, type: "view", occurredAt: day("2026-03-30") },
  ]);
});

describe("RFM summary", () => {
  it("scores every customer with a purchase as of the day after the last one", async () => {
    const s = await computeRfmSummary();
    expect(s.asOf).toBe("2026-03-31");
    expect(s.customers).toBe(5);
    expect(s.revenue).toBe(246);
    expect(s.grid.flat().reduce((a, b) => a + b, 0)).toBe(5);
    const named = Object.fromEntries(s.segments.filter((g) => g.customers > 0).map((g) => [g.name, g.customers]));
    // A: most recent and most orders; E: one order, longest ago.
    expect(named.Champions).toBe(1);
    expect(named.Lost).toBe(1);
    expect(s.segments.find((g) => g.name === "Hibernating")!.rule).toBe("R 1–2, F 1–2");
  });

  it("computes features in days and orders", async () => {
    const f = customerFeatures({ firstAt: Float64Array.from([Date.UTC(2026, 0, 1)]), lastAt: Float64Array.from([Date.UTC(2026, 0, 11)]), orders: Float64Array.from([3]), revenue: Float64Array.from([90]), asOf: Date.UTC(2026, 0, 21) });
    expect([f.recencyDays[0], f.frequency[0], f.monetary[0], f.tenureDays[0], f.averageOrderValue[0], f.daysBetweenOrders[0]]).toEqual([10, 3, 90, 20, 30, 5]);
  });
});

describe("suggested k", () => {
  it("takes the best silhouette near the elbow, not k = 2, and says why", async () => {
    const tried = [
      { k: 2, inertia: 1000, silhouette: 0.45 },
      { k: 3, inertia: 600, silhouette: 0.33 },
      { k: 4, inertia: 400, silhouette: 0.36 },
      { k: 5, inertia: 350, silhouette: 0.31 },
      { k: 6, inertia: 320, silhouette: 0.29 },
      { k: 7, inertia: 300, silhouette: 0.28 },
    ];
    expect(suggestK(tried)).toEqual({
      k: 4,
      reason: "The inertia curve bends at k = 4; of k = 3–5, k = 4 separates the groups best (silhouette 0.36). k = 2 scores a higher silhouette (0.45) but splits the base too coarsely to act on.",
    });
  });
});

describe("RFM movement between two dates", () => {
  it("follows each customer from their segment at the first date to the second", async () => {
    const { computeRfmMovement } = await import("./rfm");
    const m = await computeRfmMovement(Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 31));
    expect(m).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    // B (Jan), D (Feb) and E (Jan) had bought by 1 March; A's first purchase and C's came later.
    expect(m.rows.reduce((a, r) => a + r.customers, 0)).toBe(3);
    expect(m.arrived).toBe(2);
    await expect(computeRfmMovement(Date.UTC(2026, 2, 31), Date.UTC(2026, 2, 1))).rejects.toThrow(new UserError("the first date must come before the second"));
    await expect(computeRfmMovement(Date.UTC(2026, 2, 31), Date.UTC(2026, 2, 1))).rejects.toBeInstanceOf(UserError);
  });
});

describe("RFM segments saved as rules", () => {
  it("match the same customers as the RFM table on this data", async () => {
    const { countRuleMembers } = await import("../../db/segment-rules");
    const { rfmSegmentRule } = await import("../../segments/rfm-rule");
    const { refreshPurchaseStats } = await import("../../db/purchase-stats");
    await refreshPurchaseStats();
    const s = await computeRfmSummary();
    const asOf = Date.parse(`${s.asOf}T00:00:00Z`);
    const counts = await Promise.all(s.segments.map(async (g, i) => [g.name, g.customers, await countRuleMembers(rfmSegmentRule(i, s.cuts, asOf))] as const));
    expect(counts.filter(([, table, rule]) => table !== rule)).toEqual([]);
  });
});

describe("one customer's RFM", () => {
  it("scores them against the whole base, and sees new purchases", async () => {
    const { rfmOfCustomer } = await import("./rfm");
    const id = await getCustomerIdsByExternalId();
    expect(await rfmOfCustomer(id.get("A")!)).toMatchObject({ asOf: "2026-03-31", segment: "Champions" });
    expect(await rfmOfCustomer(id.get("F")!)).toBeNull();
    // F buys: the cached scores are computed again.
    await insertEvents([{ customerId: id.get("F")!, type: "purchase", revenue: 5, orderId: "F1", occurredAt: day("2026-03-30") }]);
    expect(await rfmOfCustomer(id.get("F")!)).not.toBeNull();
  });
});
