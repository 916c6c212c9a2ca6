// Randomised holdouts, for uplift: an arm of an A/B test named `control` or `holdout` that delivered nothing.
// Its "impressions" are its assignments (when each customer would have been reached), and since nothing was
// shown, nobody clicked through it. An arm named control that was shown something (a green banner against
// an orange one) is an ordinary A/B arm: it tells which creative works, not what the campaign adds.
//
// Each assigned customer is one row: assigned at their first exposure (or assignment), treated or held out,
// and whether they bought anything in the shop within the window that follows. The purchase is read from
// the shop's orders, not the campaign's conversions, since a held-out customer has no campaign to convert
// through: what they buy, they would have bought anyway, which is what the treated arm is compared with.

export const HOLDOUT_VARIANTS = ["control", "holdout"] as const;

export function isHoldoutName(variant: string | null): boolean {
  return variant !== null && (HOLDOUT_VARIANTS as readonly string[]).includes(variant.trim().toLowerCase());
}

export interface ArmActivity {
  readonly id: number;
  readonly variant: string | null;
  readonly clicks: number;
  readonly conversions: number;
  readonly cost: number;
}

/** Why an arm named control or holdout is not a holdout, or null when it is one. */
export function notHoldoutReason(arm: ArmActivity): string | null {
  if (!isHoldoutName(arm.variant)) return `its name is not ${HOLDOUT_VARIANTS.join(" or ")}`;
  if (arm.clicks > 0 || arm.conversions > 0) return `its customers were shown something (${arm.clicks} clicks, ${arm.conversions} conversions)`;
  if (arm.cost > 0) return `it cost ${arm.cost.toFixed(2)}, so something was delivered`;
  return null;
}

/** The database ids of the arms that are holdouts. */
export function holdoutArmIds(arms: readonly ArmActivity[]): Set<number> {
  return new Set(arms.filter((a) => notHoldoutReason(a) === null).map((a) => a.id));
}

/** Campaign events sorted by customer, campaign, time; type 0 = impression (or assignment). */
export interface ExposureEvents {
  readonly customer: Int32Array;
  readonly campaign: Int32Array;
  readonly time: Float64Array;
  readonly type: Uint8Array;
}

export interface UpliftRows {
  /** Database ids, ascending. */
  readonly customer: Int32Array;
  readonly assignedAt: Float64Array;
  /** 1 = got the campaign, 0 = held out. */
  readonly treated: Uint8Array;
  /** 1 = bought within the window after assignment. */
  readonly outcome: Uint8Array;
  /** Customers found in both groups (a broken assignment); left out of the rows. */
  readonly inBoth: number;
}

/**
 * One row per customer exposed to a treated campaign or assigned to a holdout one. `orders` sorted by
 * customer then time.
 */
export function upliftRows(
  events: ExposureEvents,
  treatedIds: ReadonlySet<number>,
  holdoutIds: ReadonlySet<number>,
  orders: { readonly customer: Int32Array; readonly time: Float64Array },
  windowMs: number,
): UpliftRows {
  const customer: number[] = [];
  const assignedAt: number[] = [];
  const treated: number[] = [];
  let inBoth = 0;
  const n = events.customer.length;
  for (let start = 0; start < n; ) {
    let end = start;
    const c = events.customer[start]!;
    let firstTreated = Infinity;
    let firstHoldout = Infinity;
    while (end < n && events.customer[end] === c) {
      if (events.type[end] === 0) {
        const k = events.campaign[end]!;
        const t = events.time[end]!;
        if (treatedIds.has(k)) firstTreated = Math.min(firstTreated, t);
        else if (holdoutIds.has(k)) firstHoldout = Math.min(firstHoldout, t);
      }
      end++;
    }
    start = end;
    if (firstTreated < Infinity && firstHoldout < Infinity) inBoth++;
    else if (firstTreated < Infinity || firstHoldout < Infinity) {
      customer.push(c);
      assignedAt.push(Math.min(firstTreated, firstHoldout));
      treated.push(firstTreated < Infinity ? 1 : 0);
    }
  }
  const outcome = new Uint8Array(customer.length);
  // Both lists are sorted by customer: one walk through the orders.
  let o = 0;
  for (let r = 0; r < customer.length; r++) {
    const c = customer[r]!;
    while (o < orders.customer.length && orders.customer[o]! < c) o++;
    for (let j = o; j < orders.customer.length && orders.customer[j] === c; j++) {
      const t = orders.time[j]!;
      if (t >= assignedAt[r]! && t < assignedAt[r]! + windowMs) {
        outcome[r] = 1;
        break;
      }
    }
  }
  return { customer: Int32Array.from(customer), assignedAt: Float64Array.from(assignedAt), treated: Uint8Array.from(treated), outcome, inBoth };
}
