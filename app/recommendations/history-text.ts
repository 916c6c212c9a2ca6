// The preview's line about what the customer did, in the terms of the events the models learn from.
import type { TimelineRow } from "@/lib/db/customer-profile";
import { fmt } from "../formatting";

const VERBS: Record<string, string> = { purchase: "bought", rating: "rated", view: "viewed", add_to_cart: "added to cart", click: "clicked" };
const NOUNS: Record<string, string> = { purchase: "purchases", rating: "ratings", view: "views", add_to_cart: "add-to-cart events", click: "clicks" };

function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** "Recently bought: X (date); …" for purchases alone, else each event with its verb ("rated X 4★ (date)"). */
export function historyText(rows: readonly TimelineRow[], types: readonly string[]): string {
  const onlyPurchases = types.every((t) => t === "purchase");
  if (rows.length === 0) return `No ${orList(types.map((t) => NOUNS[t] ?? `${t.replaceAll("_", " ")} events`))} yet.`;
  const item = (h: TimelineRow) => `${h.subject ?? "an unknown product"}${h.rating !== null && h.type === "rating" ? ` ${h.rating}★` : ""} (${fmt.day(h.occurredAt)})`;
  if (onlyPurchases) return `Recently bought: ${rows.map(item).join("; ")}`;
  return `Recent activity: ${rows.map((h) => `${VERBS[h.type] ?? `${h.type.replaceAll("_", " ")}:`} ${item(h)}`).join("; ")}`;
}
