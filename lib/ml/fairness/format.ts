// Number and name formats shared by the report's sentences.
import type { ResolvedCut } from "./types";

/** 0.2 → "20%", 0.125 → "12.5%". */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** A difference of two rates in percentage points, rounded. */
export function points(gap: number): string {
  const p = Math.round(Math.abs(gap) * 100);
  return `${p} point${p === 1 ? "" : "s"}`;
}

export function ratio(r: number): string {
  return `${r.toFixed(2)}×`;
}

export function pValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

/** `gender "female"`: the attribute named once, the value quoted, whatever the value's wording. */
export function groupName(attribute: string, value: string): string {
  return `${attribute} "${value}"`;
}

/** "At the top 20%" or "At a score of 0.3 or above". */
export function cutPhrase(cut: ResolvedCut): string {
  return cut.kind === "topShare" ? `At the top ${percent(cut.topShare!)}` : `At a score of ${cut.threshold} or above`;
}

/** A list of at most `limit` items, then "and N more". */
export function listSome(items: readonly string[], limit = 5): string {
  if (items.length <= limit) return items.join(", ");
  return `${items.slice(0, limit).join(", ")} and ${items.length - limit} more`;
}
