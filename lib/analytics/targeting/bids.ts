// Bid guidance: the most one can pay and still keep ROI = (revenue − cost) / cost at or above a target,
// i.e. cost ≤ revenue / (1 + target). Per impression the revenue is EV, so max CPM = 1000 × EV / (1 + target);
// per click it is P(conversion | click) × order value, so max CPC = that / (1 + target).
import { MlRangeError } from "../../ml/errors";
import { descendingOrder } from "../../ml/scoring/metrics/order";
import { expectedValues } from "./expected-value";
import { type TargetingInputs, checkInputs, checkTargetRoi } from "./inputs";
import { bidText, percentText } from "./wording";

export interface BidGroup {
  /** "Top 10%", "Top 10–20%", … for deciles; the segment (null = none) for segments. */
  readonly group: string | null;
  readonly customers: number;
  readonly meanPClick: number;
  readonly meanPConvert: number;
  readonly meanOrderValue: number;
  readonly evPerImpression: number;
  /** null when the group is expected to give no clicks, so there is nothing to pay per click for. */
  readonly maxCpc: number | null;
  readonly maxCpm: number;
  readonly text: string;
}

export interface DecileBid extends BidGroup {
  /** 1 = the highest EV per impression. */
  readonly decile: number;
  readonly group: string;
}

export interface BidOptions {
  /** 0.5 = keep ROI at 50% or more. */
  readonly targetRoi: number;
  /** Default "€". */
  readonly currency?: string;
}

/** Each customer's own highest CPC and CPM at the target ROI. */
export function customerBids(inputs: TargetingInputs, targetRoi: number): { maxCpc: Float64Array; maxCpm: Float64Array } {
  checkTargetRoi("customerBids", targetRoi);
  const { ev } = expectedValues(inputs);
  const n = ev.length;
  const maxCpc = new Float64Array(n);
  const maxCpm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    maxCpc[i] = (inputs.pConvert[i]! * inputs.orderValue[i]!) / (1 + targetRoi);
    maxCpm[i] = (1000 * ev[i]!) / (1 + targetRoi);
  }
  return { maxCpc, maxCpm };
}

/**
 * Bids by group of EV per impression, highest first, split as gainByDecile splits (sizes differ by at most
 * one, ties by row index).
 */
export function bidsByDecile(inputs: TargetingInputs, options: BidOptions & { readonly groups?: number }): DecileBid[] {
  const groups = options.groups ?? 10;
  checkTargetRoi("bidsByDecile", options.targetRoi);
  const n = checkInputs("bidsByDecile", inputs);
  if (!Number.isInteger(groups) || groups < 1) throw new MlRangeError(`bidsByDecile: groups must be a whole number of at least 1, got ${groups}`);
  if (groups > n) throw new MlRangeError(`bidsByDecile: groups = ${groups} is more than the ${n} customers`);
  const order = descendingOrder(expectedValues(inputs).ev);
  return Array.from({ length: groups }, (_, g) => {
    const rows = order.subarray(Math.floor((g * n) / groups), Math.floor(((g + 1) * n) / groups));
    const group = g === 0 ? `Top ${percentText(1 / groups)}` : `Top ${percentText(g / groups).slice(0, -1)}–${percentText((g + 1) / groups)}`;
    return { decile: g + 1, ...groupBid(inputs, rows, group, options) };
  });
}

/** Bids by segment, highest EV per impression first (ties by name, no segment last). */
export function bidsBySegment(inputs: TargetingInputs, options: BidOptions): BidGroup[] {
  checkTargetRoi("bidsBySegment", options.targetRoi);
  const n = checkInputs("bidsBySegment", inputs);
  const segment = inputs.segment;
  if (!segment) throw new MlRangeError("bidsBySegment: no segment was given for the customers");
  const members = new Map<string | null, number[]>();
  for (let i = 0; i < n; i++) {
    const s = segment[i] ?? null;
    const list = members.get(s);
    if (list) list.push(i);
    else members.set(s, [i]);
  }
  return [...members]
    .map(([s, rows]) => groupBid(inputs, Int32Array.from(rows), s, options))
    .sort((a, b) => b.evPerImpression - a.evPerImpression || compareGroups(a.group, b.group));
}

// The group's bid is its total revenue over its total impressions (or clicks), not the mean of its
// customers' bids: the mean of per-click bids weights a customer who almost never clicks like one who
// always does, and paying that mean per click would miss the target on the clicks actually bought.
function groupBid<G extends string | null>(inputs: TargetingInputs, rows: Int32Array, group: G, options: BidOptions): BidGroup & { readonly group: G } {
  const { pClick, pConvert, orderValue } = inputs;
  let clicks = 0;
  let convert = 0;
  let value = 0;
  let revenue = 0;
  for (const i of rows) {
    clicks += pClick[i]!;
    convert += pConvert[i]!;
    value += orderValue[i]!;
    revenue += pClick[i]! * pConvert[i]! * orderValue[i]!;
  }
  const count = rows.length;
  const scale = 1 + options.targetRoi;
  const maxCpc = clicks > 0 ? revenue / clicks / scale : null;
  const maxCpm = (1000 * revenue) / count / scale;
  return {
    group,
    customers: count,
    meanPClick: clicks / count,
    meanPConvert: convert / count,
    meanOrderValue: value / count,
    evPerImpression: revenue / count,
    maxCpc,
    maxCpm,
    text: bidSentence(group ?? "No segment", maxCpc, maxCpm, options),
  };
}

/** "Top 10%: bid up to €0.42 a click or €6.10 per thousand impressions to keep ROI at 50% or more." */
export function bidSentence(label: string, maxCpc: number | null, maxCpm: number, options: BidOptions): string {
  const currency = options.currency ?? "€";
  const keep = `to keep ROI at ${percentText(options.targetRoi)} or more`;
  if (maxCpc === null) return `${label}: no clicks are expected, so no bid can keep ROI at ${percentText(options.targetRoi)} or more.`;
  return `${label}: bid up to ${bidText(maxCpc, currency)} a click or ${bidText(maxCpm, currency)} per thousand impressions ${keep}.`;
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
