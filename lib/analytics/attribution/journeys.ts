// Turns the touch and purchase streams into paths: one converting path per purchase that had a touch in its window,
// and non-converting paths from the touches no purchase claimed (the Markov model needs both; the heuristics only
// read the converting ones). One pass per customer with two pointers, so the cost is linear in the input plus the
// path entries.
//
// Definitions, precisely:
// - A purchase at time T claims every touch of the same customer with time <= T and T − time <= the window of its
//   kind (clickWindowDays for clicks; impressionWindowDays for impressions, and impressions only when
//   includeImpressions). Both ends are inclusive: a click exactly 7 days before counts, 7 days + 1 ms does not.
// - Each purchase looks back on its own, so one touch can sit on several converting paths (two purchases two days
//   after one click both list it). The alternative — a touch only serves the first purchase after it — would make
//   the second purchase organic although the click was in its window, and would make credit depend on the order the
//   purchases are visited; looking back independently keeps "each purchase hands out one purchase of credit" true.
// - A purchase that claims nothing is unattributed (organic): counted in the summary, credited to no one.
// - Non-converting paths: the customer's eligible touches that no purchase claimed, in time order, cut wherever two
//   consecutive ones are more than the longest window apart (after that gap the earlier touch can no longer share a
//   purchase with the later one) or a purchase of that customer falls between them (a journey ends at a purchase).
import { DAY_MS } from "../date-range";
import { validateSettings, type AttributionSettings } from "./settings";
import type { AttributionSummary, Journeys, Purchases, Touches } from "./types";
import { checkPurchases, checkTouches } from "./validate";

/** Report progress about every this many touches + purchases. */
const PROGRESS_STEP = 1 << 16;

class Int32Buffer {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

class JourneyBuilder {
  private readonly includeImpressions: boolean;
  private readonly clickMs: number;
  /** −1 when impressions are off, so no impression is ever in a window. */
  private readonly impressionMs: number;
  private readonly lookbackMs: number;
  private readonly claimed: Uint8Array;
  private readonly convStart: Int32Array;
  private readonly convPurchase: Int32Array;
  private readonly convTouch: Int32Buffer;
  private nConv = 0;
  private readonly nullStart: Int32Array;
  private readonly nullTouch: Int32Array;
  private nNull = 0;
  private nNullEntries = 0;
  private unattributedPurchases = 0;
  private unattributedRevenue = 0;

  constructor(
    private readonly t: Touches,
    private readonly p: Purchases,
    s: AttributionSettings,
  ) {
    this.includeImpressions = s.includeImpressions;
    this.clickMs = s.clickWindowDays * DAY_MS;
    this.impressionMs = s.includeImpressions ? s.impressionWindowDays * DAY_MS : -1;
    this.lookbackMs = Math.max(this.clickMs, this.impressionMs);
    const nT = t.time.length;
    const nP = p.time.length;
    this.claimed = new Uint8Array(nT);
    this.convStart = new Int32Array(nP + 1);
    this.convPurchase = new Int32Array(nP);
    // Most purchases have a touch or two in their window; the buffer grows if they have more.
    this.convTouch = new Int32Buffer(nP * 2);
    // Each unclaimed touch is on at most one non-converting path, so these bounds are exact enough.
    this.nullStart = new Int32Array(nT + 1);
    this.nullTouch = new Int32Array(nT);
  }

  /** Converting paths for the customer's purchases [pa, pb) over their touches [ta, tb). */
  claimWindows(ta: number, tb: number, pa: number, pb: number): void {
    const { time, isClick } = this.t;
    let lo = ta;
    let hi = ta;
    for (let q = pa; q < pb; q++) {
      const at = this.p.time[q]!;
      while (hi < tb && time[hi]! <= at) hi++;
      while (lo < hi && at - time[lo]! > this.lookbackMs) lo++;
      const before = this.convTouch.length;
      for (let k = lo; k < hi; k++) {
        if (at - time[k]! <= (isClick[k] ? this.clickMs : this.impressionMs)) {
          this.convTouch.push(k);
          this.claimed[k] = 1;
        }
      }
      if (this.convTouch.length === before) {
        this.unattributedPurchases++;
        this.unattributedRevenue += this.p.revenue[q]!;
      } else {
        this.convPurchase[this.nConv] = q;
        this.convStart[++this.nConv] = this.convTouch.length;
      }
    }
  }

  /** Non-converting paths from the customer's unclaimed touches (run after claimWindows for the same customer). */
  collectLeftovers(ta: number, tb: number, pa: number, pb: number): void {
    const { time, isClick } = this.t;
    let q = pa; // purchases before the current touch: touches with different counts are split by a purchase
    let open = false;
    let prevTime = 0;
    let prevSegment = -1;
    for (let k = ta; k < tb; k++) {
      if (this.claimed[k] || (!isClick[k] && !this.includeImpressions)) continue;
      const at = time[k]!;
      while (q < pb && this.p.time[q]! < at) q++;
      if (open && (q !== prevSegment || at - prevTime > this.lookbackMs)) this.nullStart[++this.nNull] = this.nNullEntries;
      this.nullTouch[this.nNullEntries++] = k;
      open = true;
      prevTime = at;
      prevSegment = q;
    }
    if (open) this.nullStart[++this.nNull] = this.nNullEntries;
  }

  finish(): Journeys {
    const { t, p } = this;
    const start = this.convStart.slice(0, this.nConv + 1);
    const touch = this.convTouch.data.slice(0, this.convTouch.length);
    const purchase = this.convPurchase.slice(0, this.nConv);
    const campaign = new Int32Array(touch.length);
    const isClick = new Uint8Array(touch.length);
    const ageMs = new Float64Array(touch.length);
    const revenue = new Float64Array(this.nConv);
    let span = 0;
    for (let path = 0; path < this.nConv; path++) {
      const at = p.time[purchase[path]!]!;
      revenue[path] = p.revenue[purchase[path]!]!;
      for (let e = start[path]!; e < start[path + 1]!; e++) {
        const k = touch[e]!;
        campaign[e] = t.campaign[k]!;
        isClick[e] = t.isClick[k]!;
        ageMs[e] = at - t.time[k]!;
        if (campaign[e]! >= span) span = campaign[e]! + 1;
      }
    }
    const nullTouch = this.nullTouch.slice(0, this.nNullEntries);
    const nullCampaign = new Int32Array(nullTouch.length);
    for (let e = 0; e < nullTouch.length; e++) {
      nullCampaign[e] = t.campaign[nullTouch[e]!]!;
      if (nullCampaign[e]! >= span) span = nullCampaign[e]! + 1;
    }
    return {
      converting: { start, touch, campaign, isClick, ageMs, purchase, revenue },
      nonConverting: { start: this.nullStart.slice(0, this.nNull + 1), touch: nullTouch, campaign: nullCampaign },
      unattributedPurchases: this.unattributedPurchases,
      unattributedRevenue: this.unattributedRevenue,
      campaignSpan: span,
    };
  }
}

/** Paths for the heuristic and Markov models; see the definitions at the top of this file. Throws MlRangeError on bad input. */
export function buildJourneys(
  touches: Touches,
  purchases: Purchases,
  settings: AttributionSettings,
  onProgress?: (share: number) => void,
): Journeys {
  validateSettings(settings);
  checkTouches(touches);
  checkPurchases(purchases);
  const b = new JourneyBuilder(touches, purchases, settings);
  const tc = touches.customer;
  const pc = purchases.customer;
  const nT = tc.length;
  const nP = pc.length;
  let t = 0;
  let p = 0;
  let nextReport = PROGRESS_STEP;
  // Merge the two customer-sorted streams one customer at a time (a customer may have touches only or purchases only).
  while (t < nT || p < nP) {
    const c = Math.min(t < nT ? tc[t]! : Infinity, p < nP ? pc[p]! : Infinity);
    const ta = t;
    const pa = p;
    while (t < nT && tc[t] === c) t++;
    while (p < nP && pc[p] === c) p++;
    b.claimWindows(ta, t, pa, p);
    b.collectLeftovers(ta, t, pa, p);
    if (onProgress && t + p >= nextReport) {
      onProgress((t + p) / (nT + nP));
      nextReport = t + p + PROGRESS_STEP;
    }
  }
  onProgress?.(1);
  return b.finish();
}

export function summariseJourneys(j: Journeys): AttributionSummary {
  const revenue = j.converting.revenue;
  let attributedRevenue = 0;
  for (let i = 0; i < revenue.length; i++) attributedRevenue += revenue[i]!;
  return {
    attributedPurchases: revenue.length,
    attributedRevenue,
    unattributedPurchases: j.unattributedPurchases,
    unattributedRevenue: j.unattributedRevenue,
    journeys: revenue.length,
    nonConvertingPaths: j.nonConverting.start.length - 1,
  };
}
