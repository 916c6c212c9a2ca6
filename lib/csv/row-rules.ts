// Rules that look at several fields of a row at once, and the fields derived from them (event type of an
// order line, revenue). Runs after every field has parsed; returns the first reason to refuse the row.
import type { ImportKind } from "./kinds";
import type { FieldValue, ParseOptions } from "./row-schema";

export interface RuleIssue {
  field?: string;
  reason: string;
}

const CAMPAIGN_EVENT_TYPES: Record<string, "impression" | "click" | "conversion"> = {
  impression: "impression",
  impressions: "impression",
  imp: "impression",
  view: "impression",
  click: "click",
  clicks: "click",
  conversion: "conversion",
  conversions: "conversion",
  conv: "conversion",
  purchase: "conversion",
};

/** "Add to cart" and "add-to-cart" are the same event type: add_to_cart. */
export function normaliseEventType(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Money to 1/10,000 of a unit: 6 × 2.55 is 15.3, not 15.299999999999999. */
export function roundMoney(x: number): number {
  return Math.round(x * 10_000) / 10_000 || 0; // never -0 (a free line returned)
}

type Fields = Record<string, FieldValue>;

function eventRules(f: Fields, mapped: ReadonlyMap<string, number>, options: ParseOptions): RuleIssue | null {
  f.type = typeof f.type === "string" ? normaliseEventType(f.type) : (options.eventType ?? (mapped.has("rating") ? "rating" : "purchase"));
  if (f.type === "") return { field: "type", reason: "is empty; an event type is required" };
  f.quantity ??= 1;
  f.revenue ??= 0;
  if (f.type === "rating" && mapped.has("rating") && f.rating === null) return { field: "rating", reason: "is empty; a rating event needs a rating" };
  return null;
}

function transactionRules(f: Fields): RuleIssue | null {
  const quantity = f.quantity as number;
  const unitPrice = f.unitPrice as number;
  if (quantity === 0) return { field: "quantity", reason: "is 0; an order line must buy or return something" };
  if (unitPrice < 0) return { field: "unitPrice", reason: `${unitPrice} is negative; a negative price is an accounting adjustment, not a sale` };
  const order = f.orderId as string;
  // Cancellations carry a "C" invoice prefix (Online Retail, many shop exports); other negative lines
  // are stock write-offs. Both are kept as what they are, so net sales and returns can be reported.
  f.type = order[0] === "C" || order[0] === "c" ? "return" : quantity < 0 ? "adjustment" : "purchase";
  f.revenue = roundMoney(quantity * unitPrice);
  return null;
}

function campaignEventRules(f: Fields): RuleIssue | null {
  const type = CAMPAIGN_EVENT_TYPES[normaliseEventType(String(f.type))];
  if (!type) return { field: "type", reason: `"${String(f.type)}" is not a campaign event type; use impression, click or conversion` };
  f.type = type;
  f.revenue ??= 0;
  f.cost ??= 0;
  return null;
}

function dailyStatRules(f: Fields): RuleIssue | null {
  if ((f.clicks as number) > (f.impressions as number)) return { field: "clicks", reason: `${String(f.clicks)} clicks is more than the ${String(f.impressions)} impressions` };
  const day = f.date as number;
  f.date = day - (((day % 86_400_000) + 86_400_000) % 86_400_000);
  f.segment ??= "";
  f.conversions ??= 0;
  f.cost ??= 0;
  f.revenue ??= 0;
  return null;
}

export function applyKindRules(kind: ImportKind, f: Fields, mapped: ReadonlyMap<string, number>, options: ParseOptions): RuleIssue | null {
  switch (kind) {
    case "events":
      return eventRules(f, mapped, options);
    case "transactions":
      return transactionRules(f);
    case "campaign-events":
      return campaignEventRules(f);
    case "campaign-daily-stats":
      return dailyStatRules(f);
    case "customers":
    case "products":
    case "campaigns":
      return null;
  }
}
