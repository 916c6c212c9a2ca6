// Input checks for buildJourneys. The window search walks touches and purchases with two pointers, which silently
// gives wrong credit on unsorted input, so order is checked (one linear pass) rather than assumed.
import { MlRangeError } from "../../ml/errors";
import type { Journeys, Purchases, Touches } from "./types";

function sameLengths(what: string, columns: Record<string, ArrayLike<number>>): number {
  const entries = Object.entries(columns);
  const n = entries[0]![1].length;
  for (const [name, col] of entries) {
    if (col.length !== n) {
      const all = entries.map(([k, c]) => `${k} ${c.length}`).join(", ");
      throw new MlRangeError(`buildJourneys: ${what} columns have mismatched lengths (${all}); ${name} differs`);
    }
  }
  return n;
}

function checkOrder(what: string, customer: Int32Array, time: Float64Array): void {
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i]!;
    const t = time[i]!;
    if (!Number.isFinite(t)) throw new MlRangeError(`buildJourneys: ${what} time at index ${i} is ${t}; times must be finite epoch ms`);
    if (c < 0) throw new MlRangeError(`buildJourneys: ${what} customer at index ${i} is ${c}; dense indices are >= 0`);
    if (i === 0) continue;
    const pc = customer[i - 1]!;
    if (c < pc || (c === pc && t < time[i - 1]!)) {
      throw new MlRangeError(
        `buildJourneys: ${what} are not sorted by customer then time at index ${i} ` +
          `(customer ${c}, time ${t} after customer ${pc}, time ${time[i - 1]})`,
      );
    }
  }
}

export function checkTouches(t: Touches): void {
  sameLengths("touch", { customer: t.customer, time: t.time, campaign: t.campaign, isClick: t.isClick });
  checkOrder("touches", t.customer, t.time);
  for (let i = 0; i < t.campaign.length; i++) {
    if (t.campaign[i]! < 0) throw new MlRangeError(`buildJourneys: touch campaign at index ${i} is ${t.campaign[i]}; dense indices are >= 0`);
    if (t.isClick[i]! > 1) throw new MlRangeError(`buildJourneys: touch isClick at index ${i} is ${t.isClick[i]}; use 1 (click) or 0 (impression)`);
  }
}

export function checkPurchases(p: Purchases): void {
  sameLengths("purchase", { customer: p.customer, time: p.time, revenue: p.revenue });
  checkOrder("purchases", p.customer, p.time);
  for (let i = 0; i < p.revenue.length; i++) {
    if (!Number.isFinite(p.revenue[i]!)) throw new MlRangeError(`buildJourneys: purchase revenue at index ${i} is ${p.revenue[i]}; it must be finite`);
  }
}

/** stateOf must cover every campaign on a path and map into 0..stateCount-1. */
export function checkStates(j: Journeys, stateOf: Int32Array, stateCount: number): void {
  if (!(Number.isInteger(stateCount) && stateCount >= 0)) {
    throw new MlRangeError(`attribute: stateCount must be a whole number >= 0, got ${stateCount}`);
  }
  if (stateOf.length < j.campaignSpan) {
    throw new MlRangeError(`attribute: stateOf has ${stateOf.length} entries but the paths use campaign ${j.campaignSpan - 1}`);
  }
  for (let c = 0; c < stateOf.length; c++) {
    const s = stateOf[c]!;
    if (s < 0 || s >= stateCount) throw new MlRangeError(`attribute: stateOf[${c}] is ${s}; states are 0..${stateCount - 1}`);
  }
}
