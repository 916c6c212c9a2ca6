// Day weights for the demo's seasonality: busier weekends, a summer lull, a January slump and the
// November–December peak with Black Friday on top.

import { DAY_MS, startOfUtcDay } from "../days";

export { DAY_MS, startOfUtcDay };

const WEEKDAY_WEIGHT = [1.22, 0.93, 0.9, 0.95, 1.0, 1.06, 1.28]; // Sunday first, as Date#getUTCDay

function isBlackFriday(d: Date): boolean {
  // The fourth Friday of November.
  return d.getUTCMonth() === 10 && d.getUTCDay() === 5 && d.getUTCDate() >= 22 && d.getUTCDate() <= 28;
}

export function seasonalWeight(dayStartMs: number): number {
  const d = new Date(dayStartMs);
  const month = d.getUTCMonth();
  const date = d.getUTCDate();
  let yearly = 1;
  if (month === 0) yearly = 0.78;
  else if (month === 1) yearly = 0.85;
  else if (month === 6 || month === 7) yearly = 0.9;
  else if (month === 10) yearly = date >= 20 ? 1.55 : 1.15;
  else if (month === 11) yearly = date <= 20 ? 1.7 : 1.05;
  if (isBlackFriday(d)) yearly = 2.6;
  return yearly * (WEEKDAY_WEIGHT[d.getUTCDay()] as number);
}

/** Weights of each day in [startMs, startMs + days * DAY_MS). */
export function dayWeights(startMs: number, days: number): Float64Array {
  const w = new Float64Array(days);
  for (let i = 0; i < days; i++) w[i] = seasonalWeight(startMs + i * DAY_MS);
  return w;
}

/** Share of a day's sessions by hour: quiet nights, a lunchtime bump and an evening peak. */
export const HOUR_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.4, 0.8, 1.0, 1.1, 1.2, 1.3, 1.6, 1.4, 1.2, 1.2, 1.3, 1.5, 1.9, 2.3, 2.5, 2.2, 1.5, 0.8];
