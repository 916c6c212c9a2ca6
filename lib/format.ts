// Number and date formatting for the pages, in one locale and currency (see lib/env.ts).

export interface Formatters {
  integer(n: number): string;
  compact(n: number): string;
  money(n: number): string;
  moneyWhole(n: number): string;
  moneyCompact(n: number): string;
  percent(ratio: number, digits?: number): string;
  day(d: Date | string): string;
  dateTime(d: Date): string;
}

export function createFormatters(locale: string, currency: string): Formatters {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const moneyWhole = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const moneyCompact = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return {
    integer: (n) => integer.format(n),
    compact: (n) => compact.format(n),
    money: (n) => money.format(n),
    moneyWhole: (n) => moneyWhole.format(n),
    moneyCompact: (n) => moneyCompact.format(n),
    percent: (r, digits = 1) => (Number.isFinite(r) ? `${(r * 100).toFixed(digits)}%` : "–"),
    day: (d) => day.format(typeof d === "string" ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d),
    dateTime: (d) => `${dateTime.format(d)} UTC`,
  };
}

/** A ratio, or NaN when the denominator is zero (shown as "–" rather than as 0%). */
export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

/** The text with its first letter upper-cased: a message or a noun put at the start of a sentence. */
export function capitalised(text: string): string {
  return text.length ? text[0]!.toUpperCase() + text.slice(1) : text;
}
