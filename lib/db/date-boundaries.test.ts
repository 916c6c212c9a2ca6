// Reads through Prisma bind a Date where the raw driver bound storedDate() text: these check the same rows
// still fall each side of every cut, one millisecond apart, for rows written by the bulk path and by Prisma.
import { beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "../days";
import { prepareDatabase } from "../services/prepare-database";
import { getCampaignIdsByExternalId, insertCampaignEvents, insertCampaigns } from "./campaigns";
import { getDb } from "./client";
import { loadCustomerExtras, topCategories } from "./customer-extras";
import { getCustomerIdsByExternalId, insertCustomers } from "./customers";
import { insertEvents } from "./events";
import { getProductIdsByExternalId, insertProducts } from "./products";
import { loadPurchaseHistory } from "./purchase-history";
import { refreshPurchaseStats } from "./purchase-stats";
import { loadRecsDataset } from "./recs-data";
import { profileSegment } from "./segment-profile";
import { countRuleMembers, listRuleMembers } from "./segment-rules";

const MIDNIGHT = Date.parse("2026-03-21T00:00:00Z");
const JUST_BEFORE = new Date(MIDNIGHT - 1); // 2026-03-20T23:59:59.999Z
const ON = new Date(MIDNIGHT);

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  // "before" and "on" through the bulk path (storedDate text), "prisma-*" through Prisma's own writes.
  await insertCustomers([
    { externalId: "before", signupAt: JUST_BEFORE },
    { externalId: "on", signupAt: ON },
    { externalId: "never" },
  ]);
  await getDb().customer.create({ data: { externalId: "prisma-before", signupAt: JUST_BEFORE } });
  await getDb().customer.create({ data: { externalId: "prisma-on", signupAt: ON } });
  await insertProducts([{ externalId: "p1", name: "Spade", category: "Garden" }, { externalId: "p2", name: "Pan", category: "Kitchen" }]);
  await insertCampaigns([{ externalId: "k", name: "Spring" }]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  const k = (await getCampaignIdsByExternalId()).get("k")!;
  await insertEvents([
    { customerId: c.get("before")!, productId: p.get("p1")!, type: "purchase", revenue: 10, orderId: "b1", occurredAt: JUST_BEFORE },
    { customerId: c.get("on")!, productId: p.get("p2")!, type: "purchase", revenue: 500, orderId: "o1", occurredAt: ON },
  ]);
  await insertCampaignEvents([
    { campaignId: k, customerId: c.get("before")!, type: "click", occurredAt: JUST_BEFORE },
    { campaignId: k, customerId: c.get("on")!, type: "click", occurredAt: ON },
  ]);
  await refreshPurchaseStats();
});

const ids = async (rule: Parameters<typeof listRuleMembers>[0], now = MIDNIGHT) => (await listRuleMembers(rule, { offset: 0, limit: 100 }, now)).map((r) => r.externalId);

describe("date cuts through Prisma", () => {
  it("puts 23:59:59.999 on the day and midnight on the next, for bulk-written and Prisma-written rows", async () => {
    expect(await ids({ field: "signupAt", op: "lte", value: "2026-03-20" })).toEqual(["before", "prisma-before"]);
    expect(await ids({ field: "signupAt", op: "lt", value: "2026-03-21" })).toEqual(["before", "prisma-before"]);
    expect(await ids({ field: "signupAt", op: "gt", value: "2026-03-20" })).toEqual(["on", "prisma-on"]);
    expect(await ids({ field: "signupAt", op: "gte", value: "2026-03-21" })).toEqual(["on", "prisma-on"]);
    expect(await ids({ field: "signupAt", op: "between", values: ["2026-03-20", "2026-03-20"] })).toEqual(["before", "prisma-before"]);
    expect(await ids({ field: "lastPurchaseAt", op: "lte", value: "2026-03-20" })).toEqual(["before"]);
  });

  it("counts 'within the last N days' from now, the cut itself included", async () => {
    // Now is midnight + 1 day: within 1 day starts exactly at midnight.
    expect(await ids({ field: "signupAt", op: "withinDays", value: 1 }, MIDNIGHT + DAY_MS)).toEqual(["on", "prisma-on"]);
  });

  it("counts as a plain number, not a bigint", async () => {
    const n = await countRuleMembers({ field: "signupAt", op: "notEmpty" }, MIDNIGHT);
    expect(n).toBe(4);
    expect(typeof n).toBe("number");
  });

  it("leaves an event at the analysis date out of the history, and one a millisecond earlier in", async () => {
    const h = await loadPurchaseHistory(MIDNIGHT);
    expect(Array.from(h.revenue)).toEqual([10]);
    expect(Array.from(h.firstAt)).toEqual([MIDNIGHT - 1]);
    await loadCustomerExtras(h, new Set(["engagement", "categories"]));
    expect(Array.from(h.clicks!)).toEqual([1]);
    expect(h.categories).toEqual(["Garden"]);
    expect(await topCategories(MIDNIGHT + 1)).toEqual(["Kitchen", "Garden"]);
    const later = await loadPurchaseHistory(MIDNIGHT + 1);
    expect(Array.from(later.revenue)).toEqual([10, 500]);
    expect(Array.from(later.lastAt)).toEqual([MIDNIGHT - 1, MIDNIGHT]);
  });

  it("cuts recommender events at `before` the same way, with times to the millisecond", async () => {
    const ds = await loadRecsDataset(["purchase"], MIDNIGHT);
    expect(Array.from(ds.events.time)).toEqual([MIDNIGHT - 1]);
    expect(ds.lastEventAt).toBe(MIDNIGHT - 1);
    expect((await loadRecsDataset(["purchase"])).events.time.length).toBe(2);
  });

  it("buckets recency from the day after the latest purchase, the bucket's first instant included", async () => {
    // Latest purchase at midnight 21 March: as of 22 March. "on" bought 1 day before, "before" 1 day + 1 ms.
    const p = await profileSegment({ field: "orders", op: "gte", value: 1 });
    expect(p.asOf).toBe("2026-03-22");
    expect(p.recency.find((b) => b.label === "≤ 30 days")).toEqual({ label: "≤ 30 days", segment: 1, base: 2 / 5 });
  });
});
