// Repeat purchase after a start date, honest about customers whose window has not closed yet: a
// customer converted 10 days before the data ends cannot have bought "within 30 days" or not, so they
// leave that horizon's denominator instead of counting as a customer who did not come back.
import { wilsonInterval, type Interval } from "../stats";
import { DAY_MS } from "./date-range";

export const REPEAT_HORIZONS_DAYS = [30, 60, 90] as const;

export interface RepeatShare {
  days: number;
  /** Customers whose whole window lies before the end of the data. */
  eligible: number;
  repeated: number;
  share: number | null;
  interval: Interval | null;
  /** Why there is no share ("no customer has had 90 days yet"). */
  reason: string | null;
}

/** @param nextPurchaseAt NaN where the customer has not bought again. */
export function repeatShares(cohort: { startAt: Float64Array; nextPurchaseAt: Float64Array }, dataEnd: number, horizons: readonly number[] = REPEAT_HORIZONS_DAYS): RepeatShare[] {
  return horizons.map((days) => {
    let eligible = 0;
    let repeated = 0;
    for (let i = 0; i < cohort.startAt.length; i++) {
      const deadline = cohort.startAt[i]! + days * DAY_MS;
      if (deadline > dataEnd) continue;
      eligible++;
      const next = cohort.nextPurchaseAt[i]!;
      if (next === next && next <= deadline) repeated++;
    }
    const interval = wilsonInterval(repeated, eligible);
    const reason = interval ? null : cohort.startAt.length === 0 ? "no customers" : `no customer has had ${days} days yet`;
    return { days, eligible, repeated, share: interval?.estimate ?? null, interval, reason };
  });
}
