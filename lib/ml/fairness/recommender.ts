// Fairness of a recommender across user groups: how well it serves each group (mean nDCG with a 95%
// normal-approximation interval over the group's evaluated users, and its ratio to the best-served group)
// and what it shows each group (category exposure). Unknown group values form an "unknown" group, listed
// but never the best group nor the largest difference, as in the scoring report (./grouping.ts).
import { MlRangeError } from "../errors";
import { normalQuantile } from "../../stats/distributions";
import { checkMinGroupSize } from "./group-metrics";
import { checkAttributes, encodeAttribute, UNKNOWN, type EncodedAttribute } from "./grouping";
import { indexCategories, largestExposureDifference, measureExposure, type ExposureDifference, type GroupExposure } from "./recommender-exposure";
import { summariseRecommenderFairness } from "./recommender-summary";
import type { GroupAttribute } from "./types";

export interface RecommenderFairnessInput {
  /** One value per user. */
  readonly groups: readonly GroupAttribute[];
  /** Per user; NaN for a user who was not evaluated. */
  readonly ndcg: Float64Array;
  /** Per user, the category of each recommended item, one entry per slot. */
  readonly recommendations: readonly (readonly string[])[];
  /** Category → share of the catalogue; the shares add up to 1. */
  readonly catalogueShares: Readonly<Record<string, number>>;
  readonly minGroupSize?: number;
}

export interface GroupNdcg {
  readonly attribute: string;
  readonly value: string;
  readonly unknown: boolean;
  /** Users in the group with an nDCG. */
  readonly users: number;
  readonly mean: number | null;
  /** 95% interval, clipped to [0, 1]; null under two evaluated users. */
  readonly low: number | null;
  readonly high: number | null;
  readonly ratioToBest: number | null;
  readonly isBest: boolean;
  readonly tooSmall: boolean;
}

export interface RecommenderFairnessFindings {
  readonly minGroupSize: number;
  readonly ndcg: readonly GroupNdcg[];
  readonly exposure: readonly GroupExposure[];
  /** Per attribute, its largest exposure difference (attributes without a sized group left out). */
  readonly largestExposureDifferences: readonly ExposureDifference[];
}

export interface RecommenderFairnessReport extends RecommenderFairnessFindings {
  readonly summary: readonly string[];
}

const Z95 = normalQuantile(0.975);

export function recommenderFairness(input: RecommenderFairnessInput): RecommenderFairnessReport {
  const minGroupSize = input.minGroupSize ?? 30;
  checkMinGroupSize(minGroupSize);
  const users = input.ndcg.length;
  checkAttributes(input.groups, users);
  if (input.recommendations.length !== users) throw new MlRangeError(`recommendations has ${input.recommendations.length} lists for ${users} users`);
  const bad = input.ndcg.findIndex((v) => !Number.isNaN(v) && !(v >= 0 && v <= 1));
  if (bad >= 0) throw new MlRangeError(`nDCG must be between 0 and 1 (NaN for a user not evaluated), got ${input.ndcg[bad]} at user ${bad}`);
  const attributes = input.groups.map(encodeAttribute);
  const index = indexCategories(input.recommendations, input.catalogueShares);
  const exposure = attributes.map((a) => measureExposure(index, a, minGroupSize));
  const findings: RecommenderFairnessFindings = {
    minGroupSize,
    ndcg: attributes.flatMap((a) => ndcgByGroup(input.ndcg, a, minGroupSize)),
    exposure: exposure.flat(),
    largestExposureDifferences: exposure.flatMap((groups) => largestExposureDifference(groups) ?? []),
  };
  return { ...findings, summary: summariseRecommenderFairness(findings) };
}

function ndcgByGroup(ndcg: Float64Array, attribute: EncodedAttribute, minGroupSize: number): GroupNdcg[] {
  const known = attribute.levels.length;
  const members = new Float64Array(known + 1);
  const n = new Float64Array(known + 1);
  const sum = new Float64Array(known + 1);
  for (let u = 0; u < ndcg.length; u++) {
    const code = attribute.codes[u]!;
    const g = code < 0 ? known : code;
    members[g]!++;
    if (Number.isNaN(ndcg[u]!)) continue;
    n[g]!++;
    sum[g]! += ndcg[u]!;
  }
  // Second pass about each mean: the textbook one-pass variance loses digits when nDCGs cluster.
  const squares = new Float64Array(known + 1);
  for (let u = 0; u < ndcg.length; u++) {
    if (Number.isNaN(ndcg[u]!)) continue;
    const code = attribute.codes[u]!;
    const g = code < 0 ? known : code;
    squares[g]! += (ndcg[u]! - sum[g]! / n[g]!) ** 2;
  }
  let best = -1;
  for (let g = 0; g < known; g++) if (n[g]! >= minGroupSize && (best < 0 || sum[g]! / n[g]! > sum[best]! / n[best]!)) best = g;
  const bestMean = best >= 0 ? sum[best]! / n[best]! : 0;
  const out: GroupNdcg[] = [];
  for (let g = 0; g <= known; g++) {
    if (members[g] === 0) continue;
    const count = n[g]!;
    const mean = count > 0 ? sum[g]! / count : null;
    const half = count >= 2 ? Z95 * Math.sqrt(squares[g]! / (count - 1) / count) : null;
    out.push({
      attribute: attribute.name,
      value: g === known ? UNKNOWN : attribute.levels[g]!,
      unknown: g === known,
      users: count,
      mean,
      low: mean !== null && half !== null ? Math.max(0, mean - half) : null,
      high: mean !== null && half !== null ? Math.min(1, mean + half) : null,
      ratioToBest: mean !== null && bestMean > 0 ? mean / bestMean : null,
      isBest: g === best,
      tooSmall: count < minGroupSize,
    });
  }
  return out;
}
