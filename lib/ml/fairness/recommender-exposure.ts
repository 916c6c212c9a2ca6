// Category exposure by group: of the recommendation slots a group's users got, the share in each category,
// set against the share over all users' slots and the category's share of the catalogue.
import { MlRangeError } from "../errors";
import { compareText, UNKNOWN, type EncodedAttribute } from "./grouping";

export interface CategoryExposure {
  readonly category: string;
  /** Share of the group's slots in this category. */
  readonly share: number;
  /** Share of all users' slots in this category. */
  readonly overallShare: number;
  readonly catalogueShare: number;
  /** share − overallShare. */
  readonly difference: number;
}

export interface GroupExposure {
  readonly attribute: string;
  readonly value: string;
  readonly unknown: boolean;
  readonly users: number;
  readonly slots: number;
  readonly tooSmall: boolean;
  /** Empty when the group's users got no slots at all. */
  readonly categories: readonly CategoryExposure[];
}

export interface ExposureDifference {
  readonly attribute: string;
  readonly value: string;
  readonly category: string;
  readonly share: number;
  readonly overallShare: number;
  readonly difference: number;
}

export interface CategoryIndex {
  readonly categories: readonly string[];
  readonly catalogueShares: Float64Array;
  /** Per user, the category code of each slot. */
  readonly slots: readonly Int32Array[];
  readonly overall: Float64Array;
}

export function indexCategories(recommendations: readonly (readonly string[])[], catalogueShares: Readonly<Record<string, number>>): CategoryIndex {
  const shares = Object.entries(catalogueShares);
  for (const [category, share] of shares) {
    if (!(share >= 0 && share <= 1)) throw new MlRangeError(`the catalogue share of "${category}" must be between 0 and 1, got ${share}`);
  }
  const sum = shares.reduce((a, [, s]) => a + s, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new MlRangeError(`the catalogue's category shares must add up to 1, got ${sum}`);
  const categories = [...new Set([...shares.map(([c]) => c), ...recommendations.flat()])].sort(compareText);
  const code = new Map(categories.map((c, k) => [c, k]));
  const slots = recommendations.map((list) => Int32Array.from(list, (c) => code.get(c)!));
  const overall = new Float64Array(categories.length);
  for (const list of slots) for (const c of list) overall[c]!++;
  return { categories, catalogueShares: Float64Array.from(categories, (c) => catalogueShares[c] ?? 0), slots, overall };
}

export function measureExposure(index: CategoryIndex, attribute: EncodedAttribute, minGroupSize: number): GroupExposure[] {
  const known = attribute.levels.length;
  const k = index.categories.length;
  const users = new Float64Array(known + 1);
  const counts = new Float64Array((known + 1) * k);
  index.slots.forEach((list, u) => {
    const code = attribute.codes[u]!;
    const g = code < 0 ? known : code;
    users[g]!++;
    for (const c of list) counts[g * k + c]!++;
  });
  const allSlots = index.overall.reduce((a, b) => a + b, 0);
  const out: GroupExposure[] = [];
  for (let g = 0; g <= known; g++) {
    if (users[g] === 0) continue;
    const row = counts.subarray(g * k, (g + 1) * k);
    const slots = row.reduce((a, b) => a + b, 0);
    const categories = slots === 0 ? [] : index.categories.map((category, c) => {
      const share = row[c]! / slots;
      const overallShare = index.overall[c]! / allSlots;
      return { category, share, overallShare, catalogueShare: index.catalogueShares[c]!, difference: share - overallShare };
    });
    out.push({ attribute: attribute.name, value: g === known ? UNKNOWN : attribute.levels[g]!, unknown: g === known, users: users[g]!, slots, tooSmall: users[g]! < minGroupSize, categories });
  }
  return out;
}

/** The sized, known group and category furthest (either way) from the overall share; null when none. */
export function largestExposureDifference(groups: readonly GroupExposure[]): ExposureDifference | null {
  let best: ExposureDifference | null = null;
  for (const g of groups) {
    if (g.tooSmall || g.unknown) continue;
    for (const c of g.categories) {
      if (best === null || Math.abs(c.difference) > Math.abs(best.difference)) {
        best = { attribute: g.attribute, value: g.value, category: c.category, share: c.share, overallShare: c.overallShare, difference: c.difference };
      }
    }
  }
  return best;
}
