// Date cells from CSV files, in the handful of layouts real exports use. Like numbers.ts this is on the
// import hot path: char-code scanners with module-level registers, and epoch arithmetic instead of
// Date objects, so a value costs no allocation. Values without an offset are read as UTC.

export type DateFormat = "iso" | "ymd-hms" | "mdy" | "dmy" | "unix-s" | "unix-ms";

/** In detection order: of the formats that most sample values fit, the first is the one proposed. */
export const DATE_FORMATS: readonly { id: DateFormat; label: string; example: string }[] = [
  { id: "iso", label: "ISO 8601", example: "2011-01-31T08:26:00Z" },
  { id: "ymd-hms", label: "Year-month-day and time", example: "2011-01-31 08:26:00" },
  { id: "dmy", label: "Day/month/year (Europe)", example: "31/01/2011 08:26" },
  { id: "mdy", label: "Month/day/year (US)", example: "1/31/2011 8:26" },
  { id: "unix-s", label: "Unix time in seconds", example: "1296462360" },
  { id: "unix-ms", label: "Unix time in milliseconds", example: "1296462360000" },
];

const DAY_MS = 86_400_000;
// JavaScript's Date range; a unix value beyond it is not a date.
const MAX_EPOCH_MS = 8.64e15;
// Bare integers are only taken for timestamps between 1990 and 2100; anything else is more likely an id.
const PLAUSIBLE_FROM_MS = 631_152_000_000;
const PLAUSIBLE_TO_MS = 4_102_444_800_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ZERO = 48;
const NINE = 57;

// Scan registers; parseDate resets the clock ones, the date ones are always written before use.
let value = 0, year = 0, month = 0, day = 0;
let hour = 0, minute = 0, second = 0, milli = 0, offsetMinutes = 0;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 160;

/** Reads min..max digits into `value`; returns the end index or -1. A further digit is left for the
 * caller's separator check to reject, which lets "+0100" be read as two 2-digit fields. */
function readDigits(s: string, i: number, end: number, min: number, max: number): number {
  const start = i;
  value = 0;
  for (; i < end && i - start < max && isDigit(s.charCodeAt(i)); i++) value = value * 10 + (s.charCodeAt(i) - ZERO);
  return i - start < min ? -1 : i;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const shifted = m <= 2 ? y - 1 : y;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** Validates the registers and turns them into epoch milliseconds, or NaN. */
function registersToEpoch(): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + milli;
  return daysFromCivil(year, month, day) * DAY_MS + ms;
}

/** H:MM or HH:MM, optional :SS and fraction (kept to milliseconds); returns the end index or -1. */
function parseClock(s: string, i: number, end: number, hourDigits: number): number {
  i = readDigits(s, i, end, hourDigits, 2);
  hour = value;
  if (i < 0 || s.charCodeAt(i) !== 58) return -1;
  i = readDigits(s, i + 1, end, 2, 2);
  minute = value;
  if (i < 0 || i === end || s.charCodeAt(i) !== 58) return i;
  i = readDigits(s, i + 1, end, 2, 2);
  second = value;
  if (i < 0 || i === end || (s.charCodeAt(i) !== 46 && s.charCodeAt(i) !== 44)) return i;
  const start = ++i;
  for (let scale = 100; i < end && isDigit(s.charCodeAt(i)); i++, scale /= 10) {
    if (scale >= 1) milli += (s.charCodeAt(i) - ZERO) * scale;
  }
  return i === start ? -1 : i;
}

/** " AM" / " PM" after a clock, as US spreadsheets write it; returns the end index or -1. */
function parseMeridiem(s: string, i: number, end: number): number {
  if (i === end) return i;
  if (end - i !== 3 || s.charCodeAt(i) !== 32 || (s.charCodeAt(i + 2) | 32) !== 109) return -1;
  const letter = s.charCodeAt(i + 1) | 32;
  if ((letter !== 97 && letter !== 112) || hour < 1 || hour > 12) return -1;
  hour = (hour % 12) + (letter === 112 ? 12 : 0);
  return end;
}

/** Z, ±HH, ±HHMM or ±HH:MM; returns the end index or -1. */
function parseOffset(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1;
  if (c !== 43 && c !== 45) return -1;
  i = readDigits(s, i + 1, end, 2, 2);
  const hours = value;
  let minutes = 0;
  if (i >= 0 && i < end) {
    i = readDigits(s, s.charCodeAt(i) === 58 ? i + 1 : i, end, 2, 2);
    minutes = value;
  }
  if (i < 0 || hours > 23 || minutes > 59) return -1;
  offsetMinutes = (c === 45 ? -1 : 1) * (hours * 60 + minutes);
  return i;
}

/** YYYY<sep>MM<sep>DD with one separator used twice; returns the end index or -1. */
function parseYearFirst(s: string, i: number, end: number, allowSlash: boolean, partDigits: number): number {
  i = readDigits(s, i, end, 4, 4);
  year = value;
  const sep = s.charCodeAt(i);
  if (i < 0 || !(sep === 45 || (allowSlash && sep === 47))) return -1;
  i = readDigits(s, i + 1, end, partDigits, 2);
  month = value;
  if (i < 0 || s.charCodeAt(i) !== sep) return -1;
  i = readDigits(s, i + 1, end, partDigits, 2);
  day = value;
  return i;
}

/** D/M/YYYY or M/D/YYYY with "/", "-" or "." used twice; returns the end index or -1. */
function parseYearLast(s: string, i: number, end: number, dayFirst: boolean): number {
  i = readDigits(s, i, end, 1, 2);
  const first = value;
  const sep = s.charCodeAt(i);
  if (i < 0 || !(sep === 47 || sep === 45 || sep === 46)) return -1;
  i = readDigits(s, i + 1, end, 1, 2);
  const middle = value;
  if (i < 0 || s.charCodeAt(i) !== sep) return -1;
  i = readDigits(s, i + 1, end, 4, 4);
  year = value;
  day = dayFirst ? first : middle;
  month = dayFirst ? middle : first;
  return i;
}

/** YYYY-MM-DD, then T or a space (RFC 3339 allows it; most databases write it), a clock and an offset. */
function parseIso(s: string, i: number, end: number): number {
  i = parseYearFirst(s, i, end, false, 2);
  if (i === end) return registersToEpoch();
  if (i < 0 || ((s.charCodeAt(i) | 32) !== 116 && s.charCodeAt(i) !== 32)) return NaN;
  i = parseClock(s, i + 1, end, 2);
  if (i >= 0 && i < end) i = parseOffset(s, i, end);
  return i === end ? registersToEpoch() : NaN;
}

/** The date, then optionally a space, a clock and (not for year-first dates) AM/PM. */
function parseSpreadsheet(s: string, i: number, end: number, format: "ymd-hms" | "mdy" | "dmy"): number {
  i = format === "ymd-hms" ? parseYearFirst(s, i, end, true, 1) : parseYearLast(s, i, end, format === "dmy");
  if (i === end) return registersToEpoch();
  if (i < 0 || s.charCodeAt(i) !== 32) return NaN;
  i = parseClock(s, i + 1, end, 1);
  if (i >= 0 && format !== "ymd-hms") i = parseMeridiem(s, i, end);
  return i === end ? registersToEpoch() : NaN;
}

/** A plain integer, optionally negative, scaled to milliseconds. */
function parseUnix(s: string, i: number, end: number, scale: number): number {
  const negative = s.charCodeAt(i) === 45;
  i = readDigits(s, negative ? i + 1 : i, end, 1, 16);
  if (i !== end) return NaN;
  const ms = (negative ? -value : value) * scale;
  return Math.abs(ms) <= MAX_EPOCH_MS ? ms : NaN;
}

/** Epoch milliseconds (UTC; a value without an offset is read as UTC), or NaN when the value does not
 * match the format or is not a real date (2011-02-30, month 13, hour 25). Surrounding spaces are ignored. */
export function parseDate(s: string, format: DateFormat): number {
  let start = 0;
  let end = s.length;
  while (start < end && isBlank(s.charCodeAt(start))) start++;
  while (end > start && isBlank(s.charCodeAt(end - 1))) end--;
  hour = minute = second = milli = offsetMinutes = 0;
  if (format === "iso") return parseIso(s, start, end);
  if (format === "unix-s" || format === "unix-ms") return parseUnix(s, start, end, format === "unix-s" ? 1000 : 1);
  return parseSpreadsheet(s, start, end, format);
}

/** parseDate, but bare integers count only with the usual digit count and a 1990..2100 value. */
function fitsFormat(s: string, format: DateFormat): boolean {
  const ms = parseDate(s, format);
  if (Number.isNaN(ms)) return false;
  if (format !== "unix-s" && format !== "unix-ms") return true;
  const digits = s.trim().length;
  const digitsOk = format === "unix-s" ? digits >= 9 && digits <= 10 : digits >= 12 && digits <= 13;
  return digitsOk && ms >= PLAUSIBLE_FROM_MS && ms < PLAUSIBLE_TO_MS;
}

export interface DateDetection {
  /** The format to propose, or null when no format reads any of the values. */
  format: DateFormat | null;
  /** The formats that read as many values as the proposal, in DATE_FORMATS order. */
  candidates: DateFormat[];
  /** Day-first and month-first read the same values (every day and month <= 12): the person should pin one. */
  ambiguous: boolean;
  /** How many of the non-empty values the proposal reads, of how many: fits < of means the rest will be refused. */
  fits: number;
  of: number;
}

/**
 * The format that reads the most non-empty values, so broken dates, even at the top of a file and even
 * when they are most of it, neither hide the format of the good ones nor get them refused wholesale
 * (`fits` < `of` says how sure that is). Ties go to DATE_FORMATS order. When day-first and month-first both fit the
 * proposal is "dmy" and `ambiguous` is true. Bare integers count only as plausible 1990..2100 timestamps.
 */
export function detectDateFormat(values: readonly string[]): DateDetection {
  const present = values.filter((v) => v.trim() !== "");
  const counts = DATE_FORMATS.map((f) => present.reduce((n, v) => n + (fitsFormat(v, f.id) ? 1 : 0), 0));
  const best = Math.max(0, ...counts);
  if (best === 0) return { format: null, candidates: [], ambiguous: false, fits: 0, of: present.length };
  const candidates = DATE_FORMATS.filter((_, i) => counts[i] === best).map((f) => f.id);
  const ambiguous = candidates[0] === "dmy" && candidates.includes("mdy");
  return { format: candidates[0]!, candidates, ambiguous, fits: best, of: present.length };
}

/** True when the value fits at least one format, with the same plausibility rule for bare integers as
 * detectDateFormat, so "42" is a number, not a date. */
export function looksLikeDate(s: string): boolean {
  for (const f of DATE_FORMATS) if (fitsFormat(s, f.id)) return true;
  return false;
}
