import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDemoWorld, demoCampaignEvents, demoDailyStats, demoEvents, type DemoEvent, type DemoWorld } from ".";
import { DAY_MS } from "../days";
import { allocateEvents } from "./events";
import { TASTE_GROUPS } from "./taste-groups";

const END = Date.UTC(2026, 10, 22);
const small = { seed: 7, customers: 2_000, products: 120, events: 60_000, endDate: END };

function allEvents(world: DemoWorld): DemoEvent[] {
  const out: DemoEvent[] = [];
  for (const batch of demoEvents(world)) out.push(...batch);
  return out;
}

function fingerprint(world: DemoWorld): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(world.customers));
  h.update(JSON.stringify(world.products));
  for (const batch of demoEvents(world)) h.update(JSON.stringify(batch));
  for (const batch of demoCampaignEvents(world)) h.update(JSON.stringify(batch));
  h.update(JSON.stringify(demoDailyStats(world)));
  return h.digest("hex");
}

const world = createDemoWorld(small);
const events = allEvents(world);

describe("demo shop generator", () => {
  it("gives the same shop for the same options and another for another seed", () => {
    expect(fingerprint(createDemoWorld(small))).toBe(fingerprint(createDemoWorld(small)));
    expect(fingerprint(createDemoWorld({ ...small, seed: 8 }))).not.toBe(fingerprint(world));
  });

  it("makes exactly the sizes asked for, inside the 12-month window", () => {
    expect(world.customers).toHaveLength(2_000);
    expect(world.products).toHaveLength(120);
    expect(events).toHaveLength(60_000);
    expect(new Set(world.products.map((p) => p.name)).size).toBe(120);
    expect(new Set(world.customers.map((c) => c.externalId)).size).toBe(2_000);
    expect(new Set(world.categories).size).toBe(12);
    expect(Math.min(...events.map((e) => e.occurredAt))).toBeGreaterThanOrEqual(world.windowStart);
    expect(Math.max(...events.map((e) => e.occurredAt))).toBeLessThan(world.windowEnd);
    expect(world.campaigns).toHaveLength(15);
  });

  it("refuses impossible sizes with a message naming the value", () => {
    expect(() => createDemoWorld({ ...small, customers: 0 })).toThrow("customers must be an integer >= 1, got 0");
    expect(() => createDemoWorld({ ...small, products: 5 })).toThrow("products must be an integer >= 12, got 5");
    expect(() => createDemoWorld({ ...small, events: 1.5 })).toThrow("events must be an integer >= 0, got 1.5");
  });

  it("keeps campaigns to the first N customers when a campaign audience is given, and the shop otherwise the same", () => {
    const capped = createDemoWorld({ ...small, campaignAudience: 500 });
    const touched = new Set<number>();
    let count = 0;
    for (const batch of demoCampaignEvents(capped)) {
      for (const e of batch) touched.add(e.customer);
      count += batch.length;
    }
    let full = 0;
    for (const batch of demoCampaignEvents(world)) full += batch.length;
    expect(Math.max(...touched)).toBeLessThan(500);
    // About a quarter of the audience, about a quarter of the campaign events.
    expect(count / full).toBeGreaterThan(0.2);
    expect(count / full).toBeLessThan(0.3);
    expect(JSON.stringify(capped.customers)).toBe(JSON.stringify(world.customers));
    expect(() => createDemoWorld({ ...small, campaignAudience: 0 })).toThrow("campaignAudience must be an integer >= 1, got 0");
  });

  it("splits the event budget exactly", () => {
    expect(Array.from(allocateEvents([1, 1, 2], 10))).toEqual([3, 2, 5]);
    expect(Array.from(allocateEvents([0, 0], 5))).toEqual([0, 0]);
  });

  it("writes purchases with order ids and revenue = price × quantity", () => {
    const purchases = events.filter((e) => e.type === "purchase");
    // Seed 7 fixes the mix. It matches the funnel in events.ts: 30% of views go to the cart (20–36%, most
    // views being in the customer's taste group), 57% of carts are bought (60%, less where the event budget
    // cuts a session short), 21% of purchases are rated (22%). 140 purchases are campaign conversions, which
    // took the place of their customers' last 140 browsing events (96 views, 22 carts, 18 purchases, 4
    // ratings): 39,587 + 11,968 + (6,862 + 140) + 1,443 = 60,000.
    const byType = Object.fromEntries(["view", "add_to_cart", "purchase", "rating"].map((t) => [t, events.filter((e) => e.type === t).length]));
    expect(byType).toEqual({ view: 39_587, add_to_cart: 11_968, purchase: 7_002, rating: 1_443 });
    for (const p of purchases.slice(0, 500)) {
      expect(p.orderId).toMatch(/^O\d{8}$/);
      expect(p.revenue).toBeCloseTo(world.products[p.product]!.price * p.quantity, 2);
    }
    const ratings = events.filter((e) => e.type === "rating");
    expect(ratings.every((r) => r.rating !== null && r.rating >= 1 && r.rating <= 5)).toBe(true);
  });

  it("plants taste groups: most of a customer's purchases fall in their group's categories", () => {
    let inGroup = 0;
    let total = 0;
    for (const e of events) {
      if (e.type !== "purchase") continue;
      total++;
      const cats = TASTE_GROUPS[world.customers[e.customer]!.tasteGroup]!.categories;
      if (cats.includes(world.products[e.product]!.category)) inGroup++;
    }
    // Two of twelve categories would get 1/6 of purchases by chance.
    expect(inGroup / total).toBeGreaterThan(0.6);
  });

  it("plants weekly and yearly seasonality", () => {
    const perWeekday = new Array(7).fill(0);
    const perMonth = new Array(12).fill(0);
    for (const e of events) {
      const d = new Date(e.occurredAt);
      perWeekday[d.getUTCDay()]++;
      perMonth[d.getUTCMonth()]++;
    }
    const weekend = (perWeekday[0] + perWeekday[6]) / 2;
    const midweek = (perWeekday[2] + perWeekday[3]) / 2;
    expect(weekend / midweek).toBeGreaterThan(1.15);
    // December (31 days, fully inside the window) against February (28 days).
    expect(perMonth[11] / 31 / (perMonth[1] / 28)).toBeGreaterThan(1.4);
  });

  it("plants products bought together: the next view is often the product's complement", () => {
    let pairs = 0;
    let complements = 0;
    for (let i = 1; i < events.length; i++) {
      const a = events[i - 1]!;
      const b = events[i]!;
      if (a.customer !== b.customer || b.type !== "view" || b.occurredAt - a.occurredAt > 600_000) continue;
      pairs++;
      if (world.products[a.product]!.complement === b.product) complements++;
    }
    expect(complements / pairs).toBeGreaterThan(0.15);
  });

  it("lets some customers lapse, so recency separates them", () => {
    const last = new Map<number, number>();
    for (const e of events) last.set(e.customer, Math.max(last.get(e.customer) ?? 0, e.occurredAt));
    const lapsed = [...last.values()].filter((t) => t < world.windowEnd - 120 * DAY_MS).length;
    expect(lapsed / last.size).toBeGreaterThan(0.15);
  });

  it("plants campaign response: an A/B pair with a real difference, and targeting that matters", () => {
    const tally = new Map<number, { imp: number; clk: number }>();
    const outdoor = world.campaigns.findIndex((c) => c.category === "Garden & Outdoor");
    const byTaste = { fan: { imp: 0, clk: 0 }, other: { imp: 0, clk: 0 } };
    for (const batch of demoCampaignEvents(world)) {
      for (const e of batch) {
        const t = tally.get(e.campaign) ?? { imp: 0, clk: 0 };
        if (e.type === "impression") t.imp++;
        if (e.type === "click") t.clk++;
        tally.set(e.campaign, t);
        if (e.campaign === outdoor && e.type !== "conversion") {
          const fan = TASTE_GROUPS[world.customers[e.customer]!.tasteGroup]!.categories.includes("Garden & Outdoor");
          byTaste[fan ? "fan" : "other"][e.type === "impression" ? "imp" : "clk"]++;
        }
      }
    }
    const a = tally.get(world.campaigns.findIndex((c) => c.variant === "A"))!;
    const b = tally.get(world.campaigns.findIndex((c) => c.variant === "B"))!;
    const pa = a.clk / a.imp;
    const pb = b.clk / b.imp;
    const p = (a.clk + b.clk) / (a.imp + b.imp);
    const z = (pb - pa) / Math.sqrt(p * (1 - p) * (1 / a.imp + 1 / b.imp));
    expect(z).toBeGreaterThan(2);
    expect(byTaste.fan.clk / byTaste.fan.imp).toBeGreaterThan(1.8 * (byTaste.other.clk / byTaste.other.imp));
  });

  it("reports search campaigns as daily rows per device", () => {
    const rows = demoDailyStats(world);
    expect(new Set(rows.map((r) => r.segment))).toEqual(new Set(["mobile", "desktop", "tablet"]));
    expect(rows.every((r) => r.clicks <= r.impressions && r.conversions <= r.clicks && r.date % DAY_MS === 0)).toBe(true);
  });
});
