import { DAY_MS, HOUR_WEIGHTS, dayWeights } from "./calendar";
import type { DemoCustomer } from "./customers";
import type { DemoProduct } from "./catalogue";
import { chance, cumulative, drawIndex, normal, type Rng } from "../ml/random";
import { PREFERRED_CATEGORY_WEIGHT, TASTE_GROUPS } from "./taste-groups";

export type DemoEventType = "view" | "add_to_cart" | "purchase" | "rating";

export interface DemoEvent {
  customer: number;
  product: number;
  type: DemoEventType;
  quantity: number;
  revenue: number;
  rating: number | null;
  orderId: string | null;
  occurredAt: number;
}

/** Splits `total` over customers in proportion to weights, exactly (largest remainder). */
export function allocateEvents(weights: readonly number[], total: number): Int32Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = new Int32Array(weights.length);
  if (sum <= 0 || total <= 0) return out;
  const rema: { i: number; r: number }[] = [];
  let given = 0;
  weights.forEach((w, i) => {
    const exact = (w / sum) * total;
    out[i] = Math.floor(exact);
    given += out[i]!;
    rema.push({ i, r: exact - out[i]! });
  });
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < total; k++, given++) out[rema[k % rema.length]!.i]! += 1;
  return out;
}

interface Sampler {
  categoryCum: Float64Array[]; // per taste group
  productsByCategory: number[][];
  productCum: Float64Array[];
  dayCum: Float64Array;
  hourCum: Float64Array;
}

function buildSampler(products: readonly DemoProduct[], categories: readonly string[], windowStart: number, days: number): Sampler {
  const productsByCategory = categories.map(() => [] as number[]);
  products.forEach((p, i) => productsByCategory[categories.indexOf(p.category)]!.push(i));
  return {
    categoryCum: TASTE_GROUPS.map((g) =>
      cumulative(categories.map((c) => (g.categories.includes(c) ? PREFERRED_CATEGORY_WEIGHT : 1))),
    ),
    productsByCategory,
    productCum: productsByCategory.map((ids) => cumulative(ids.map((i) => products[i]!.popularity))),
    dayCum: cumulative(Array.from(dayWeights(windowStart, days))),
    hourCum: cumulative(HOUR_WEIGHTS),
  };
}

function drawDay(rng: Rng, cum: Float64Array, from: number, to: number): number {
  const lo = from === 0 ? 0 : cum[from - 1]!;
  const target = lo + rng.next() * (cum[to - 1]! - lo);
  let a = from;
  let b = to - 1;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (cum[m]! > target) b = m;
    else a = m + 1;
  }
  return a;
}

export interface EventStreamInput {
  customers: readonly DemoCustomer[];
  products: readonly DemoProduct[];
  categories: readonly string[];
  windowStart: number;
  windowEnd: number;
  totalEvents: number;
  /** Shop purchases that campaign conversions made, by customer; they count towards the total. */
  campaignPurchases?: ReadonlyMap<number, readonly DemoEvent[]>;
}

/**
 * Browsing events each customer keeps so that their campaign purchases fit into the same total: the
 * purchases replace the tail of the customer's browsing (as if their budget had run out sooner), and a
 * customer with more purchases than budget takes the rest from the busiest others, one event each.
 */
export function fitCampaignPurchases(budgets: Int32Array, purchases: readonly number[]): Int32Array {
  const keep = budgets.map((b, i) => b - (purchases[i] ?? 0));
  let deficit = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i]! < 0) deficit -= keep[i]!;
    keep[i] = Math.max(0, keep[i]!);
  }
  if (deficit === 0) return keep;
  const busiest = Array.from(keep.keys()).sort((a, b) => keep[b]! - keep[a]! || a - b);
  let left = keep.reduce((a, b) => a + b, 0);
  for (let k = 0; deficit > 0 && left > 0; k = (k + 1) % busiest.length) {
    const i = busiest[k]!;
    if (keep[i] === 0) continue;
    keep[i]!--;
    deficit--;
    left--;
  }
  return keep;
}

/** Yields each customer's events in turn, so millions of events never sit in memory at once. */
export function* generateEvents(rng: Rng, input: EventStreamInput): Generator<DemoEvent[]> {
  const { customers, products, windowStart, windowEnd } = input;
  const days = Math.round((windowEnd - windowStart) / DAY_MS);
  const s = buildSampler(products, input.categories, windowStart, days);
  const budgets = allocateEvents(
    customers.map((c) => c.activity * ((c.activeTo - c.activeFrom) / (windowEnd - windowStart))),
    input.totalEvents,
  );
  const bought = (ci: number) => input.campaignPurchases?.get(ci) ?? [];
  const keep = fitCampaignPurchases(budgets, customers.map((_, ci) => bought(ci).length));
  let orderSeq = 0;
  const nextOrderId = () => `O${String(++orderSeq).padStart(8, "0")}`;
  for (let ci = 0; ci < customers.length; ci++) {
    const c = customers[ci]!;
    const budget = budgets[ci]!;
    const events: DemoEvent[] = [];
    const fromDay = Math.floor((c.activeFrom - windowStart) / DAY_MS);
    const toDay = Math.max(fromDay + 1, Math.ceil((c.activeTo - windowStart) / DAY_MS));
    const preferred = TASTE_GROUPS[c.tasteGroup]!.categories;
    let orders = 0;
    while (events.length < budget) {
      const day = drawDay(rng, s.dayCum, fromDay, Math.min(days, toDay));
      let t = windowStart + day * DAY_MS + drawIndex(rng, s.hourCum) * 3_600_000 + Math.floor(rng.next() * 3_600_000);
      const views = 1 + Math.min(5, Math.floor(Math.log(1 - rng.next()) / Math.log(0.55)));
      let previous = -1;
      let orderId: string | null = null;
      for (let v = 0; v < views && events.length < budget; v++) {
        let p: number;
        if (previous >= 0 && chance(rng, 0.3)) p = products[previous]!.complement;
        else {
          const cat = drawIndex(rng, s.categoryCum[c.tasteGroup]!);
          p = s.productsByCategory[cat]![drawIndex(rng, s.productCum[cat]!)]!;
        }
        previous = p;
        const product = products[p]!;
        const isPreferred = preferred.includes(product.category);
        events.push({ customer: ci, product: p, type: "view", quantity: 1, revenue: 0, rating: null, orderId: null, occurredAt: t });
        t += 30_000 + Math.floor(rng.next() * 240_000);
        if (events.length >= budget || !chance(rng, isPreferred ? 0.36 : 0.2)) continue;
        events.push({ customer: ci, product: p, type: "add_to_cart", quantity: 1, revenue: 0, rating: null, orderId: null, occurredAt: t });
        t += 20_000 + Math.floor(rng.next() * 120_000);
        if (events.length >= budget || !chance(rng, 0.6)) continue;
        orderId ??= String(++orders); // renumbered shop-wide once the budget is cut to what the customer keeps
        const quantity = chance(rng, 0.85) ? 1 : chance(rng, 0.7) ? 2 : 3;
        const revenue = Math.round(product.price * quantity * 100) / 100;
        events.push({ customer: ci, product: p, type: "purchase", quantity, revenue, rating: null, orderId, occurredAt: t });
        if (events.length >= budget || !chance(rng, 0.22)) continue;
        const rating = Math.round(Math.min(5, Math.max(1, normal(rng, isPreferred ? 4.3 : 3.3, 0.8))));
        const ratedAt = Math.min(windowEnd - 1, t + (2 + Math.floor(rng.next() * 9)) * DAY_MS);
        events.push({ customer: ci, product: p, type: "rating", quantity: 1, revenue: 0, rating, orderId: null, occurredAt: ratedAt });
      }
    }
    yield keepWithCampaignPurchases(events, keep[ci]!, bought(ci), nextOrderId);
  }
}

// Drawing the full budget and then cutting it keeps every later customer's random draws unchanged.
function keepWithCampaignPurchases(events: DemoEvent[], keep: number, bought: readonly DemoEvent[], nextOrderId: () => string): DemoEvent[] {
  events.length = Math.min(events.length, keep);
  const ids = new Map<string, string>();
  for (const e of events) {
    if (e.orderId === null) continue;
    let id = ids.get(e.orderId);
    if (id === undefined) ids.set(e.orderId, (id = nextOrderId()));
    e.orderId = id;
  }
  for (const p of bought) events.push({ ...p, orderId: nextOrderId() });
  return events;
}
