// The recommender report in plain sentences: per attribute, the least-served group against the best, and
// the largest exposure difference. Figures only; whether a gap matters is the reader's call.
import { groupName, listSome, percent, ratio } from "./format";
import type { RecommenderFairnessFindings } from "./recommender";

export function summariseRecommenderFairness(f: RecommenderFairnessFindings): string[] {
  return [...describeNdcg(f), ...describeExposure(f), ...describeSmall(f)];
}

const range = (low: number | null, high: number | null) => (low === null || high === null ? "" : `, 95% interval ${low.toFixed(2)}–${high.toFixed(2)}`);

function describeNdcg(f: RecommenderFairnessFindings): string[] {
  const out: string[] = [];
  const attributes = [...new Set(f.ndcg.map((g) => g.attribute))];
  for (const attribute of attributes) {
    const sized = f.ndcg.filter((g) => g.attribute === attribute && !g.tooSmall && !g.unknown && g.mean !== null);
    const best = sized.find((g) => g.isBest);
    const worst = sized.reduce<(typeof sized)[number] | null>((w, g) => (w === null || g.mean! < w.mean! ? g : w), null);
    if (!best || !worst || worst === best || worst.ratioToBest === null) continue;
    const apart = worst.high !== null && best.low !== null && worst.high < best.low ? "the intervals do not overlap" : "the intervals overlap";
    out.push(
      `nDCG for ${groupName(attribute, worst.value)} is ${ratio(worst.ratioToBest)} that of "${best.value}" (${worst.mean!.toFixed(2)}${range(worst.low, worst.high)}, against ${best.mean!.toFixed(2)}${range(best.low, best.high)}); ${apart}.`,
    );
  }
  return out;
}

function describeExposure(f: RecommenderFairnessFindings): string[] {
  return f.largestExposureDifferences.map((d) => {
    const catalogue = f.exposure.find((g) => g.attribute === d.attribute && g.value === d.value)?.categories.find((c) => c.category === d.category)?.catalogueShare;
    const share = catalogue === undefined ? "" : ` and ${percent(catalogue)} of the catalogue`;
    return `By ${d.attribute}, the largest exposure difference is "${d.category}" for "${d.value}": ${percent(d.share)} of their recommendations against ${percent(d.overallShare)} of all recommendations${share}.`;
  });
}

function describeSmall(f: RecommenderFairnessFindings): string[] {
  const small = f.ndcg.filter((g) => g.tooSmall && !g.unknown);
  if (small.length === 0) return [];
  const names = small.map((g) => `${groupName(g.attribute, g.value)} (${g.users})`);
  return [`${small.length} group${small.length === 1 ? " has" : "s have"} fewer than ${f.minGroupSize} evaluated users and ${small.length === 1 ? "is" : "are"} not compared: ${listSome(names)}.`];
}
