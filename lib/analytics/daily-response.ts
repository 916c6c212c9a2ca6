// Response modelling for campaigns that only report daily aggregates (ad platform exports: one row per day
// and segment label, no customers). Each row's counts become two weighted rows of a logistic regression,
// "responded" weighted by the responses and "did not" weighted by the rest, which is the binomial model of
// the counts (statsmodels' GLM Binomial on successes/failures gives the same coefficients). Features: the
// segment label, the campaign and the weekday; the campaign stands for its channel, ad type and position,
// which a handful of campaigns cannot tell apart from it.
import { MlRangeError } from "../ml/errors";
import type { CategoricalFeature, LabelledTable } from "../ml/scoring/features";
import { logisticRegression } from "../ml/scoring/logistic/logistic";
import { oddsRatios } from "../ml/scoring/logistic/odds-ratios";
import { wilsonInterval } from "../stats/proportion";
import type { ResponseTarget } from "./response-labels";
import { describeOddsRatio } from "./score-reasons";

export interface DailyReportRows {
  readonly campaign: readonly string[];
  readonly date: readonly Date[];
  /** "" when the row is not broken down. */
  readonly segment: readonly string[];
  readonly impressions: readonly number[];
  readonly clicks: readonly number[];
  readonly conversions: readonly number[];
}

export const NOT_BROKEN_DOWN = "(not broken down)";
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export interface AggregatedTable {
  readonly table: LabelledTable;
  readonly weights: Float64Array;
  readonly exposures: number;
  readonly responses: number;
  /** Per segment label, heaviest first: exposures and responses. */
  readonly segments: { label: string; exposures: number; responses: number }[];
  /** Rows left out, with why. */
  readonly skipped: { totals: number; impossible: number };
}

/**
 * The weighted table for `target` (clicks per impression, or conversions per click). A campaign that
 * reports segments has its not-broken-down rows left out (they would count its traffic twice); a row
 * with more responses than exposures is left out and counted.
 */
export function aggregatedResponseTable(rows: DailyReportRows, target: ResponseTarget): AggregatedTable {
  const [exposure, response] = target === "click" ? [rows.impressions, rows.clicks] : [rows.clicks, rows.conversions];
  const segmented = new Set(rows.campaign.filter((_, i) => rows.segment[i] !== ""));
  const kept: number[] = [];
  const skipped = { totals: 0, impossible: 0 };
  for (let i = 0; i < rows.campaign.length; i++) {
    if (rows.segment[i] === "" && segmented.has(rows.campaign[i]!)) skipped.totals++;
    else if (response[i]! > exposure[i]! || response[i]! < 0) skipped.impossible++;
    else if (exposure[i]! > 0) kept.push(i);
  }
  const label = (i: number) => rows.segment[i] || NOT_BROKEN_DOWN;
  // Levels heaviest first, so each odds ratio is stated against the label with the most traffic.
  const bySegment = new Map<string, { label: string; exposures: number; responses: number }>();
  for (const i of kept) {
    const s = bySegment.get(label(i)) ?? { label: label(i), exposures: 0, responses: 0 };
    s.exposures += exposure[i]!;
    s.responses += response[i]!;
    bySegment.set(label(i), s);
  }
  const segments = [...bySegment.values()].sort((a, b) => b.exposures - a.exposures || a.label.localeCompare(b.label));
  const out: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const i of kept) {
    for (const [labelValue, weight] of [[1, response[i]!], [0, exposure[i]! - response[i]!]] as const) {
      if (weight <= 0) continue;
      out.push(i);
      y.push(labelValue);
      w.push(weight);
    }
  }
  const column = (name: string, value: (i: number) => string, order?: readonly string[]): CategoricalFeature => {
    const levels = order ? [...order] : [...new Set(out.map(value))];
    const code = new Map(levels.map((l, k) => [l, k]));
    return { kind: "categorical", name, levels, codes: Int32Array.from(out, (i) => code.get(value(i))!) };
  };
  const weight = (i: number) => exposure[i]!;
  const heaviest = (value: (i: number) => string) => {
    const total = new Map<string, number>();
    for (const i of kept) total.set(value(i), (total.get(value(i)) ?? 0) + weight(i));
    return [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  };
  const weekday = (i: number) => WEEKDAYS[rows.date[i]!.getUTCDay()]!;
  const campaign = (i: number) => rows.campaign[i]!;
  const table: LabelledTable = {
    rows: out.length,
    features: [column("segment", label, segments.map((s) => s.label)), column("campaign", campaign, heaviest(campaign)), column("weekday", weekday, heaviest(weekday))],
    label: Uint8Array.from(y),
  };
  return { table, weights: Float64Array.from(w), exposures: segments.reduce((s, x) => s + x.exposures, 0), responses: segments.reduce((s, x) => s + x.responses, 0), segments, skipped };
}

export interface DailyOddsRatio {
  readonly feature: string;
  readonly level: string;
  readonly reference: string;
  readonly oddsRatio: number;
  readonly low: number;
  readonly high: number;
  readonly text: string;
}

export interface DailyResponseModel {
  readonly target: ResponseTarget;
  readonly exposures: number;
  readonly responses: number;
  readonly segments: (AggregatedTable["segments"][number] & { rate: number; low: number; high: number })[];
  /** Strongest first (by distance from 1 on the log scale). */
  readonly oddsRatios: DailyOddsRatio[];
  readonly skipped: AggregatedTable["skipped"];
}

const NOUN = { click: { one: "a click", exposure: "impressions", response: "clicks" }, conversion: { one: "a conversion", exposure: "clicks", response: "conversions" } } as const;

/**
 * The binomial model of the counts, fitted without a penalty to speak of (l2 = 1e-9, so the odds ratios and
 * their Wald intervals are the maximum-likelihood ones statsmodels reports), each level against its
 * feature's heaviest. Throws MlRangeError when there is nothing to fit.
 */
export function fitDailyResponseModel(rows: DailyReportRows, target: ResponseTarget): DailyResponseModel {
  const noun = NOUN[target];
  const a = aggregatedResponseTable(rows, target);
  if (a.exposures === 0) throw new MlRangeError(`the daily reports have no ${noun.exposure} to learn from`);
  if (a.responses === 0 || a.responses === a.exposures) throw new MlRangeError(`the daily reports' ${a.exposures} ${noun.exposure} have ${a.responses === 0 ? "no" : "only"} ${noun.response}, so there is nothing to tell apart`);
  const { model } = logisticRegression.fit(a.table, { l2: 1e-9, minLevelCount: 1, tolerance: 1e-10, maxIterations: 5000, sampleWeights: a.weights });
  const report = oddsRatios(model, a.table, { sampleWeights: a.weights });
  const ratios =
    "skipped" in report
      ? []
      : report.oddsRatios
          .filter((o) => o.per === "level" && o.level !== undefined && o.reference !== undefined && o.level !== "(other)" && o.level !== "(missing)")
          .sort((x, y) => Math.abs(Math.log(y.oddsRatio)) - Math.abs(Math.log(x.oddsRatio)))
          .map((o) => ({ feature: o.feature, level: o.level!, reference: o.reference!, oddsRatio: o.oddsRatio, low: o.low, high: o.high, text: describeOddsRatio(o, noun.one) }));
  return {
    target,
    exposures: a.exposures,
    responses: a.responses,
    segments: a.segments.map((s) => {
      const w = wilsonInterval(s.responses, s.exposures)!;
      return { ...s, rate: s.responses / s.exposures, low: w.low, high: w.high };
    }),
    oddsRatios: ratios,
    skipped: a.skipped,
  };
}
