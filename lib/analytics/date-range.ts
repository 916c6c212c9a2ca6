// Date ranges chosen in the URL (?range=90d or ?from=2026-01-01&to=2026-03-31). Presets end at the
// latest day with data, not at today, so an imported history from years ago opens filled, and the
// page says so. Pure: the caller passes the data's span.

import { DAY_MS, isoDay, parseDay } from "../days";

export { DAY_MS, isoDay };

export const PRESETS = [
  { key: "7d", label: "Last 7 days", days: 7 },
  { key: "30d", label: "Last 30 days", days: 30 },
  { key: "90d", label: "Last 90 days", days: 90 },
  { key: "12m", label: "Last 12 months", days: 365 },
  { key: "ytd", label: "This year", days: 0 },
  { key: "all", label: "All time", days: 0 },
] as const;

export type PresetKey = (typeof PRESETS)[number]["key"];
export const DEFAULT_PRESET: PresetKey = "12m";

export interface ResolvedRange {
  /** Inclusive first day and exclusive end, both UTC midnights. */
  from: Date;
  to: Date;
  preset: PresetKey | "custom";
  label: string;
  /** Problems with what the URL asked for, to show beside the control. */
  notices: string[];
}

export function parseIsoDay(s: string | undefined): Date | null {
  const ms = s === undefined ? null : parseDay(s);
  return ms === null ? null : new Date(ms);
}

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * @param span first and last event times (null when there is no data: ranges then end today)
 * @param now only used when there is no data
 */
export function resolveRange(
  params: { range?: string; from?: string; to?: string },
  span: { first: Date | null; last: Date | null },
  now: Date,
): ResolvedRange {
  const notices: string[] = [];
  const end = floorDay((span.last ?? now).getTime()) + DAY_MS;
  const first = floorDay((span.first ?? new Date(end - 365 * DAY_MS)).getTime());
  if (params.from !== undefined || params.to !== undefined) {
    const from = parseIsoDay(params.from);
    const to = parseIsoDay(params.to);
    if (params.from !== undefined && !from) notices.push(`"${params.from}" is not a date (YYYY-MM-DD); showing the default range.`);
    if (params.to !== undefined && !to) notices.push(`"${params.to}" is not a date (YYYY-MM-DD); showing the default range.`);
    if (from && to && from.getTime() > to.getTime()) notices.push("The start date is after the end date; showing the default range.");
    if (notices.length === 0 && (from || to)) {
      const f = from ?? new Date(first);
      const t = new Date((to ?? new Date(end - DAY_MS)).getTime() + DAY_MS);
      return { from: f, to: t, preset: "custom", label: `${isoDay(f)} to ${isoDay(new Date(t.getTime() - DAY_MS))}`, notices };
    }
  }
  let key = params.range as PresetKey | undefined;
  if (key !== undefined && !PRESETS.some((p) => p.key === key)) {
    notices.push(`Unknown range "${params.range}"; showing ${PRESETS.find((p) => p.key === DEFAULT_PRESET)!.label.toLowerCase()}.`);
    key = undefined;
  }
  const preset = PRESETS.find((p) => p.key === (key ?? DEFAULT_PRESET))!;
  let from: number;
  if (preset.key === "all") from = Math.min(first, end - DAY_MS);
  else if (preset.key === "ytd") from = Date.UTC(new Date(end - DAY_MS).getUTCFullYear(), 0, 1);
  else from = end - preset.days * DAY_MS;
  return { from: new Date(from), to: new Date(end), preset: preset.key, label: preset.label, notices };
}
