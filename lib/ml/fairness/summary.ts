// The report in plain sentences. They say what the numbers show (rates, ratios, p-values) and which
// groups the rules flag; none says a model discriminates, which is a judgement these figures inform.
import { cutPhrase, groupName, listSome, percent, points, pValue, ratio } from "./format";
import type { DisparateImpactFlag, FairnessFindings, GroupMetrics, RateGap } from "./types";

/** Gaps and calibration errors under this many points (as a share) are not worth a sentence each. */
const NOTABLE = 0.05;

export function summariseFairness(f: FairnessFindings): string[] {
  return [
    describeCut(f),
    ...describeFlags(f),
    ...describeUntested(f),
    ...describeOutcomes(f),
    ...describeProxies(f),
  ];
}

function describeProxies(f: FairnessFindings): string[] {
  if (f.featuresChecked > 0 && f.proxies.length === 0) return [`No model feature reaches Cramér's V ${f.proxyThreshold} with a group attribute.`];
  return f.proxies.map((p) => `"${p.feature}" is ${p.cramersV >= 0.5 ? "strongly " : ""}associated with ${p.attribute} (Cramér's V ${p.cramersV.toFixed(2)}, bias-corrected): it may act as a proxy.`);
}

function describeCut({ cut }: FairnessFindings): string {
  // A threshold names its own lowest score; a top share's is worth saying.
  const lowest = cut.kind === "topShare" && cut.lowestSelectedScore !== null ? ` (scores of ${cut.lowestSelectedScore.toFixed(2)} and above)` : "";
  return `${cutPhrase(cut)}, ${cut.selected} of ${cut.rows} rows are selected${lowest}.`;
}

/** Flag sentences per attribute, and for all intersections together; the rest are counted. */
const FLAG_SENTENCES = 3;
const NOT_SIGNIFICANT_SENTENCES = 5;

function describeFlags(f: FairnessFindings): string[] {
  const at = cutPhrase(f.cut);
  const buckets = new Map<string, DisparateImpactFlag[]>();
  for (const flag of f.flags) {
    const key = flag.intersection ? "intersection" : flag.attribute;
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key)!.push(flag);
  }
  const flagged = [...buckets].sort(([a], [b]) => Number(a === "intersection") - Number(b === "intersection")).flatMap(([key, flags]) => {
    const worst = [...flags].sort((a, b) => a.ratioToHighest - b.ratioToHighest);
    const shown = worst.slice(0, FLAG_SENTENCES).map(
      (g) => `${at}, ${groupName(g.attribute, g.value)} is selected at ${ratio(g.ratioToHighest)} the rate of "${g.highestValue}" (${percent(g.selectionRate)} vs ${percent(g.highestSelectionRate)}; ${pValue(g.adjustedPValue)} after Holm correction): flagged.`,
    );
    const more = worst.length - shown.length;
    return more > 0 ? [...shown, `${more} more ${key} group${more === 1 ? " is" : "s are"} flagged.`] : shown;
  });
  const clean = flagged.length === 0 ? [`No group's selection rate is significantly below ${f.ratioThreshold}× the highest.`] : [];
  return [...flagged, ...clean, ...describeNotSignificant(f, at)];
}

/** Ratios under the threshold that the tests do not support, single attributes first, lowest ratio first. */
function describeNotSignificant(f: FairnessFindings, at: string): string[] {
  const references = new Map(f.groups.filter((g) => g.isHighest).map((g) => [g.attribute, g]));
  const low = f.groups
    .filter((g) => g.adjustedPValue !== null && g.ratioToHighest !== null && g.ratioToHighest < f.ratioThreshold && g.adjustedPValue >= f.alpha)
    .sort((a, b) => Number(a.intersection) - Number(b.intersection) || a.ratioToHighest! - b.ratioToHighest!);
  const shown = low.slice(0, NOT_SIGNIFICANT_SENTENCES).map((g) => {
    const ref = references.get(g.attribute)!;
    return `${at}, ${groupName(g.attribute, g.value)} is selected at ${ratio(g.ratioToHighest!)} the rate of "${ref.value}" (${percent(g.selectionRate)} vs ${percent(ref.selectionRate)}; ${pValue(g.adjustedPValue!)} after Holm correction): under ${f.ratioThreshold}× but not significant, so not flagged.`;
  });
  const more = low.length - shown.length;
  return more > 0 ? [...shown, `${more} more group${more === 1 ? " is" : "s are"} under ${f.ratioThreshold}× without a significant difference.`] : shown;
}

function describeUntested(f: FairnessFindings): string[] {
  const out: string[] = [];
  const small = f.groups.filter((g) => g.tooSmall && !g.unknown);
  if (small.length > 0) {
    const names = small.map((g) => `${groupName(g.attribute, g.value)} (${g.count})`);
    out.push(`${small.length} group${small.length === 1 ? " has" : "s have"} fewer than ${f.minGroupSize} rows and ${small.length === 1 ? "is" : "are"} not tested: ${listSome(names)}.`);
  }
  const unknown = f.groups.filter((g) => g.unknown);
  if (unknown.length > 0) {
    out.push(`Unknown values are listed as their own group and not tested: ${listSome(unknown.map((g) => `${g.attribute} (${g.count} row${g.count === 1 ? "" : "s"})`))}.`);
  }
  return out;
}

function describeOutcomes(f: FairnessFindings): string[] {
  if (!f.labelled) return ["Outcomes were not given, so true- and false-positive rates and calibration are not reported."];
  const out: string[] = [];
  for (const gaps of f.gaps) {
    if (gaps.intersection) continue;
    const tpr = gaps.equalOpportunity;
    const fpr = gaps.falsePositive;
    if (tpr && tpr.gap >= NOTABLE) out.push(`Among rows with a positive outcome, the cut selects ${rates(gaps.attribute, tpr)} (equal-opportunity gap ${points(tpr.gap)}).`);
    if (fpr && fpr.gap >= NOTABLE) out.push(`Among rows with a negative outcome, the cut selects ${rates(gaps.attribute, fpr)} (false-positive gap ${points(fpr.gap)}).`);
  }
  if (out.length === 0) out.push(`True- and false-positive rates are within ${points(NOTABLE)} across the groups of each attribute.`);
  return [...out, ...describeCalibration(f.groups)];
}

function rates(attribute: string, gap: RateGap): string {
  return `${percent(gap.lowest.rate)} of ${groupName(attribute, gap.lowest.value)} and ${percent(gap.highest.rate)} of "${gap.highest.value}"`;
}

/** Per attribute, the sized group whose mean score is furthest from its observed rate, when that is notable. */
function describeCalibration(groups: readonly GroupMetrics[]): string[] {
  const worst = new Map<string, GroupMetrics>();
  for (const g of groups) {
    if (g.intersection || g.tooSmall || g.unknown || g.calibrationGap === null) continue;
    const prev = worst.get(g.attribute);
    if (!prev || Math.abs(g.calibrationGap) > Math.abs(prev.calibrationGap!)) worst.set(g.attribute, g);
  }
  return [...worst.values()]
    .filter((g) => Math.abs(g.calibrationGap!) >= NOTABLE)
    .map((g) => `Scores ${g.calibrationGap! > 0 ? "overstate" : "understate"} the observed rate for ${groupName(g.attribute, g.value)} by ${points(g.calibrationGap!)} (mean score ${percent(g.meanScore)}, observed ${percent(g.positiveRate!)}).`);
}
