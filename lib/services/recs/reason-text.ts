// A reason as a sentence a marketer reads, naming products rather than indices. "Chose" because popularity
// and neighbours count every weighted event (carts, views, ratings), not only purchases.
import type { Reason } from "../../ml/recs/types";

const ALGORITHM_WORDS: Record<string, string> = {
  popularity: "best sellers",
  trending: "trending",
  "segment-popularity": "segment best sellers",
  "item-knn": "bought together",
  "user-knn": "similar customers",
  content: "similar products",
  als: "taste profile",
  ease: "bought together",
  "buy-again": "buy again",
  hybrid: "blend",
};

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/** `verb` is "bought" for shops with purchases, "chose" when the models learnt from ratings or views alone. */
export function describeReason(reason: Reason | null, productName: (item: number) => string, verb = "bought"): string {
  if (!reason) return "Scored by the model, with no single item behind it.";
  switch (reason.kind) {
    case "because-items":
      return `Because they ${verb} ${list(reason.items.slice(0, 2).map((i) => `“${productName(i)}”`))}.`;
    case "similar-customers":
      return `${reason.customers} of their ${reason.neighbours} most similar customers chose it.`;
    case "content":
      return reason.item === null
        ? `Matches their interests: ${reason.keywords.join(", ")}.`
        : `Like “${productName(reason.item)}” they ${verb}${reason.keywords.length ? ` (${reason.keywords.join(", ")})` : ""}.`;
    case "popular":
      if (reason.scope === "segment") return `Popular with ${reason.segment}: ${reason.customers} customers chose it.`;
      if (reason.scope === "trending") return `Trending: ${reason.customers} customers chose it in the last ${reason.windowDays} days.`;
      return `Popular: ${reason.customers} customers chose it.`;
    case "buy-again":
      return `They bought it ${reason.times === 1 ? "once" : `${reason.times} times`}, last on ${new Date(reason.lastAt).toISOString().slice(0, 10)}.`;
    case "blend": {
      const top = reason.parts[0];
      if (!top) return "A blend of models.";
      const others = reason.parts.slice(1).map((p) => `${ALGORITHM_WORDS[p.algorithm] ?? p.algorithm} ${Math.round(p.share * 100)}%`);
      return `${describeReason(top.reason, productName, verb)} (${ALGORITHM_WORDS[top.algorithm] ?? top.algorithm} ${Math.round(top.share * 100)}%${others.length ? `; ${others.join(", ")}` : ""})`;
    }
    case "similar-profile":
      return `Popular with customers who share their ${list(reason.attributes.map((a) => a.replace(": ", " ")))}: ${reason.customers} of them chose it.`;
    case "fallback":
      return `New customer: ${reason.why}. ${describeReason(reason.reason, productName, verb)}`;
  }
}
