// The optional feature families beside the purchase history: campaign engagement, demographics and share
// of spend per main category. Each is one grouped query into typed arrays aligned with the history's
// customers, loaded only when a chosen feature needs it.
import type { FeatureSource } from "../ml/customer-features";
import { bulkConnection, prepared, storedDate } from "./bulk-insert";
import type { PurchaseHistory } from "./purchase-history";

/** Categories beyond this many (by revenue) are left out: each one is a feature to pick and a column to read. */
export const MAX_CATEGORY_FEATURES = 8;

function rowIndex(h: PurchaseHistory): Map<number, number> {
  const m = new Map<number, number>();
  h.customerId.forEach((id, i) => m.set(id, i));
  return m;
}

function loadEngagement(h: PurchaseHistory, at: Map<number, number>): void {
  const n = h.customerId.length;
  h.clicks = new Float64Array(n);
  h.conversions = new Float64Array(n);
  const sql = `SELECT "customerId", sum("type"='click'), sum("type"='conversion') FROM "CampaignEvent"
    WHERE "customerId" IS NOT NULL AND "occurredAt" < ? GROUP BY "customerId"`;
  for (const [c, clicks, conversions] of prepared(bulkConnection(), sql).raw().all(storedDate(new Date(h.asOf))) as [number, number, number][]) {
    const i = at.get(c);
    if (i === undefined) continue;
    h.clicks[i] = clicks;
    h.conversions[i] = conversions;
  }
}

function loadDemographics(h: PurchaseHistory, at: Map<number, number>): void {
  const n = h.customerId.length;
  h.age = new Float64Array(n).fill(Number.NaN);
  h.income = new Float64Array(n).fill(Number.NaN);
  const year = new Date(h.asOf).getUTCFullYear();
  const sql = `SELECT "id", "age", "birthYear", "income" FROM "Customer" WHERE "age" IS NOT NULL OR "birthYear" IS NOT NULL OR "income" IS NOT NULL`;
  for (const [c, age, birthYear, income] of prepared(bulkConnection(), sql).raw().all() as [number, number | null, number | null, number | null][]) {
    const i = at.get(c);
    if (i === undefined) continue;
    // A stored age is the age when imported; a birth year gives the age as of the analysis date.
    if (age !== null) h.age[i] = age;
    else if (birthYear !== null) h.age[i] = year - birthYear;
    if (income !== null) h.income[i] = income;
  }
}

export function topCategories(asOf: number, limit = MAX_CATEGORY_FEATURES): string[] {
  const sql = `SELECT p."category" FROM "Event" e JOIN "Product" p ON p."id" = e."productId"
    WHERE e."type"='purchase' AND e."occurredAt" < ? AND p."category" IS NOT NULL AND p."category" <> ''
    GROUP BY p."category" ORDER BY sum(e."revenue") DESC LIMIT ?`;
  return (prepared(bulkConnection(), sql).raw().all(storedDate(new Date(asOf)), limit) as [string][]).map(([c]) => c);
}

function loadCategorySpend(h: PurchaseHistory, at: Map<number, number>): void {
  const categories = topCategories(h.asOf);
  const m = categories.length;
  const col = new Map(categories.map((c, j) => [c, j]));
  h.categories = categories;
  h.categorySpend = new Float64Array(h.customerId.length * m);
  if (m === 0) return;
  const sql = `SELECT e."customerId", p."category", sum(e."revenue") FROM "Event" e JOIN "Product" p ON p."id" = e."productId"
    WHERE e."type"='purchase' AND e."customerId" IS NOT NULL AND e."occurredAt" < ? AND p."category" IN (${categories.map(() => "?").join(",")})
    GROUP BY e."customerId", p."category"`;
  for (const [c, category, spend] of prepared(bulkConnection(), sql).raw().all(storedDate(new Date(h.asOf)), ...categories) as [number, string, number][]) {
    const i = at.get(c);
    const j = col.get(category);
    if (i !== undefined && j !== undefined) h.categorySpend[i * m + j] = spend;
  }
}

/** Adds the asked-for feature families to a loaded history, in place. */
export function loadCustomerExtras(h: PurchaseHistory, sources: ReadonlySet<FeatureSource>): PurchaseHistory {
  const at = rowIndex(h);
  if (sources.has("engagement")) loadEngagement(h, at);
  if (sources.has("demographics")) loadDemographics(h, at);
  if (sources.has("categories")) loadCategorySpend(h, at);
  return h;
}
