// Disparate-impact flags and error-rate gaps. The four-fifths rule alone flags noise on small groups, so a
// group is flagged only when its ratio to the highest group is under the threshold AND its selection rate
// differs significantly from that group's. Every sized, known group is tested against its attribute's
// highest, whatever its ratio, and Holm's correction runs over all those tests together: testing only the
// low ratios would let the data choose the family.
import { MlRangeError } from "../errors";
import { holmAdjust } from "../../stats/multiple-testing";
import { compareRates } from "./significance";
import type { AttributeGaps, DisparateImpactFlag, GroupMetrics, RateGap } from "./types";

export interface FlagOptions {
  readonly alpha: number;
  /** The four-fifths rule's 0.8 unless told otherwise. */
  readonly ratioThreshold: number;
}

export interface TestedGroups {
  readonly groups: GroupMetrics[];
  readonly flags: DisparateImpactFlag[];
}

export function checkFlagOptions({ alpha, ratioThreshold }: FlagOptions): void {
  if (!(alpha > 0 && alpha < 1)) throw new MlRangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  if (!(ratioThreshold > 0 && ratioThreshold <= 1)) throw new MlRangeError(`ratioThreshold must be above 0 and at most 1, got ${ratioThreshold}`);
}

function isTestable(g: GroupMetrics): boolean {
  return !g.tooSmall && !g.unknown && !g.isHighest;
}

/** The groups with their test, raw and Holm-adjusted p-values filled in, and the flags they raise. */
export function testGroups(groups: readonly GroupMetrics[], options: FlagOptions): TestedGroups {
  checkFlagOptions(options);
  const highest = new Map(groups.filter((g) => g.isHighest).map((g) => [g.attribute, g]));
  const tested = groups.map((g) => {
    const ref = highest.get(g.attribute);
    if (!isTestable(g) || ref === undefined) return null;
    return compareRates(g.selected, g.count, ref.selected, ref.count);
  });
  const positions = tested.flatMap((t, i) => (t === null ? [] : [i]));
  const adjusted = holmAdjust(positions.map((i) => tested[i]!.pValue));
  const adjustedAt = new Map(positions.map((i, k) => [i, adjusted[k]!]));
  const out = groups.map((g, i) => {
    const t = tested[i];
    return t ? { ...g, test: t.test, pValue: t.pValue, adjustedPValue: adjustedAt.get(i)! } : g;
  });
  const flags = out.flatMap((g) => {
    const ref = highest.get(g.attribute);
    const flagged = ref && g.test && g.ratioToHighest !== null && g.ratioToHighest < options.ratioThreshold && g.adjustedPValue! < options.alpha;
    return flagged ? [toFlag(g, ref)] : [];
  });
  return { groups: out, flags };
}

function toFlag(g: GroupMetrics, ref: GroupMetrics): DisparateImpactFlag {
  return {
    attribute: g.attribute,
    value: g.value,
    intersection: g.intersection,
    selectionRate: g.selectionRate,
    ratioToHighest: g.ratioToHighest!,
    highestValue: ref.value,
    highestSelectionRate: ref.selectionRate,
    count: g.count,
    pValue: g.pValue!,
    adjustedPValue: g.adjustedPValue!,
    test: g.test!,
  };
}

/** Per attribute, the spread of true- and false-positive rates over its sized, known groups. */
export function measureGaps(groups: readonly GroupMetrics[]): AttributeGaps[] {
  const byAttribute = new Map<string, GroupMetrics[]>();
  for (const g of groups) {
    if (!byAttribute.has(g.attribute)) byAttribute.set(g.attribute, []);
    if (!g.tooSmall && !g.unknown) byAttribute.get(g.attribute)!.push(g);
  }
  return [...byAttribute].map(([attribute, sized]) => ({
    attribute,
    intersection: groups.find((g) => g.attribute === attribute)!.intersection,
    equalOpportunity: spread(sized, (g) => g.truePositiveRate),
    falsePositive: spread(sized, (g) => g.falsePositiveRate),
  }));
}

function spread(groups: readonly GroupMetrics[], rateOf: (g: GroupMetrics) => number | null): RateGap | null {
  let hi: { value: string; rate: number } | null = null;
  let lo: { value: string; rate: number } | null = null;
  let n = 0;
  for (const g of groups) {
    const r = rateOf(g);
    if (r === null) continue;
    n++;
    if (hi === null || r > hi.rate) hi = { value: g.value, rate: r };
    if (lo === null || r < lo.rate) lo = { value: g.value, rate: r };
  }
  return n >= 2 && hi && lo ? { gap: hi.rate - lo.rate, highest: hi, lowest: lo } : null;
}
