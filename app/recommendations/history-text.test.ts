import { describe, expect, it } from "vitest";
import type { TimelineRow } from "@/lib/db/customer-profile";
import { historyText } from "./history-text";

const row = (type: string, subject: string | null, day: string, rating: number | null = null): TimelineRow => ({
  source: "event", id: 1, type, occurredAt: new Date(`${day}T12:00:00Z`), subject, quantity: null, revenue: 0, rating, orderId: null,
});

describe("the preview's history line", () => {
  it("lists purchases as bought when the models learn from purchases alone", () => {
    expect(historyText([row("purchase", "Pan", "2026-03-11"), row("purchase", null, "2026-01-10")], ["purchase"])).toBe(
      "Recently bought: Pan (11 Mar 2026); an unknown product (10 Jan 2026)",
    );
    expect(historyText([], ["purchase"])).toBe("No purchases yet.");
  });

  it("names each event with its verb and a rating with its stars when other events count", () => {
    expect(historyText([row("rating", "Star Wars (1977)", "1998-03-01", 5), row("add_to_cart", "Spade", "1998-02-01"), row("wishlist", "Hoe", "1998-01-01")], ["purchase", "rating", "add_to_cart", "wishlist"])).toBe(
      "Recent activity: rated Star Wars (1977) 5★ (1 Mar 1998); added to cart Spade (1 Feb 1998); wishlist: Hoe (1 Jan 1998)",
    );
    expect(historyText([], ["rating", "add_to_cart"])).toBe("No ratings or add-to-cart events yet.");
    expect(historyText([], ["purchase", "view", "wishlist"])).toBe("No purchases, views or wishlist events yet.");
  });
});
