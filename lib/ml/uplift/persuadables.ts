// Who to send the campaign to. Uplift, not the chance to buy, decides: the customers the campaign changes
// (persuadables) are worth the cost, those who buy anyway (sure things) or never (lost causes) are not, and
// those it puts off (sleeping dogs) cost twice. The four names need both predictions, P(y | treated) and
// P(y | holdout), which the T-learner gives (predictResponses); a model of uplift alone can only rank.
import { MlRangeError } from "../errors";
import { descendingOrder } from "../scoring/metrics/order";

export type ResponseSegment = "persuadable" | "sure-thing" | "lost-cause" | "sleeping-dog";
/** The order of the codes {@link segmentByResponse} returns. */
export const RESPONSE_SEGMENTS: readonly ResponseSegment[] = ["persuadable", "sure-thing", "lost-cause", "sleeping-dog"];

export interface AudienceOptions {
  /** Only rows whose predicted uplift is strictly above this; default 0 (the campaign helps at all). */
  readonly minUplift?: number;
  /** At most this share of all rows, highest uplift first (⌊share·n⌋ rows); default 1. */
  readonly topShare?: number;
}

/** Row indices to target, highest predicted uplift first (ties by row index). */
export function persuadableAudience(uplift: Float64Array, options: AudienceOptions = {}): Int32Array {
  const minUplift = options.minUplift ?? 0;
  const topShare = options.topShare ?? 1;
  if (!Number.isFinite(minUplift)) throw new MlRangeError(`persuadableAudience: minUplift must be a finite number, got ${minUplift}`);
  if (!(topShare > 0 && topShare <= 1)) throw new MlRangeError(`persuadableAudience: topShare must be in (0, 1], got ${topShare}`);
  uplift.forEach((u, i) => {
    if (!Number.isFinite(u)) throw new MlRangeError(`persuadableAudience: uplift[${i}] is ${u}; predictions must be finite numbers`);
  });
  const order = descendingOrder(uplift).subarray(0, Math.floor(topShare * uplift.length));
  let kept = 0;
  while (kept < order.length && uplift[order[kept]!]! > minUplift) kept++;
  return order.slice(0, kept);
}

export interface SegmentOptions {
  /** |uplift| below this counts as no effect; at or above it, persuadable (or sleeping dog if negative). */
  readonly threshold: number;
  /**
   * P(y | holdout) at or above which a no-effect customer is a sure thing rather than a lost cause; default
   * the mean over the rows ("likelier than the average customer to buy without the campaign"), since
   * conversion rates of a few percent would leave no sure things under a fixed 0.5.
   */
  readonly baseline?: number;
}

export interface SegmentResult {
  /** One code per row into {@link RESPONSE_SEGMENTS}. */
  readonly segments: Uint8Array;
  readonly counts: Readonly<Record<ResponseSegment, number>>;
  readonly baseline: number;
}

export function segmentByResponse(pTreated: Float64Array, pControl: Float64Array, options: SegmentOptions): SegmentResult {
  const n = pTreated.length;
  if (pControl.length !== n) throw new MlRangeError(`segmentByResponse: pTreated has ${n} values but pControl has ${pControl.length}`);
  const { threshold } = options;
  if (!(threshold > 0 && threshold < 1)) throw new MlRangeError(`segmentByResponse: threshold must be between 0 and 1, got ${threshold}`);
  for (const [what, p] of [["pTreated", pTreated], ["pControl", pControl]] as const) {
    p.forEach((v, i) => {
      if (!(v >= 0 && v <= 1)) throw new MlRangeError(`segmentByResponse: ${what}[${i}] is ${v}; probabilities must lie in [0, 1]`);
    });
  }
  const baseline = options.baseline ?? (n > 0 ? pControl.reduce((s, v) => s + v, 0) / n : 0.5);
  if (!(baseline >= 0 && baseline <= 1)) throw new MlRangeError(`segmentByResponse: baseline must lie in [0, 1], got ${baseline}`);
  const segments = new Uint8Array(n);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = pTreated[i]! - pControl[i]!;
    const code = u >= threshold ? 0 : u <= -threshold ? 3 : pControl[i]! >= baseline ? 1 : 2;
    segments[i] = code;
    counts[code]!++;
  }
  const named = Object.fromEntries(RESPONSE_SEGMENTS.map((s, k) => [s, counts[k]!])) as Record<ResponseSegment, number>;
  return { segments, counts: named, baseline };
}
