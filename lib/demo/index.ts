// The demo shop: a deterministic, seeded world of customers, products, events and campaigns with
// structure planted for the later features to find. Pure: no database, files or clock (the caller
// passes the end date), so the same options give the same shop on every machine.
import { generateCampaignEvents } from "./campaign-events";
import { collectCampaignPurchases } from "./campaign-purchases";
import { generateCampaigns, type DemoCampaign } from "./campaigns";
import { generateCatalogue, type DemoProduct } from "./catalogue";
import { CATEGORIES } from "./catalogue-vocabulary";
import { DAY_MS, startOfUtcDay } from "./calendar";
import { generateCustomers, type DemoCustomer } from "./customers";
import { generateDailyStats } from "./daily-stats";
import { generateEvents } from "./events";
import { forkRng } from "../ml/random";

export type { DemoCampaignEvent } from "./campaign-events";
export type { AgeEffect, DemoCampaign } from "./campaigns";
export type { DemoDailyStat } from "./daily-stats";
export type { DemoProduct } from "./catalogue";
export type { DemoCustomer } from "./customers";
export type { DemoEvent, DemoEventType } from "./events";

export interface DemoOptions {
  seed: number;
  customers: number;
  products: number;
  events: number;
  /** The day the 12 months of history end (exclusive), as epoch milliseconds; rounded down to UTC midnight. */
  endDate: number;
  /**
   * How many customers the per-event campaigns reach at most: the first N, a random sample since customers
   * are drawn independently (every customer when absent). Lets a scale benchmark size campaign events apart
   * from the shop: at the full audience a campaign event count grows by about 8.6 per customer.
   */
  campaignAudience?: number;
}

export const DEFAULT_DEMO_OPTIONS: Omit<DemoOptions, "endDate"> = { seed: 42, customers: 5_000, products: 500, events: 150_000 };

export interface DemoWorld {
  options: DemoOptions;
  windowStart: number;
  windowEnd: number;
  categories: readonly string[];
  customers: readonly DemoCustomer[];
  products: readonly DemoProduct[];
  campaigns: readonly DemoCampaign[];
}

export function validateDemoOptions(o: DemoOptions): void {
  const positive = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  };
  positive("seed", o.seed, 0);
  positive("customers", o.customers, 1);
  positive("products", o.products, CATEGORIES.length);
  positive("events", o.events, 0);
  if (o.campaignAudience !== undefined) positive("campaignAudience", o.campaignAudience, 1);
  if (!Number.isFinite(o.endDate)) throw new RangeError(`endDate must be a time, got ${o.endDate}`);
}

export function createDemoWorld(options: DemoOptions): DemoWorld {
  validateDemoOptions(options);
  const windowEnd = startOfUtcDay(options.endDate);
  const windowStart = windowEnd - 365 * DAY_MS;
  return {
    options,
    windowStart,
    windowEnd,
    categories: CATEGORIES.map((c) => c.name),
    customers: generateCustomers(forkRng(options.seed, "customers"), options.customers, windowStart, windowEnd),
    products: generateCatalogue(forkRng(options.seed, "products"), options.products),
    campaigns: generateCampaigns(windowEnd, campaignAudience(options) / DEFAULT_DEMO_OPTIONS.customers),
  };
}

/**
 * The shop's events: browsing, and a purchase for every campaign conversion; `options.events` of them in
 * all (more only in a shop so small that the conversions alone outnumber that).
 */
export function demoEvents(world: DemoWorld) {
  return generateEvents(forkRng(world.options.seed, "events"), {
    campaignPurchases: collectCampaignPurchases(demoCampaignEvents(world), world.windowEnd),
    customers: world.customers,
    products: world.products,
    categories: world.categories,
    windowStart: world.windowStart,
    windowEnd: world.windowEnd,
    totalEvents: world.options.events,
  });
}

const campaignAudience = (o: DemoOptions) => Math.min(o.customers, o.campaignAudience ?? o.customers);

export function demoCampaignEvents(world: DemoWorld) {
  const audience = world.customers.slice(0, campaignAudience(world.options));
  return generateCampaignEvents(forkRng(world.options.seed, "campaign-events"), world.campaigns, audience, world.products);
}

export function demoDailyStats(world: DemoWorld) {
  return generateDailyStats(forkRng(world.options.seed, "daily-stats"), world.campaigns, world.customers.length);
}
