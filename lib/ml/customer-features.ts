// Features of each customer, in typed arrays, one value per customer: behaviour from the purchase
// history (days are whole-day fractions relative to the "as of" instant), campaign engagement,
// demographics, and the share of spend in each of the main product categories (`share:<category>`).
import { DAY_MS } from "./time";

export const FEATURES = ["recencyDays", "frequency", "monetary", "tenureDays", "averageOrderValue", "daysBetweenOrders", "clicks", "conversions", "age", "income"] as const;
export type Feature = (typeof FEATURES)[number];
/** A share-of-spend feature for one category. */
export type CategoryShare = `share:${string}`;
export type FeatureId = Feature | CategoryShare;

export const FEATURE_LABELS: Record<Feature, string> = {
  recencyDays: "Days since last purchase",
  frequency: "Orders",
  monetary: "Revenue",
  tenureDays: "Days since first purchase",
  averageOrderValue: "Average order value",
  daysBetweenOrders: "Mean days between orders",
  clicks: "Campaign clicks",
  conversions: "Campaign conversions",
  age: "Age",
  income: "Income",
};

/** Which part of the data each feature needs, so a service loads only what was asked for. */
export type FeatureSource = "purchases" | "engagement" | "demographics" | "categories";
export const FEATURE_SOURCE: Record<Feature, FeatureSource> = {
  recencyDays: "purchases",
  frequency: "purchases",
  monetary: "purchases",
  tenureDays: "purchases",
  averageOrderValue: "purchases",
  daysBetweenOrders: "purchases",
  clicks: "engagement",
  conversions: "engagement",
  age: "demographics",
  income: "demographics",
};

export function isCategoryShare(id: string): id is CategoryShare {
  return id.startsWith("share:") && id.length > "share:".length;
}

export function isFeatureId(id: string): id is FeatureId {
  return (FEATURES as readonly string[]).includes(id) || isCategoryShare(id);
}

export function sourceOf(id: FeatureId): FeatureSource {
  return isCategoryShare(id) ? "categories" : FEATURE_SOURCE[id];
}

export function featureLabel(id: FeatureId): string {
  return isCategoryShare(id) ? `Share of spend on ${id.slice("share:".length)}` : FEATURE_LABELS[id];
}

export interface History {
  /** Epoch milliseconds of each customer's first and last purchase. */
  firstAt: Float64Array;
  lastAt: Float64Array;
  /** Distinct orders (order id, or the purchase time for events without one). */
  orders: Float64Array;
  revenue: Float64Array;
  asOf: number;
  /** Campaign clicks and conversions before `asOf`, when loaded. */
  clicks?: Float64Array;
  conversions?: Float64Array;
  /** NaN where unknown, when loaded. */
  age?: Float64Array;
  income?: Float64Array;
  /** Spend per customer × category (row-major), for the categories named, when loaded. */
  categories?: readonly string[];
  categorySpend?: Float64Array;
}


export function customerFeatures(h: History): Record<Feature, Float64Array> & Record<CategoryShare, Float64Array> {
  const n = h.orders.length;
  const out = Object.fromEntries(FEATURES.map((f) => [f, new Float64Array(n)])) as Record<Feature, Float64Array> & Record<CategoryShare, Float64Array>;
  for (let i = 0; i < n; i++) {
    const orders = h.orders[i]!;
    out.recencyDays[i] = (h.asOf - h.lastAt[i]!) / DAY_MS;
    out.frequency[i] = orders;
    out.monetary[i] = h.revenue[i]!;
    out.tenureDays[i] = (h.asOf - h.firstAt[i]!) / DAY_MS;
    out.averageOrderValue[i] = orders > 0 ? h.revenue[i]! / orders : 0;
    // One-order customers have no gap yet: their tenure stands in, the least surprising neutral value.
    out.daysBetweenOrders[i] = orders > 1 ? (h.lastAt[i]! - h.firstAt[i]!) / DAY_MS / (orders - 1) : out.tenureDays[i]!;
  }
  if (h.clicks) out.clicks.set(h.clicks);
  if (h.conversions) out.conversions.set(h.conversions);
  if (h.age) out.age.set(imputeMedian(h.age));
  if (h.income) out.income.set(imputeMedian(h.income));
  if (h.categories && h.categorySpend) {
    const m = h.categories.length;
    h.categories.forEach((name, c) => {
      const share = new Float64Array(n);
      // Share of the customer's spend in the loaded categories; returns can make revenue ≤ 0, then 0.
      for (let i = 0; i < n; i++) share[i] = h.revenue[i]! > 0 ? Math.max(0, h.categorySpend![i * m + c]!) / h.revenue[i]! : 0;
      out[`share:${name}`] = share;
    });
  }
  return out;
}

/**
 * Unknown values (NaN) replaced by the median of the known ones, so a customer without an age sits in the
 * middle rather than at 0 and does not pull a cluster of its own. All unknown gives 0.
 */
export function imputeMedian(values: Float64Array): Float64Array {
  const known = values.filter((v) => !Number.isNaN(v)).sort();
  const median = known.length === 0 ? 0 : known.length % 2 ? known[(known.length - 1) / 2]! : (known[known.length / 2 - 1]! + known[known.length / 2]!) / 2;
  return values.map((v) => (Number.isNaN(v) ? median : v));
}
