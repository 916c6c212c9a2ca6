// Which exposures got a response: an impression is clicked when the same customer clicks the same campaign
// within a day after it; a click converts when a conversion of the same customer and campaign follows within
// a week. Each response is credited to the latest exposure before it that is still unanswered, so one click
// never labels two impressions and a click with no impression before it labels nothing.
import { DAY_MS } from "../days";
export type ResponseTarget = "click" | "conversion";

export interface CampaignResponseEvents {
  /** Sorted by customer, campaign, then time. */
  readonly customer: Int32Array;
  readonly campaign: Int32Array;
  readonly time: Float64Array;
  /** 0 impression, 1 click, 2 conversion. */
  readonly type: Uint8Array;
}

export interface LabelledExposures {
  readonly customer: Int32Array;
  readonly campaign: Int32Array;
  readonly time: Float64Array;
  readonly label: Uint8Array;
}

export const RESPONSE_WINDOW_MS: Record<ResponseTarget, number> = { click: DAY_MS, conversion: 7 * DAY_MS };

export function labelExposures(e: CampaignResponseEvents, target: ResponseTarget, windowMs = RESPONSE_WINDOW_MS[target]): LabelledExposures {
  const exposure = target === "click" ? 0 : 1;
  const response = exposure + 1;
  const rows: number[] = [];
  const label: number[] = [];
  const n = e.type.length;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end < n && e.customer[end] === e.customer[start] && e.campaign[end] === e.campaign[start]) end++;
    const open: number[] = []; // positions in `rows` of this group's unanswered exposures, oldest first
    for (let i = start; i < end; i++) {
      if (e.type[i] === exposure) {
        open.push(rows.length);
        rows.push(i);
        label.push(0);
      } else if (e.type[i] === response) {
        // The latest unanswered exposure at or before the response, if within the window.
        while (open.length > 0) {
          const r = open[open.length - 1]!;
          const t = e.time[rows[r]!]!;
          if (t > e.time[i]!) break;
          open.pop();
          if (e.time[i]! - t <= windowMs) label[r] = 1;
          break;
        }
      }
    }
    start = end;
  }
  return {
    customer: Int32Array.from(rows, (i) => e.customer[i]!),
    campaign: Int32Array.from(rows, (i) => e.campaign[i]!),
    time: Float64Array.from(rows, (i) => e.time[i]!),
    label: Uint8Array.from(label),
  };
}
