// Calendar days as the app passes them around: "YYYY-MM-DD", a UTC midnight. The one home for reading
// them, in code (parseDay) and at every input (the Day schema: URLs, rules, job settings, the CLI), so an
// impossible day such as 2011-02-31 is refused with the reason everywhere, where Date.parse would roll it
// over to the 3rd of March. Pure: no clock, no database.
import { z } from "zod";
import { DAY_MS } from "./ml/time";

// Defined in lib/ml, which may not import this zod-using module, so the algorithms share the one definition.
export { DAY_MS };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `s` is not a day as YYYY-MM-DD, in words; null when it is one. */
export function dayProblem(s: string): string | null {
  const m = SHAPE.exec(s);
  if (!m) return `"${s}" is not a date as YYYY-MM-DD`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `"${s}" is not a real day: there is no month ${month}`;
  const last = daysIn(year, month);
  if (day < 1 || day > last) return `"${s}" is not a real day: ${MONTHS[month - 1]} ${year} has ${last} days`;
  return null;
}

/** Epoch milliseconds of the day's UTC midnight, or null when `s` is not a real day as YYYY-MM-DD. */
export function parseDay(s: string): number | null {
  if (dayProblem(s) !== null) return null;
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
}

/** A day as text, checked: stays "YYYY-MM-DD" (for stored settings). */
export const DayText = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = dayProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A day as text in, its UTC midnight out (epoch milliseconds). */
export const Day = DayText.transform((s) => parseDay(s)!);

/** "YYYY-MM-DD" of a time, in UTC. */
export const isoDay = (t: Date | number): string => new Date(t).toISOString().slice(0, 10);

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
