// Loads the generated demo shop into the database, streaming events in batches so that a
// 2,000,000-event benchmark database never holds all its events in memory. On SQLite the event tables'
// secondary indexes are dropped while they fill and built once at the end, as a large import does
// (lib/db/bulk-load.ts): maintaining four B-trees row by row is most of the time at 10,000,000 events.
import { createDemoWorld, demoCampaignEvents, demoDailyStats, demoEvents, type DemoOptions } from "../demo";
import { getCampaignIdsByExternalId, insertCampaignEvents, insertCampaigns, insertDailyStats, type CampaignEventInput } from "../db/campaigns";
import { getCustomerIdsByExternalId, insertCustomers } from "../db/customers";
import { insertEvents, type EventInput } from "../db/events";
import { deleteAllData, isDatabaseEmpty } from "../db/maintenance";
import { getProductIdsByExternalId, insertProducts } from "../db/products";
import { refreshPurchaseStats } from "../db/purchase-stats";
import { bulkConnection } from "../db/bulk-insert";
import { dropSecondaryIndexes, restoreIndexes } from "../db/bulk-load";
import { configuredProvider } from "../env";

export interface SeedSummary {
  seed: number;
  customers: number;
  products: number;
  events: number;
  campaigns: number;
  campaignEvents: number;
  dailyStats: number;
  from: string;
  to: string;
  seconds: number;
}

export type SeedProgress = (stage: string, done: number, total: number) => void;

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("the database already holds data; pass --reset to replace it with the demo shop");
    this.name = "DatabaseNotEmptyError";
  }
}

const BATCH = 20_000;

/** Writes `rows` BATCH at a time, each batch shaped by `shape` only when written (a million customers are never copied whole). */
async function inBatches<T, R = T>(rows: readonly T[], insert: (b: readonly R[]) => Promise<number>, shape: (row: T) => R = (row) => row as unknown as R): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += BATCH) n += await insert(rows.slice(i, i + BATCH).map(shape));
  return n;
}

export async function seedDemo(options: DemoOptions, opts: { reset?: boolean; onProgress?: SeedProgress } = {}): Promise<SeedSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  if (!(await isDatabaseEmpty())) {
    if (!opts.reset) throw new DatabaseNotEmptyError();
    progress("clearing existing data", 0, 1);
    await deleteAllData();
  }
  const world = createDemoWorld(options);
  // The database is empty here; a start after a crash puts missing indexes back (prepareDatabase).
  const sqlite = configuredProvider() === "sqlite" ? bulkConnection() : null;
  if (sqlite) for (const table of ["Event", "CampaignEvent"] as const) dropSecondaryIndexes(sqlite, table);
  try {
    progress("products", 0, world.products.length);
    const products = await inBatches(world.products, insertProducts, ({ externalId, name, description, category, price, isActive }) => ({ externalId, name, description, category, price, isActive }));
    progress("customers", 0, world.customers.length);
    const customers = await inBatches(world.customers, insertCustomers, (c) => ({
      externalId: c.externalId,
      email: c.email,
      name: c.name,
      gender: c.gender,
      age: c.age,
      birthYear: c.birthYear,
      income: c.income,
      education: c.education,
      country: c.country,
      city: c.city,
      signupAt: new Date(c.signupAt),
      attributes: c.attributes,
    }));
    const campaigns = await insertCampaigns(
      world.campaigns.map((c) => ({
        externalId: c.externalId,
        name: c.name,
        channel: c.channel,
        adType: c.adType,
        adPosition: c.adPosition,
        testGroup: c.testGroup,
        variant: c.variant,
        startAt: new Date(c.startAt),
        endAt: new Date(c.endAt),
        budget: c.budget,
      })),
    );
    const [customerIds, productIds, campaignIds] = await Promise.all([getCustomerIdsByExternalId(), getProductIdsByExternalId(), getCampaignIdsByExternalId()]);
    const cid = world.customers.map((c) => customerIds.get(c.externalId)!);
    const pid = world.products.map((p) => productIds.get(p.externalId)!);
    const kid = world.campaigns.map((c) => campaignIds.get(c.externalId)!);

    let events = 0;
    let buffer: EventInput[] = [];
    const flush = async () => {
      events += await insertEvents(buffer);
      buffer = [];
      progress("events", events, options.events);
    };
    for (const batch of demoEvents(world)) {
      for (const e of batch) {
        buffer.push({ customerId: cid[e.customer]!, productId: pid[e.product]!, type: e.type, quantity: e.quantity, revenue: e.revenue, rating: e.rating, orderId: e.orderId, occurredAt: new Date(e.occurredAt) });
      }
      if (buffer.length >= BATCH) await flush();
    }
    await flush();

    let campaignEvents = 0;
    for (const batch of demoCampaignEvents(world)) {
      campaignEvents += await inBatches(batch, insertCampaignEvents, (e): CampaignEventInput => ({ campaignId: kid[e.campaign]!, customerId: cid[e.customer]!, type: e.type, revenue: e.revenue, cost: e.cost, occurredAt: new Date(e.occurredAt) }));
      progress("campaign events", campaignEvents, 0); // total unknown until generated
    }
    const dailyStats = await inBatches(demoDailyStats(world), insertDailyStats, (d) => ({ campaignId: kid[d.campaign]!, date: new Date(d.date), segment: d.segment, impressions: d.impressions, clicks: d.clicks, conversions: d.conversions, cost: d.cost, revenue: d.revenue }));
    if (sqlite) {
      progress("building indexes", 0, 1);
      restoreIndexes(sqlite);
    }
    await refreshPurchaseStats();
    return {
      seed: options.seed,
      customers,
      products,
      events,
      campaigns,
      campaignEvents,
      dailyStats,
      from: new Date(world.windowStart).toISOString().slice(0, 10),
      to: new Date(world.windowEnd - 1).toISOString().slice(0, 10),
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } catch (e) {
    // A half-loaded demo would never be replaced (the start-up only seeds an empty database).
    await deleteAllData().catch(() => {});
    if (sqlite) restoreIndexes(sqlite);
    throw e;
  }
}
