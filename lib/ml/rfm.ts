// RFM: recency, frequency and monetary value scored 1–5 by quintile, and the standard named segments read
// off the recency × frequency grid. Scores come from value cut points (the 20th, 40th, 60th and 80th
// percentiles), so customers with the same value always get the same score, even when a fifth of the base
// shares it (most shops' one-order customers).
import { MlRangeError } from "./errors";

export interface RfmInput {
  /** Days since the last purchase, at the "as of" date. */
  recencyDays: Float64Array;
  /** Distinct orders. */
  frequency: Float64Array;
  /** Revenue. */
  monetary: Float64Array;
}

export interface RfmCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Index into RFM_SEGMENTS. */
  segment: Uint8Array;
  cuts: RfmCuts;
}

export interface RfmSegmentRule {
  name: string;
  /** Inclusive score ranges; the first rule that matches a customer's R and F names them. */
  r: readonly [number, number];
  f: readonly [number, number];
  description: string;
}

export const RFM_SEGMENTS: readonly RfmSegmentRule[] = [
  { name: "Champions", r: [5, 5], f: [4, 5], description: "Bought very recently and buy often" },
  { name: "Loyal", r: [3, 4], f: [4, 5], description: "Buy often and not long ago" },
  { name: "Potential loyalist", r: [4, 5], f: [2, 3], description: "Recent customers with a few orders" },
  { name: "New", r: [5, 5], f: [1, 1], description: "First order very recently" },
  { name: "Promising", r: [4, 4], f: [1, 1], description: "One recent order" },
  { name: "Need attention", r: [3, 3], f: [3, 3], description: "Average recency and frequency" },
  { name: "About to sleep", r: [3, 3], f: [1, 2], description: "Few orders, and the last one a while ago" },
  { name: "Can't lose them", r: [1, 2], f: [5, 5], description: "Used to buy most often, but not for a long time" },
  { name: "At risk", r: [1, 2], f: [3, 4], description: "Bought often, but long ago" },
  { name: "Lost", r: [1, 1], f: [1, 1], description: "One order, longest ago" },
  { name: "Hibernating", r: [1, 2], f: [1, 2], description: "Few orders, long ago" },
];

/** The segment of an R and F score (1–5 each). */
export function rfmSegment(r: number, f: number): number {
  const i = RFM_SEGMENTS.findIndex((s) => r >= s.r[0] && r <= s.r[1] && f >= s.f[0] && f <= s.f[1]);
  if (i < 0) throw new MlRangeError(`no RFM segment for R ${r}, F ${f}`);
  return i;
}

/** The 20th, 40th, 60th and 80th percentiles, interpolated linearly between order statistics. */
export function quintileCuts(values: Float64Array): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return [0.2, 0.4, 0.6, 0.8].map((q) => {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  });
}

/** 1 + the number of cut points below the value: higher values score higher. */
function scoreUp(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}

export function scoreRfm(input: RfmInput): RfmScores {
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) throw new MlRangeError("recency, frequency and monetary must have one value per customer");
  const cuts: RfmCuts = { recency: quintileCuts(input.recencyDays), frequency: quintileCuts(input.frequency), monetary: quintileCuts(input.monetary) };
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Recency is better when smaller: the most recent fifth scores 5.
    r[i] = 6 - scoreUp(input.recencyDays[i]!, cuts.recency);
    f[i] = scoreUp(input.frequency[i]!, cuts.frequency);
    m[i] = scoreUp(input.monetary[i]!, cuts.monetary);
    segment[i] = rfmSegment(r[i]!, f[i]!);
  }
  return { r, f, m, segment, cuts };
}

export interface RfmMovement {
  /** counts[from][to] over RFM_SEGMENTS indices, for customers scored at both dates. */
  counts: number[][];
  /** Customers scored at the later date only (their first purchase came in between), by segment. */
  arrived: number[];
}

/**
 * How customers moved between segments from one "as of" date to another. Both inputs are sorted by
 * customer id (as loadPurchaseHistory returns them); a customer scored only at the earlier date cannot
 * happen, since purchases only accumulate.
 */
export function rfmMovement(before: { ids: Int32Array; segment: Uint8Array }, after: { ids: Int32Array; segment: Uint8Array }): RfmMovement {
  const k = RFM_SEGMENTS.length;
  const counts = Array.from({ length: k }, () => Array<number>(k).fill(0));
  const arrived = Array<number>(k).fill(0);
  let i = 0;
  for (let j = 0; j < after.ids.length; j++) {
    while (i < before.ids.length && before.ids[i]! < after.ids[j]!) i++;
    if (i < before.ids.length && before.ids[i] === after.ids[j]) counts[before.segment[i]!]![after.segment[j]!]!++;
    else arrived[after.segment[j]!]!++;
  }
  return { counts, arrived };
}
