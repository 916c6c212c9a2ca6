// Rolls daily sales up to the grain a chart can show legibly, filling days without sales with zeros so
// gaps read as "nothing sold" rather than as a line drawn across them.
import { DAY_MS, isoDay } from "./date-range";

export type Grain = "day" | "week" | "month";
export const GRAINS: readonly Grain[] = ["day", "week", "month"];

export interface SalesPoint {
  /** First day of the bucket, YYYY-MM-DD (weeks start on Monday). */
  period: string;
  revenue: number;
  orders: number;
}

/** A grain that gives a readable number of points: days up to ~3 months, weeks up to ~2 years. */
export function autoGrain(from: Date, to: Date): Grain {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  return days <= 92 ? "day" : days <= 731 ? "week" : "month";
}

export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return isoDay(new Date(d.getTime() - sinceMonday * DAY_MS));
}

/**
 * Sums daily rows into buckets of `grain` covering [from, to), every bucket present (zero when nothing
 * happened), in time order. `add` folds one day's row into its bucket.
 */
export function rollUpDaily<D extends { day: string }, B extends { period: string }>(daily: readonly D[], from: Date, to: Date, grain: Grain, empty: (period: string) => B, add: (bucket: B, day: D) => void): B[] {
  const buckets = new Map<string, B>();
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) {
    const key = bucketStart(isoDay(new Date(t)), grain);
    if (!buckets.has(key)) buckets.set(key, empty(key));
  }
  for (const d of daily) {
    const b = buckets.get(bucketStart(d.day, grain));
    if (b) add(b, d); // outside the range: the query should not return it
  }
  return [...buckets.values()];
}

export function rollUpSales(daily: readonly { day: string; revenue: number; orders: number }[], from: Date, to: Date, grain: Grain): SalesPoint[] {
  return rollUpDaily(daily, from, to, grain, (period): SalesPoint => ({ period, revenue: 0, orders: 0 }), (b, d) => {
    b.revenue += d.revenue;
    b.orders += d.orders;
  }).map((b) => ({ ...b, revenue: Math.round(b.revenue * 100) / 100 }));
}
