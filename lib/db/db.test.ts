import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "../env";
import { getDb } from "./client";
import { DatabaseNotEmptyError, seedDemo } from "../services/seed-demo";
import { getCampaignIdsByExternalId, getCampaignSpan, insertCampaignEvents, insertCampaigns, insertDailyStats, listCampaignPerformance } from "./campaigns";
import { countCustomersBy, getCustomerActivity, getCustomerIdsByExternalId, insertCustomers, listCustomers } from "./customers";
import { insertEvents, listDistinctEventTypes, listRecentEvents } from "./events";
import { countTables, deleteAllData, isDatabaseEmpty } from "./maintenance";
import { getDailySales, getEventSpan, getOverviewKpis, totalSales } from "./overview";
import { getProductIdsByExternalId, getProductSales, insertProducts, listBestSellers, listProducts } from "./products";
import { applyMigrations } from "./schema-engine";

const at = (s: string) => new Date(s);
const march = { from: at("2026-03-01T00:00:00Z"), to: at("2026-04-01T00:00:00Z") };

async function loadSmallShop() {
  await insertCustomers([
    { externalId: "C1", name: "Ana Silva", country: "United Kingdom", city: "Leeds", age: 30, signupAt: at("2026-01-10T09:00:00Z"), attributes: { vip: true } },
    { externalId: "C2", name: "Ben Weber", country: "Germany", city: "Berlin", age: 40, signupAt: at("2026-03-15T09:00:00Z") },
    { externalId: "C3", name: "Cy Doe", country: "Germany", city: "Hamburg", age: null },
  ]);
  await insertProducts([
    { externalId: "P1", name: "Chef's Knife", category: "Kitchen", price: 10 },
    { externalId: "P2", name: "Mystery Novel", category: "Books", price: 25, isActive: false },
  ]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  await insertEvents([
    { customerId: c.get("C1")!, productId: p.get("P1")!, type: "purchase", quantity: 2, revenue: 20, orderId: "O1", occurredAt: at("2026-03-01T10:00:00Z") },
    { customerId: c.get("C1")!, productId: p.get("P2")!, type: "purchase", quantity: 1, revenue: 25, orderId: "O1", occurredAt: at("2026-03-01T10:00:00Z") },
    { customerId: c.get("C1")!, productId: p.get("P2")!, type: "view", occurredAt: at("2026-03-02T11:00:00Z") },
    { customerId: c.get("C2")!, productId: p.get("P2")!, type: "purchase", revenue: 25, orderId: "O2", occurredAt: at("2026-03-03T23:59:59Z") },
    { customerId: c.get("C2")!, productId: p.get("P1")!, type: "purchase", revenue: 10, orderId: "O3", occurredAt: at("2026-04-10T08:00:00Z") },
  ]);
  await insertCampaigns([
    { externalId: "K1", name: "Spring email", channel: "email", startAt: at("2026-03-01T00:00:00Z") },
    { externalId: "K2", name: "Brand search", channel: "search", startAt: at("2026-02-01T00:00:00Z") },
  ]);
  const k = await getCampaignIdsByExternalId();
  const imp = (t: string) => ({ campaignId: k.get("K1")!, customerId: c.get("C1")!, type: "impression" as const, cost: 0.5, occurredAt: at(t) });
  await insertCampaignEvents([
    imp("2026-03-02T10:00:00Z"),
    imp("2026-03-02T11:00:00Z"),
    imp("2026-03-03T10:00:00Z"),
    imp("2026-03-04T10:00:00Z"),
    { campaignId: k.get("K1")!, customerId: c.get("C1")!, type: "click", occurredAt: at("2026-03-04T10:01:00Z") },
    { campaignId: k.get("K1")!, customerId: c.get("C1")!, type: "conversion", revenue: 30, occurredAt: at("2026-03-04T10:30:00Z") },
  ]);
  await insertDailyStats([
    { campaignId: k.get("K2")!, date: at("2026-03-05T00:00:00Z"), segment: "mobile", impressions: 100, clicks: 5, conversions: 1, cost: 2.5, revenue: 40 },
    { campaignId: k.get("K2")!, date: at("2026-02-05T00:00:00Z"), segment: "mobile", impressions: 50, clicks: 1, conversions: 0, cost: 0.5, revenue: 0 },
  ]);
}

beforeAll(async () => {
  await applyMigrations(env.DATABASE_URL);
});

beforeEach(async () => {
  await deleteAllData();
});

describe("overview queries", () => {
  it("computes the KPIs of a range exactly", async () => {
    await loadSmallShop();
    const k = await getOverviewKpis(march);
    expect(k).toMatchObject({ customers: 3, newCustomers: 1, products: 2, activeProducts: 1, campaigns: 2, events: 4, impressions: 104, clicks: 6, conversions: 2 });
    expect(k.eventsByType).toEqual([{ type: "purchase", count: 3 }, { type: "view", count: 1 }]);
    expect(totalSales(await getDailySales(march))).toEqual({ revenue: 70, returns: 0, netRevenue: 70, orders: 2, purchases: 3 });
    expect(await listDistinctEventTypes()).toEqual(["purchase", "view"]);
  });

  it("sums sales per UTC day, a second before midnight included", async () => {
    await loadSmallShop();
    expect(await getDailySales(march)).toEqual([
      { day: "2026-03-01", revenue: 45, returns: 0, orders: 1, purchases: 2 },
      { day: "2026-03-03", revenue: 25, returns: 0, orders: 1, purchases: 1 },
    ]);
    expect(await getEventSpan()).toEqual({ first: at("2026-03-01T10:00:00Z"), last: at("2026-04-10T08:00:00Z") });
  });

  it("takes returns off the gross: gross, returns and net, and a day with only a return", async () => {
    await loadSmallShop();
    const [c] = await getDb().customer.findMany({ take: 1 });
    const [p] = await getDb().product.findMany({ take: 1 });
    await insertEvents([
      { customerId: c!.id, productId: p!.id, type: "return", quantity: -1, revenue: -12.5, rating: null, orderId: "C9", occurredAt: at("2026-03-01T12:00:00Z") },
      { customerId: c!.id, productId: p!.id, type: "return", quantity: -2, revenue: -5.25, rating: null, orderId: "C10", occurredAt: at("2026-03-02T12:00:00Z") },
    ]);
    expect(await getDailySales(march)).toEqual([
      { day: "2026-03-01", revenue: 45, returns: 12.5, orders: 1, purchases: 2 },
      { day: "2026-03-02", revenue: 0, returns: 5.25, orders: 0, purchases: 0 },
      { day: "2026-03-03", revenue: 25, returns: 0, orders: 1, purchases: 1 },
    ]);
    expect(totalSales(await getDailySales(march))).toEqual({ revenue: 70, returns: 17.75, netRevenue: 52.25, orders: 2, purchases: 3 });
  });

  it("returns zeros, not errors, on an empty database", async () => {
    const k = await getOverviewKpis(march);
    expect(k).toMatchObject({ customers: 0, events: 0, impressions: 0 });
    expect(k.eventsByType).toEqual([]);
    expect(await getDailySales(march)).toEqual([]);
    expect(await getEventSpan()).toEqual({ first: null, last: null });
    expect(await isDatabaseEmpty()).toBe(true);
  });
});

describe("customers and products", () => {
  it("pages, sorts with missing values last, and searches", async () => {
    await loadSmallShop();
    const byAge = await listCustomers({ page: 1, pageSize: 2, sort: "age", dir: "desc", q: "" });
    expect(byAge.total).toBe(3);
    expect(byAge.rows.map((r) => r.externalId)).toEqual(["C2", "C1"]);
    const next = await listCustomers({ page: 2, pageSize: 2, sort: "age", dir: "desc", q: "" });
    expect(next.rows.map((r) => r.externalId)).toEqual(["C3"]);
    const found = await listCustomers({ page: 1, pageSize: 25, sort: "externalId", dir: "asc", q: "Berl" });
    expect(found.rows.map((r) => r.name)).toEqual(["Ben Weber"]);
  });

  it("summarises each customer's purchases", async () => {
    await loadSmallShop();
    const ids = await getCustomerIdsByExternalId();
    const a = await getCustomerActivity([ids.get("C1")!, ids.get("C2")!, ids.get("C3")!]);
    expect(a.get(ids.get("C1")!)).toEqual({ orders: 1, revenue: 45, lastPurchaseAt: at("2026-03-01T10:00:00Z") });
    expect(a.get(ids.get("C2")!)).toEqual({ orders: 2, revenue: 35, lastPurchaseAt: at("2026-04-10T08:00:00Z") });
    expect(a.has(ids.get("C3")!)).toBe(false);
    expect(await countCustomersBy("country")).toEqual([{ value: "Germany", count: 2 }, { value: "United Kingdom", count: 1 }]);
  });

  it("lists products with sales and ranks best sellers by buyers", async () => {
    await loadSmallShop();
    const page = await listProducts({ page: 1, pageSize: 25, sort: "price", dir: "desc", category: "Books" });
    expect(page.rows.map((r) => [r.externalId, r.isActive])).toEqual([["P2", false]]);
    const p = await getProductIdsByExternalId();
    expect((await getProductSales([p.get("P2")!])).get(p.get("P2")!)).toEqual({ productId: p.get("P2")!, purchases: 2, units: 2, revenue: 50, buyers: 2 });
    const best = await listBestSellers(march, 5);
    expect(best.map((b) => [b.name, b.buyers, b.revenue])).toEqual([["Mystery Novel", 2, 50], ["Chef's Knife", 1, 20]]);
  });

  it("lists events newest first and filters by type", async () => {
    await loadSmallShop();
    const all = await listRecentEvents({ page: 1, pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.occurredAt)).toEqual([at("2026-04-10T08:00:00Z"), at("2026-03-03T23:59:59Z")]);
    const views = await listRecentEvents({ page: 1, pageSize: 10, type: "view" });
    expect(views.rows.map((r) => [r.customer?.externalId, r.product?.name])).toEqual([["C1", "Mystery Novel"]]);
  });
});

describe("campaigns", () => {
  it("adds event-level and daily-report figures per campaign within the range", async () => {
    await loadSmallShop();
    const rows = await listCampaignPerformance(march);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName["Spring email"]).toMatchObject({ impressions: 4, clicks: 1, conversions: 1, cost: 2, revenue: 30, source: "events" });
    expect(byName["Brand search"]).toMatchObject({ impressions: 100, clicks: 5, conversions: 1, cost: 2.5, revenue: 40, source: "daily" });
    expect(await getCampaignSpan()).toEqual({ first: at("2026-02-05T00:00:00Z"), last: at("2026-03-05T00:00:00Z") });
  });
});

describe("writes", () => {
  it("writes a batch all or nothing", async () => {
    await loadSmallShop();
    const before = (await countTables()).events;
    const c = await getCustomerIdsByExternalId();
    await expect(
      insertEvents([
        { customerId: c.get("C1")!, type: "view", occurredAt: at("2026-05-01T00:00:00Z") },
        { customerId: 999_999, type: "view", occurredAt: at("2026-05-01T00:00:00Z") },
      ]),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect((await countTables()).events).toBe(before);
  });

  it("seeds the demo shop only into an empty database unless told to reset", async () => {
    const options = { seed: 3, customers: 60, products: 24, events: 900, endDate: Date.UTC(2026, 10, 22) };
    const s = await seedDemo(options);
    expect(s).toMatchObject({ customers: 60, products: 24, events: 900, campaigns: 15, from: "2025-11-22", to: "2026-11-21" });
    expect(await countTables()).toMatchObject({ customers: 60, products: 24, events: 900, campaigns: 15, campaignEvents: s.campaignEvents, dailyStats: s.dailyStats });
    await expect(seedDemo(options)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    const again = await seedDemo({ ...options, customers: 30 }, { reset: true });
    expect(again.customers).toBe(30);
    expect((await countTables()).customers).toBe(30);
  });
});
