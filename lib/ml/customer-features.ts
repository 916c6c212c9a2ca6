// Behavioural features of each customer from their purchase history, in typed arrays, one value per
// customer. Days are whole-day fractions relative to the "as of" instant.
export const FEATURES = ["recencyDays", "frequency", "monetary", "tenureDays", "averageOrderValue", "daysBetweenOrders"] as const;
export type Feature = (typeof FEATURES)[number];

export const FEATURE_LABELS: Record<Feature, string> = {
  recencyDays: "Days since last purchase",
  frequency: "Orders",
  monetary: "Revenue",
  tenureDays: "Days since first purchase",
  averageOrderValue: "Average order value",
  daysBetweenOrders: "Mean days between orders",
};

export interface History {
  /** Epoch milliseconds of each customer's first and last purchase. */
  firstAt: Float64Array;
  lastAt: Float64Array;
  /** Distinct orders (order id, or the purchase time for events without one). */
  orders: Float64Array;
  revenue: Float64Array;
  asOf: number;
}

const DAY = 86_400_000;

export function customerFeatures(h: History): Record<Feature, Float64Array> {
  const n = h.orders.length;
  const out = Object.fromEntries(FEATURES.map((f) => [f, new Float64Array(n)])) as Record<Feature, Float64Array>;
  for (let i = 0; i < n; i++) {
    const orders = h.orders[i]!;
    out.recencyDays[i] = (h.asOf - h.lastAt[i]!) / DAY;
    out.frequency[i] = orders;
    out.monetary[i] = h.revenue[i]!;
    out.tenureDays[i] = (h.asOf - h.firstAt[i]!) / DAY;
    out.averageOrderValue[i] = orders > 0 ? h.revenue[i]! / orders : 0;
    // One-order customers have no gap yet: their tenure stands in, the least surprising neutral value.
    out.daysBetweenOrders[i] = orders > 1 ? (h.lastAt[i]! - h.firstAt[i]!) / DAY / (orders - 1) : out.tenureDays[i]!;
  }
  return out;
}
