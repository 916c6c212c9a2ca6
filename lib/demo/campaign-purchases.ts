// A campaign conversion is a sale: it buys a real product, and the shop records it as a purchase too, so
// attribution can join campaign touches to orders.
import type { DemoCampaignEvent } from "./campaign-events";
import type { DemoProduct } from "./catalogue";
import type { DemoEvent } from "./events";
import { cumulative, drawIndex, type Rng } from "../ml/random";
import { PREFERRED_CATEGORY_WEIGHT, TASTE_GROUPS } from "./taste-groups";

export type ProductPicker = (rng: Rng, category: string, tasteGroup: number) => number;

/**
 * Draws the product a conversion buys: a popular active one from the promoted category, or, for a campaign
 * promoting none, from a category the customer's taste leans to.
 */
export function createProductPicker(products: readonly DemoProduct[]): ProductPicker {
  const categories = [...new Set(products.map((p) => p.category))];
  const members = categories.map((cat) => {
    const all = products.flatMap((p, i) => (p.category === cat ? [i] : []));
    const active = all.filter((i) => products[i]!.isActive);
    return active.length > 0 ? active : all;
  });
  const productCum = members.map((ids) => cumulative(ids.map((i) => products[i]!.popularity)));
  const tasteCum = TASTE_GROUPS.map((g) => cumulative(categories.map((c) => (g.categories.includes(c) ? PREFERRED_CATEGORY_WEIGHT : 1))));
  return (rng, category, tasteGroup) => {
    let k = categories.indexOf(category);
    if (k < 0) k = drawIndex(rng, tasteCum[tasteGroup]!);
    return members[k]![drawIndex(rng, productCum[k]!)]!;
  };
}

/**
 * The shop purchase of every conversion, by customer: same customer, product, revenue and time (kept
 * inside the window), quantity 1. Order ids are given when the events are written out.
 */
export function collectCampaignPurchases(batches: Iterable<readonly DemoCampaignEvent[]>, windowEnd: number): Map<number, DemoEvent[]> {
  const out = new Map<number, DemoEvent[]>();
  for (const batch of batches) {
    for (const e of batch) {
      if (e.type !== "conversion" || e.product === null) continue;
      const list = out.get(e.customer) ?? [];
      list.push({ customer: e.customer, product: e.product, type: "purchase", quantity: 1, revenue: e.revenue, rating: null, orderId: null, occurredAt: Math.min(e.occurredAt, windowEnd - 1) });
      out.set(e.customer, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.occurredAt - b.occurredAt);
  return out;
}
