import { describe, expect, it } from "vitest";
import { aggregatedResponseTable, fitDailyResponseModel, type DailyReportRows } from "./daily-response";

// Two campaigns, three device labels, two days each (a Tuesday and a Wednesday, so weekday is a third
// feature). Reference values: statsmodels 0.13 GLM Binomial on the same counts,
//   smf.glm("clicks + fails ~ C(segment, Treatment('mobile')) + C(campaign) + C(weekday)", df,
//           family=sm.families.Binomial()).fit()
// with fails = impressions − clicks; exp(params) and exp(conf_int()).
const days = [new Date("2026-03-03T00:00:00Z"), new Date("2026-03-04T00:00:00Z")];
const counts: [string, string, number, number, number][] = [
  ["A", "mobile", 0, 1200, 41], ["A", "desktop", 0, 700, 29], ["A", "tablet", 0, 150, 4],
  ["A", "mobile", 1, 1100, 37], ["A", "desktop", 1, 650, 30], ["A", "tablet", 1, 170, 5],
  ["B", "mobile", 0, 900, 36], ["B", "desktop", 0, 500, 25], ["B", "tablet", 0, 120, 3],
  ["B", "mobile", 1, 950, 30], ["B", "desktop", 1, 520, 23], ["B", "tablet", 1, 110, 4],
];
const rows: DailyReportRows = {
  campaign: counts.map((c) => c[0]),
  segment: counts.map((c) => c[1]),
  date: counts.map((c) => days[c[2]]!),
  impressions: counts.map((c) => c[3]),
  clicks: counts.map((c) => c[4]),
  conversions: counts.map((c) => Math.floor(c[4] / 4)),
};

describe("aggregatedResponseTable", () => {
  it("turns each row's counts into a clicked and a not-clicked row weighted by the counts", () => {
    const a = aggregatedResponseTable(rows, "click");
    expect(a.table.rows).toBe(24);
    expect([...a.table.label.subarray(0, 2)]).toEqual([1, 0]);
    expect([...a.weights.subarray(0, 2)]).toEqual([41, 1159]);
    expect(a.exposures).toBe(7070);
    expect(a.responses).toBe(267);
    // Levels heaviest first: mobile carries the most impressions, so it is every odds ratio's reference.
    expect(a.table.features[0]!).toMatchObject({ name: "segment", levels: ["mobile", "desktop", "tablet"] });
    expect(a.segments.map((s) => [s.label, s.exposures, s.responses])).toEqual([["mobile", 4150, 144], ["desktop", 2370, 107], ["tablet", 550, 16]]);
  });

  it("leaves out a segmented campaign's totals row and impossible rows, counting them", () => {
    const extra: DailyReportRows = {
      campaign: [...rows.campaign, "A", "C", "C"],
      segment: [...rows.segment, "", "", ""],
      date: [...rows.date, days[0]!, days[0]!, days[1]!],
      impressions: [...rows.impressions, 2050, 300, 10],
      clicks: [...rows.clicks, 74, 9, 11],
      conversions: [...rows.conversions, 0, 0, 0],
    };
    const a = aggregatedResponseTable(extra, "click");
    expect(a.skipped).toEqual({ totals: 1, impossible: 1 });
    expect(a.segments.at(-1)).toEqual({ label: "(not broken down)", exposures: 300, responses: 9 });
  });
});

describe("fitDailyResponseModel", () => {
  it("gives statsmodels' odds ratios and Wald intervals, in words", () => {
    const m = fitDailyResponseModel(rows, "click");
    const of = (feature: string, level: string) => m.oddsRatios.find((o) => o.feature === feature && o.level === level)!;
    const desktop = of("segment", "desktop");
    expect(desktop.reference).toBe("mobile");
    expect(desktop.oddsRatio).toBeCloseTo(REF.desktop[0], 4);
    expect(desktop.low).toBeCloseTo(REF.desktop[1], 4);
    expect(desktop.high).toBeCloseTo(REF.desktop[2], 4);
    expect(of("segment", "tablet").oddsRatio).toBeCloseTo(REF.tablet[0], 4);
    expect(of("segment", "tablet").high).toBeCloseTo(REF.tablet[2], 4);
    expect(of("campaign", "B").oddsRatio).toBeCloseTo(REF.campaignB[0], 4);
    expect(desktop.text).toBe("segment “desktop” has 1.32× the odds of a click of “mobile” (95% 1.02–1.7)");
    expect(m.segments[0]).toMatchObject({ label: "mobile", rate: 144 / 4150 });
    expect(m.segments[0]!.low).toBeLessThan(144 / 4150);
  });

  it("refuses counts with nothing to tell apart", () => {
    const none = { ...rows, clicks: rows.clicks.map(() => 0) };
    expect(() => fitDailyResponseModel(none, "click")).toThrow("the daily reports' 7070 impressions have no clicks, so there is nothing to tell apart");
    const empty = { campaign: [], segment: [], date: [], impressions: [], clicks: [], conversions: [] };
    expect(() => fitDailyResponseModel(empty, "conversion")).toThrow("the daily reports have no clicks to learn from");
  });
});

// exp(params), exp(conf_int()) from the statsmodels fit above: [odds ratio, low, high].
const REF = { desktop: [1.316697, 1.019873, 1.699909], tablet: [0.835625, 0.494619, 1.411731], campaignB: [1.067703, 0.834943, 1.365352] } as const;
