import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../services/prepare-database";
import { getCampaignIdsByExternalId, insertCampaignEvents, insertCampaigns } from "./campaigns";
import { getCustomerFeatures, getCustomerProfile, listCustomerDailySpend, listTimelineKinds, pageCustomerTimeline, type TimelineRow } from "./customer-profile";
import { getCustomerIdsByExternalId, insertCustomers } from "./customers";
import { insertEvents } from "./events";
import { getProductIdsByExternalId, insertProducts } from "./products";

const at = (iso: string) => new Date(`${iso}Z`);
let A = 0;
let B = 0;

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([
    { externalId: "A", name: "Ann", email: "ann@example.com", gender: "F", age: 41, income: 52_000, country: "United Kingdom", city: "Leeds", signupAt: at("2025-12-01T08:00:00"), attributes: { loyaltyMember: true, device: "mobile", referrer: null } },
    { externalId: "B" },
    { externalId: "C" },
  ]);
  await insertProducts([{ externalId: "p1", name: "Spade" }, { externalId: "p2", name: "Pan" }]);
  await insertCampaigns([{ externalId: "spring", name: "Spring sale" }]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  const spring = (await getCampaignIdsByExternalId()).get("spring")!;
  [A, B] = [c.get("A")!, c.get("B")!];
  const ev = (who: string, type: string, what: string | null, when: string, more: { revenue?: number; quantity?: number; orderId?: string; rating?: number } = {}) => ({ customerId: c.get(who)!, productId: what ? p.get(what)! : null, type, occurredAt: at(when), ...more });
  await insertEvents([
    // Order O1 has two lines at one instant; the Pan line is inserted second, so it has the higher id.
    ev("A", "purchase", "p1", "2026-01-10T12:00:00", { revenue: 30, quantity: 2, orderId: "O1" }),
    ev("A", "purchase", "p2", "2026-01-10T12:00:00", { revenue: 10, orderId: "O1" }),
    // No order id: the purchase time stands in for it.
    ev("A", "purchase", "p1", "2026-02-09T12:00:00", { revenue: 20 }),
    ev("A", "rating", "p1", "2026-02-15T12:00:00", { rating: 4 }),
    ev("A", "view", "p1", "2026-03-01T09:00:00"),
    ev("A", "add_to_cart", "p2", "2026-03-11T11:00:00"),
    ev("A", "purchase", "p2", "2026-03-11T12:00:00", { revenue: 60, orderId: "O3" }),
    ev("A", "return", "p2", "2026-03-20T12:00:00", { revenue: -60, orderId: "O3" }),
    // Someone else's purchase must not leak into A's figures.
    ev("C", "purchase", "p1", "2026-03-30T12:00:00", { revenue: 999, orderId: "C1" }),
  ]);
  await insertCampaignEvents([
    { campaignId: spring, customerId: A, type: "impression", occurredAt: at("2026-01-05T09:00:00") },
    { campaignId: spring, customerId: A, type: "click", occurredAt: at("2026-01-05T10:00:00") },
    { campaignId: spring, customerId: A, type: "conversion", revenue: 30, occurredAt: at("2026-01-05T10:05:00") },
    // At the same instant as purchase O3: the shop event comes first.
    { campaignId: spring, customerId: A, type: "click", occurredAt: at("2026-03-11T12:00:00") },
    { campaignId: spring, customerId: c.get("C")!, type: "click", occurredAt: at("2026-03-11T12:00:00") },
  ]);
});

const line = (r: TimelineRow) => `${r.occurredAt.toISOString().slice(0, 16)} ${r.source} ${r.type} ${r.subject ?? "-"}`;

// A's timeline, newest first.
const TIMELINE = [
  "2026-03-20T12:00 event return Pan",
  "2026-03-11T12:00 event purchase Pan",
  "2026-03-11T12:00 campaign click Spring sale",
  "2026-03-11T11:00 event add_to_cart Pan",
  "2026-03-01T09:00 event view Spade",
  "2026-02-15T12:00 event rating Spade",
  "2026-02-09T12:00 event purchase Spade",
  "2026-01-10T12:00 event purchase Pan",
  "2026-01-10T12:00 event purchase Spade",
  "2026-01-05T10:05 campaign conversion Spring sale",
  "2026-01-05T10:00 campaign click Spring sale",
  "2026-01-05T09:00 campaign impression Spring sale",
];

describe("customer profile", () => {
  it("reads the record with its imported attributes, and nothing for an unknown id", async () => {
    const a = (await getCustomerProfile(A))!;
    expect(a).toMatchObject({ externalId: "A", name: "Ann", gender: "F", age: 41, birthYear: null, education: null, income: 52_000, city: "Leeds" });
    expect(a.signupAt).toEqual(at("2025-12-01T08:00:00"));
    expect(a.attributes).toEqual([["loyaltyMember", true], ["device", "mobile"], ["referrer", null]]);
    expect((await getCustomerProfile(B))!.attributes).toEqual([]);
    expect(await getCustomerProfile(999_999)).toBeNull();
  });

  it("computes purchase and campaign features for one customer", async () => {
    // Orders: O1 (two lines), the purchase without an id, O3. Returns are not purchases.
    expect(await getCustomerFeatures(A, at("2026-03-21T12:00:00").getTime())).toEqual({
      orders: 3,
      revenue: 120,
      firstPurchaseAt: at("2026-01-10T12:00:00"),
      lastPurchaseAt: at("2026-03-11T12:00:00"),
      daysSinceLastPurchase: 10,
      averageOrderValue: 40,
      meanDaysBetweenOrders: 30, // 60 days between the first and last of 3 orders
      campaignClicks: 2,
      campaignConversions: 1,
    });
    expect(await getCustomerFeatures(B, Date.now())).toEqual({
      orders: 0, revenue: 0, firstPurchaseAt: null, lastPurchaseAt: null, daysSinceLastPurchase: null,
      averageOrderValue: null, meanDaysBetweenOrders: null, campaignClicks: 0, campaignConversions: 0,
    });
  });

  it("sums spend per day with orders counted once", async () => {
    expect(await listCustomerDailySpend(A)).toEqual([
      { day: "2026-01-10", revenue: 40, orders: 1 },
      { day: "2026-02-09", revenue: 20, orders: 1 },
      { day: "2026-03-11", revenue: 60, orders: 1 },
    ]);
    expect(await listCustomerDailySpend(B)).toEqual([]);
  });
});

describe("customer timeline", () => {
  it("merges events and campaign events newest first, and pages through them without overlap", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => pageCustomerTimeline(A, { page, pageSize: 5 })));
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((p) => p.rows.map(line))).toEqual(TIMELINE);
    expect(await pageCustomerTimeline(A, { page: 4, pageSize: 5 })).toMatchObject({ rows: [], total: 12 });
    const o1 = pages[1]!.rows.filter((r) => r.orderId === "O1");
    expect(o1.map((r) => [r.quantity, r.revenue])).toEqual([[1, 10], [2, 30]]);
    expect(pages[1]!.rows.find((r) => r.type === "rating")!.rating).toBe(4);
    expect(pages[1]!.rows[4]).toMatchObject({ source: "campaign", type: "conversion", revenue: 30, quantity: null, orderId: null });
  });

  it("counts each kind, and filters by one", async () => {
    expect((await listTimelineKinds(A)).map((k) => [k.key, k.count])).toEqual([
      ["add_to_cart", 1], ["purchase", 4], ["rating", 1], ["return", 1], ["view", 1],
      ["campaign:click", 2], ["campaign:conversion", 1], ["campaign:impression", 1],
    ]);
    const clicks = await pageCustomerTimeline(A, { page: 1, pageSize: 25, kind: "campaign:click" });
    expect([clicks.total, clicks.rows.map(line)]).toEqual([2, [TIMELINE[2], TIMELINE[10]]]);
    const purchases = await pageCustomerTimeline(A, { page: 2, pageSize: 3, kind: "purchase" });
    expect([purchases.total, purchases.rows.map(line)]).toEqual([4, [TIMELINE[8]]]);
    expect(await pageCustomerTimeline(A, { page: 1, pageSize: 25, kind: "refund" })).toMatchObject({ rows: [], total: 0 });
    expect(await pageCustomerTimeline(B, { page: 1, pageSize: 25 })).toMatchObject({ rows: [], total: 0 });
    expect(await listTimelineKinds(B)).toEqual([]);
  });

  it("filters by a set of event types, leaving campaign events out", async () => {
    const rows = await pageCustomerTimeline(A, { page: 1, pageSize: 25, eventTypes: ["rating", "view"] });
    expect(rows.total).toBe(2);
    expect(rows.rows.map((r) => `${r.type} ${r.subject}`)).toEqual(["view Spade", "rating Spade"]);
    expect(await pageCustomerTimeline(A, { page: 1, pageSize: 25, eventTypes: [] })).toMatchObject({ rows: [], total: 0 });
  });
});
