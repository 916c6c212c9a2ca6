// One customer's page: their record, purchase and campaign features, spend per day and the timeline of
// everything they did. Every query starts from the customer's rows in the (customerId, occurredAt) index
// of Event and the customerId index of CampaignEvent, so it reads that customer's rows only.
//
// Why the customer's rows are fenced off in a MATERIALIZED CTE before filtering on type: without ANALYZE
// statistics SQLite prefers the covering (type, occurredAt, revenue, orderId, customerId) index for
// `customerId = ? AND type = 'purchase'` and walks every purchase in the shop (measured: 36 ms instead of
// 0.5 ms at 2,000,000 events, and it grows with the shop). PostgreSQL 12+ reads the same SQL.
import { DAY_MS } from "../days";
import { getDb } from "./client";
import type { Page } from "./pagination";
import { dateOf, epochMs, num, numOrNull, orderKey, Prisma, utcDay } from "./sql";
import { readAttributes } from "./stored-attributes";
import { revealRow } from "../auth/pii-crypto";


export type AttributeValue = string | number | boolean | null;

export interface CustomerProfile {
  id: number;
  externalId: string;
  email: string | null;
  name: string | null;
  gender: string | null;
  age: number | null;
  birthYear: number | null;
  income: number | null;
  education: string | null;
  country: string | null;
  city: string | null;
  signupAt: Date | null;
  /** The other columns CSV imports brought, in the order they were stored. */
  attributes: [string, AttributeValue][];
}

export async function getCustomerProfile(id: number): Promise<CustomerProfile | null> {
  const c = await getDb().customer.findUnique({
    where: { id },
    select: { id: true, externalId: true, email: true, name: true, gender: true, age: true, birthYear: true, income: true, education: true, country: true, city: true, signupAt: true, attributes: true },
  });
  if (!c) return null;
  return { ...revealRow(c), attributes: flatAttributes(c.attributes) };
}

/** Imports store a flat object; anything nested (from a hand-edited database) is shown as its JSON. */
function flatAttributes(json: unknown): [string, AttributeValue][] {
  return Object.entries(readAttributes(json));
}

export interface CustomerFeatures {
  /** Distinct orders: order id, or the purchase time for purchases without one (as RFM counts them). */
  orders: number;
  revenue: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** Days from the last purchase to `asOf`; null without purchases. */
  daysSinceLastPurchase: number | null;
  averageOrderValue: number | null;
  /** (last − first purchase) / (orders − 1); null below two orders, where there is no gap yet. */
  meanDaysBetweenOrders: number | null;
  campaignClicks: number;
  campaignConversions: number;
}

// The customer's own rows first (see the top of the file), then the type.
const mine = (customerId: number) => Prisma.sql`WITH mine AS MATERIALIZED (SELECT "type", "orderId", "occurredAt", "revenue" FROM "Event" WHERE "customerId" = ${customerId})`;

/** Purchase and campaign features of one customer; `asOf` (epoch ms) is the date recency is counted to. */
export async function getCustomerFeatures(customerId: number, asOf: number): Promise<CustomerFeatures> {
  const db = getDb();
  const [[p], [e]] = await Promise.all([
    db.$queryRaw<[{ orders: unknown; revenue: unknown; firstAt: unknown; lastAt: unknown }]>`${mine(customerId)}
      SELECT count(DISTINCT ${orderKey()}) AS orders, coalesce(sum("revenue"), 0) AS revenue,
        min("occurredAt") AS "firstAt", max("occurredAt") AS "lastAt"
      FROM mine WHERE "type" = 'purchase'`,
    db.$queryRaw<[{ clicks: unknown; conversions: unknown }]>`SELECT count(CASE WHEN "type" = 'click' THEN 1 END) AS clicks,
        count(CASE WHEN "type" = 'conversion' THEN 1 END) AS conversions
      FROM "CampaignEvent" WHERE "customerId" = ${customerId}`,
  ]);
  const first = epochMs(p.firstAt);
  const last = epochMs(p.lastAt);
  const orders = num(p.orders);
  const revenue = num(p.revenue);
  return {
    orders,
    revenue,
    firstPurchaseAt: first === null ? null : new Date(first),
    lastPurchaseAt: last === null ? null : new Date(last),
    daysSinceLastPurchase: last === null ? null : (asOf - last) / DAY_MS,
    averageOrderValue: orders > 0 ? revenue / orders : null,
    meanDaysBetweenOrders: orders > 1 && first !== null && last !== null ? (last - first) / DAY_MS / (orders - 1) : null,
    campaignClicks: num(e.clicks),
    campaignConversions: num(e.conversions),
  };
}

export interface DailySpend {
  day: string;
  revenue: number;
  orders: number;
}

/** The customer's purchases per UTC day, oldest first (lib/analytics rolls them up to months). */
export async function listCustomerDailySpend(customerId: number): Promise<DailySpend[]> {
  const day = utcDay(`"occurredAt"`);
  const rows = await getDb().$queryRaw<{ day: string; revenue: unknown; orders: unknown }[]>`${mine(customerId)}
    SELECT ${day} AS day, sum("revenue") AS revenue, count(DISTINCT ${orderKey()}) AS orders
    FROM mine WHERE "type" = 'purchase' GROUP BY ${day} ORDER BY day`;
  return rows.map((r) => ({ day: r.day, revenue: num(r.revenue), orders: num(r.orders) }));
}

export type TimelineSource = "event" | "campaign";

export interface TimelineKind {
  /** URL value of the filter: the event type, or "campaign:<type>" for campaign events. */
  key: string;
  source: TimelineSource;
  type: string;
  count: number;
}

const CAMPAIGN_PREFIX = "campaign:";

function kindKey(source: TimelineSource, type: string): string {
  return source === "campaign" ? `${CAMPAIGN_PREFIX}${type}` : type;
}

/** What kinds of rows the customer's timeline holds and how many of each: events first, then campaign events. */
export async function listTimelineKinds(customerId: number): Promise<TimelineKind[]> {
  const db = getDb();
  const [events, campaign] = await Promise.all([
    db.event.groupBy({ by: ["type"], where: { customerId }, _count: { _all: true }, orderBy: { type: "asc" } }),
    db.campaignEvent.groupBy({ by: ["type"], where: { customerId }, _count: { _all: true }, orderBy: { type: "asc" } }),
  ]);
  return [
    ...events.map((r) => ({ key: kindKey("event", r.type), source: "event" as const, type: r.type, count: r._count._all })),
    ...campaign.map((r) => ({ key: kindKey("campaign", r.type), source: "campaign" as const, type: r.type, count: r._count._all })),
  ];
}

export interface TimelineRow {
  source: TimelineSource;
  id: number;
  type: string;
  occurredAt: Date;
  /** The product for events, the campaign for campaign events; null when it is gone or was never given. */
  subject: string | null;
  quantity: number | null;
  revenue: number;
  rating: number | null;
  orderId: string | null;
}

const eventRows = (customerId: number) =>
  Prisma.sql`SELECT 'event' AS source, "id", "type", "occurredAt", "productId" AS "subjectId", "quantity", "revenue", "rating", "orderId" FROM "Event" WHERE "customerId" = ${customerId}`;
const campaignRows = (customerId: number) =>
  Prisma.sql`SELECT 'campaign' AS source, "id", "type", "occurredAt", "campaignId" AS "subjectId", NULL AS quantity, "revenue", NULL AS rating, NULL AS "orderId" FROM "CampaignEvent" WHERE "customerId" = ${customerId}`;
// Newest first; at the same instant events before campaign events, then the later row first, so pages never overlap.
const order = (t: string) => Prisma.raw(`ORDER BY ${t}"occurredAt" DESC, ${t}source DESC, ${t}"id" DESC`);

/** A timeline row as $queryRaw gives it: the UNION's columns have no declared type, so dates may be text. */
type TimelineRaw = { source: TimelineSource; id: unknown; type: string; occurredAt: unknown; quantity: unknown; revenue: unknown; rating: unknown; orderId: string | null; subject: string | null };

/**
 * One page of the customer's events and campaign events merged, newest first, optionally of one kind
 * (a key from listTimelineKinds) or of some event types only (which then win over `kind`). Names are looked
 * up for the page's rows only.
 */
export async function pageCustomerTimeline(customerId: number, req: { page: number; pageSize: number; kind?: string; eventTypes?: readonly string[] }): Promise<Page<TimelineRow>> {
  if (req.eventTypes?.length === 0) return { rows: [], total: 0, page: req.page, pageSize: req.pageSize };
  const kind = req.kind;
  const source: TimelineSource | null = req.eventTypes ? "event" : kind === undefined ? null : kind.startsWith(CAMPAIGN_PREFIX) ? "campaign" : "event";
  const types = req.eventTypes ?? (kind === undefined ? [] : [source === "campaign" ? kind.slice(CAMPAIGN_PREFIX.length) : kind]);
  const parts = [source !== "campaign" ? eventRows(customerId) : null, source !== "event" ? campaignRows(customerId) : null].filter((s): s is Prisma.Sql => s !== null);
  const filter = types.length ? Prisma.sql`WHERE "type" IN (${Prisma.join([...types])})` : Prisma.empty;
  const mine = Prisma.sql`WITH mine AS MATERIALIZED (${Prisma.join(parts, " UNION ALL ")})`;
  const db = getDb();
  const [[count], rows] = await Promise.all([
    db.$queryRaw<[{ n: unknown }]>`${mine} SELECT count(*) AS n FROM mine ${filter}`,
    db.$queryRaw<TimelineRaw[]>`${mine}, shown AS (SELECT * FROM mine ${filter} ${order("")} LIMIT ${req.pageSize} OFFSET ${(Math.max(1, req.page) - 1) * req.pageSize})
      SELECT shown.*, coalesce(p."name", c."name") AS subject FROM shown
      LEFT JOIN "Product" p ON shown.source = 'event' AND p."id" = shown."subjectId"
      LEFT JOIN "Campaign" c ON shown.source = 'campaign' AND c."id" = shown."subjectId"
      ${order("shown.")}`,
  ]);
  return {
    rows: rows.map((r) => ({
      source: r.source,
      id: num(r.id),
      type: r.type,
      occurredAt: dateOf(r.occurredAt)!,
      subject: r.subject,
      quantity: numOrNull(r.quantity),
      revenue: num(r.revenue),
      rating: numOrNull(r.rating),
      orderId: r.orderId,
    })),
    total: num(count.n),
    page: req.page,
    pageSize: req.pageSize,
  };
}
