import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../services/prepare-database";
import { getCustomerIdsByExternalId, insertCustomers } from "./customers";
import { insertEvents } from "./events";
import { getProductIdsByExternalId, insertProducts } from "./products";
import { refreshPurchaseStats } from "./purchase-stats";
import { profileSegment, segmentStats } from "./segment-profile";

const day = (d: string) => new Date(`${d}T12:00:00Z`);

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([
    { externalId: "A", country: "UK" },
    { externalId: "B", country: "UK" },
    { externalId: "C", country: "France" },
    { externalId: "D", country: "" },
  ]);
  await insertProducts([
    { externalId: "p1", name: "Spade", category: "Garden" },
    { externalId: "p2", name: "Pan", category: "Kitchen" },
  ]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  const buy = (who: string, what: string, d: string, revenue: number, order: string) => ({ customerId: c.get(who)!, productId: p.get(what)!, type: "purchase", revenue, orderId: order, occurredAt: day(d) });
  await insertEvents([
    buy("A", "p1", "2026-03-30", 30, "a1"), buy("A", "p2", "2026-03-30", 10, "a1"), buy("A", "p2", "2026-01-10", 20, "a2"),
    buy("B", "p2", "2025-01-01", 100, "b1"),
    buy("C", "p1", "2026-02-15", 40, "c1"),
  ]);
  await refreshPurchaseStats();
});

describe("segment profile", () => {
  const uk = { field: "country", op: "eq", value: "UK" } as const;

  it("counts members and their revenue against the whole base", async () => {
    expect(await segmentStats(uk)).toEqual({ members: 2, customers: 4, revenue: 160, totalRevenue: 200 });
  });

  it("shares by recency, orders, country and category spend, beside the base", async () => {
    const p = await profileSegment(uk);
    // Latest purchase 30 March: recency counts back from 31 March. A bought 1 day before, B 454 days before;
    // C 44 days before; D never.
    expect(p.asOf).toBe("2026-03-31");
    const bar = (bars: typeof p.recency, label: string) => bars.find((b) => b.label === label)!;
    expect(bar(p.recency, "≤ 30 days")).toEqual({ label: "≤ 30 days", segment: 0.5, base: 0.25 });
    expect(bar(p.recency, "> 1 year")).toEqual({ label: "> 1 year", segment: 0.5, base: 0.25 });
    expect(bar(p.recency, "31–90 days")).toEqual({ label: "31–90 days", segment: 0, base: 0.25 });
    expect(bar(p.recency, "Never bought")).toEqual({ label: "Never bought", segment: 0, base: 0.25 });
    // A has 2 orders, B 1; base adds C (1) and D (0).
    expect(p.orders.map((b) => [b.label, b.segment, b.base])).toEqual([["0", 0, 0.25], ["1", 0.5, 0.5], ["2", 0.5, 0.25], ["3–5", 0, 0], ["6–10", 0, 0], ["> 10", 0, 0]]);
    expect(p.countries).toEqual([{ label: "UK", segment: 1, base: 0.5 }, { label: "Other", segment: 0, base: 0.5 }]);
    // UK spend: Kitchen 130, Garden 30 of 160; everyone: Kitchen 130, Garden 70 of 200.
    expect(p.categories).toEqual([{ label: "Kitchen", segment: 130 / 160, base: 130 / 200 }, { label: "Garden", segment: 30 / 160, base: 70 / 200 }]);
  });
});

describe("segment profile on purchase fields", () => {
  it("profiles a rule on orders (which joins the purchase summary) in every chart", async () => {
    const p = await profileSegment({ field: "orders", op: "gte", value: 1 });
    expect(p.members).toBe(3);
    expect(p.countries.map((b) => [b.label, b.segment])).toEqual([["UK", 2 / 3], ["France", 1 / 3], ["Other", 0]]);
    expect(p.orders.find((b) => b.label === "0")!.segment).toBe(0);
  });
});

describe("segment members search", () => {
  it("finds members by part of their id or country, ignoring case, and treats % and _ literally", async () => {
    const { pageRuleMembers } = await import("./segment-rules");
    const everyone = { all: [] };
    const ids = async (q: string) => (await pageRuleMembers(everyone, { page: 1, pageSize: 10, sort: "externalId", dir: "asc", q })).rows.map((r) => r.externalId);
    expect(await ids("fra")).toEqual(["C"]);
    expect(await ids("uk")).toEqual(["A", "B"]);
    expect(await ids("%")).toEqual([]);
    expect((await pageRuleMembers(everyone, { page: 1, pageSize: 10, sort: "externalId", dir: "asc", q: "uk" })).total).toBe(2);
  });
});
