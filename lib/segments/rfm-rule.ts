// An RFM segment saved as an editable rule: its R and F score bands turned back into the orders and
// last-purchase dates they stood for on the RFM date. Scores are quintiles of the whole base, so the rule
// pins today's cut points; customers keep or lose membership as their own purchases change, not as the
// base shifts. Recency cuts fall inside days and rules count whole days, so the cut is rounded to the
// nearest midnight and the saved count can differ from the RFM table by the customers of that one day.
import { DAY_MS } from "../days";
import { RFM_SEGMENTS, type RfmCuts, rfmSegment } from "../ml/rfm";
import type { RuleNode } from "./rules";

const day = (ms: number) => new Date(Math.round(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * Orders scoring F in [lo, hi]: F = 1 + the number of cut points below the value; orders are whole.
 * Null when no whole number of orders scores there (tied cut points leave scores empty).
 */
function ordersBand(cuts: readonly number[], lo: number, hi: number): RuleNode[] | null {
  const min = lo > 1 ? Math.floor(cuts[lo - 2]!) + 1 : -Infinity;
  const max = hi < 5 ? Math.floor(cuts[hi - 1]!) : Infinity;
  if (min > max) return null;
  const out: RuleNode[] = [];
  if (min > -Infinity) out.push({ field: "orders", op: "gte", value: min });
  if (max < Infinity) out.push({ field: "orders", op: "lte", value: max });
  return out;
}

/** Last purchase scoring R in [lo, hi]: R = 6 − (1 + the number of recency cut points below the days). */
function recencyBand(cuts: readonly number[], lo: number, hi: number, asOf: number): RuleNode[] | null {
  if (lo > 1 && hi < 5 && cuts[5 - lo]! <= cuts[4 - hi]!) return null;
  const out: RuleNode[] = [];
  // R ≥ lo ⇔ days ≤ cuts[5 − lo] ⇔ last purchase on or after asOf − that many days.
  if (lo > 1) out.push({ field: "lastPurchaseAt", op: "gte", value: day(asOf - cuts[5 - lo]! * DAY_MS) });
  // R ≤ hi ⇔ days > cuts[4 − hi] ⇔ last purchase before asOf − that many days.
  if (hi < 5) out.push({ field: "lastPurchaseAt", op: "lt", value: day(asOf - cuts[4 - hi]! * DAY_MS) });
  return out;
}

/** The rule for RFM_SEGMENTS[index]: one branch per run of R scores that own the same F scores. */
export function rfmSegmentRule(index: number, cuts: RfmCuts, asOf: number): RuleNode {
  if (!RFM_SEGMENTS[index]) throw new RangeError(`there is no RFM segment ${index}`);
  if (cuts.frequency.length !== 4 || cuts.recency.length !== 4) throw new RangeError("RFM cut points are missing: no customers were scored");
  // Segments are first-match over the grid, so a segment owns only the cells no earlier rule claimed.
  const owned = [1, 2, 3, 4, 5].map((r) => [1, 2, 3, 4, 5].filter((f) => rfmSegment(r, f) === index));
  const branches: RuleNode[] = [];
  for (let r = 1; r <= 5; r++) {
    const fs = owned[r - 1]!;
    if (fs.length === 0) continue;
    let top = r;
    while (top < 5 && owned[top]!.join() === fs.join()) top++;
    const recency = recencyBand(cuts.recency, r, top, asOf);
    const orders = ordersBand(cuts.frequency, fs[0]!, fs[fs.length - 1]!);
    r = top;
    if (!recency || !orders) continue;
    const conditions = [...recency, ...orders];
    branches.push(conditions.length === 1 ? conditions[0]! : { all: conditions });
  }
  // No branch left means every cell of the segment is empty at these cut points: a rule nobody matches.
  if (branches.length === 0) return { all: [{ field: "orders", op: "lt", value: 0 }] };
  return branches.length === 1 ? branches[0]! : { any: branches };
}
