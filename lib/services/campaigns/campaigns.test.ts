// Campaign views on a shop small enough to check by hand: three customers, four campaigns, six orders.
// The arithmetic is in the comments beside each expectation.
import { beforeAll, describe, expect, it } from "vitest";
import { insertCampaignEvents, insertCampaigns, getCampaignIdsByExternalId } from "../../db/campaigns";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { UserError } from "../../errors";
import { prepareDatabase } from "../prepare-database";
import { analyseTestGroup } from "./ab-test";
import { computeAttribution } from "./attribution";
import { getBreakdown, heatmapOf } from "./breakdown";
import { getCampaignReport } from "./report";

const at = (s: string) => new Date(`${s}Z`);
const RANGE = { from: at("2026-03-01T00:00:00"), to: at("2026-05-01T00:00:00") };
let k: Map<string, number>;

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([
    { externalId: "A", age: 30 },
    { externalId: "B", age: 60 },
    { externalId: "C", age: 40 },
  ]);
  await insertCampaigns([
    { externalId: "K1", name: "Social", channel: "social", testGroup: "t1", variant: "A", budget: 100, startAt: at("2026-03-01T00:00:00"), endAt: at("2026-03-31T00:00:00") },
    { externalId: "K2", name: "Email", channel: "email", testGroup: "t1", variant: "B", startAt: at("2026-03-01T00:00:00"), endAt: at("2026-03-31T00:00:00") },
    { externalId: "K3", name: "Solo", channel: "display", testGroup: "lonely", variant: "A" },
    { externalId: "K4", name: "Empty", channel: "display" },
    { externalId: "K5", name: "Has data", channel: "display", testGroup: "t2", variant: "control" },
    { externalId: "K6", name: "No data yet", channel: "display", testGroup: "t2", variant: "B" },
  ]);
  const c = await getCustomerIdsByExternalId();
  k = await getCampaignIdsByExternalId();
  const ev = (cust: string, camp: string, type: "impression" | "click" | "conversion", when: string, cost = 0, revenue = 0) => ({ customerId: c.get(cust)!, campaignId: k.get(camp)!, type, occurredAt: at(when), cost, revenue });
  await insertCampaignEvents([
    ev("A", "K1", "impression", "2026-03-02T09:00:00", 1), ev("A", "K1", "impression", "2026-03-02T09:30:00", 1), ev("A", "K1", "impression", "2026-03-02T09:50:00", 1),
    ev("A", "K1", "click", "2026-03-02T10:00:00"), ev("A", "K1", "conversion", "2026-03-02T11:00:00", 0, 50),
    ev("B", "K1", "impression", "2026-03-03T09:00:00", 1), ev("B", "K1", "impression", "2026-03-03T10:00:00", 1),
    ev("A", "K2", "impression", "2026-03-04T08:00:00"), ev("A", "K2", "click", "2026-03-04T09:00:00"),
    ev("B", "K2", "impression", "2026-03-05T08:00:00"), ev("B", "K2", "click", "2026-03-05T09:00:00"), ev("B", "K2", "conversion", "2026-03-05T09:30:00", 0, 20),
    ev("C", "K3", "impression", "2026-03-06T08:00:00"),
    ev("C", "K5", "impression", "2026-03-07T08:00:00"),
  ]);
  const buy = (cust: string, orderId: string, when: string, revenue: number) => ({ customerId: c.get(cust)!, type: "purchase", orderId, revenue, occurredAt: at(when) });
  await insertEvents([
    buy("A", "A1", "2026-03-02T12:00:00", 50), buy("A", "A2", "2026-03-05T12:00:00", 30), buy("A", "A3", "2026-04-15T12:00:00", 10),
    buy("B", "B1", "2026-03-05T10:00:00", 20), buy("C", "C1", "2026-03-10T12:00:00", 5), buy("C", "C2", "2026-03-25T12:00:00", 5),
  ]);
});

function finiteEverywhere(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteEverywhere(v, `${path}[${i}]`));
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([key, v]) => finiteEverywhere(v, `${path}.${key}`));
  return [];
}

describe("a campaign's page", () => {
  it("has every key figure, with Wilson intervals on the rates", async () => {
    const r = await getCampaignReport(k.get("K1")!, RANGE, "week");
    // 5 impressions, 1 click, 1 conversion; cost 5 × 1, revenue 50.
    expect(r.totals).toEqual({ impressions: 5, clicks: 1, conversions: 1, cost: 5, revenue: 50 });
    expect(r.kpis.ctr.value).toBeCloseTo(0.2, 12);
    // scipy.stats.binomtest(1, 5).proportion_ci(method="wilson") → (0.036224, 0.624469)
    expect(r.kpis.ctr.interval!.low).toBeCloseTo(0.036224, 5);
    expect(r.kpis.ctr.interval!.high).toBeCloseTo(0.624469, 5);
    expect(r.kpis.conversionRate.value).toBe(1);
    expect([r.kpis.cpc.value, r.kpis.cpa.value, r.kpis.cpm.value, r.kpis.roas.value, r.kpis.roi.value]).toEqual([5, 5, 1000, 10, 9]);
    // Budget 100, 5 spent; the range ends after the flight: finished with 95% unspent.
    expect(r.pacing).toMatchObject({ budget: 100, spent: 5, spentShare: 0.05, elapsedShare: 1, verdict: "finished with 95% of the budget unspent" });
  });

  it("rolls its days up by week, with a CTR band only where there were impressions", async () => {
    const r = await getCampaignReport(k.get("K1")!, RANGE, "week");
    const withData = r.series.filter((p) => p.impressions > 0);
    // 2 and 3 March are a Monday and a Tuesday: one week, starting Monday 2 March.
    expect(withData.map((p) => [p.period, p.impressions, p.clicks])).toEqual([["2026-03-02", 5, 1]]);
    expect(r.series.find((p) => p.impressions === 0)!.ctr).toBeNull();
    expect(r.series[0]!.period).toBe("2026-02-23"); // the week holding 1 March (a Sunday)
  });

  it("follows its converted customers to shop orders and repeat purchases", async () => {
    const r = await getCampaignReport(k.get("K1")!, RANGE, "week");
    // A converted (2 March 11:00) and ordered A1 and A2 within 7 days: one converted customer who ordered.
    expect(r.funnel!.map((s) => [s.step, s.count])).toEqual([["impression", 5], ["click", 1], ["conversion", 1], ["purchase", 1]]);
    expect(r.funnelNote).toContain("(2 orders, 80 in revenue)");
    expect(r.funnel![1]!.fromPrevious).toBeCloseTo(0.2, 12);
    // A converted on 2 March and bought again on 5 March; the data end (15 April) closes only the 30-day window.
    expect(r.retention!.converted.map((s) => [s.days, s.eligible, s.repeated])).toEqual([[30, 1, 1], [60, 0, 0], [90, 0, 0]]);
    expect(r.retention!.converted[1]!.reason).toBe("no customer has had 60 days yet");
    // Not reached by K1: C (B saw impressions). C first bought on 10 March and again on 25 March.
    expect(r.retention!.notReached[0]).toMatchObject({ eligible: 1, repeated: 1, share: 1 });
  });

  it("says why a campaign without activity has no figures, and never prints NaN", async () => {
    const r = await getCampaignReport(k.get("K4")!, RANGE, "month");
    expect(r.source).toBe("none");
    expect(r.kpis.ctr).toMatchObject({ value: null, reason: "no impressions" });
    expect(r.kpis.roi).toMatchObject({ value: null, reason: "no cost recorded" });
    expect(r.pacing).toBeNull();
    expect(finiteEverywhere(r)).toEqual([]);
  });

  it("says so when an export has more clicks than impressions, instead of clipping to 100%", async () => {
    const { campaignKpis } = await import("../../analytics/campaign-kpis");
    const k = campaignKpis({ impressions: 3, clicks: 5, conversions: 7, cost: 0, revenue: 0 });
    expect(k.ctr).toEqual({ value: null, reason: "more clicks (5) than impressions (3): the impressions are incomplete", interval: null });
    expect(k.conversionRate.reason).toBe("more conversions (7) than clicks (5): view-through conversions are counted, so see CPA instead");
  });

  it("refuses a campaign that does not exist", async () => {
    await expect(getCampaignReport(999, RANGE, "day")).rejects.toThrow(new UserError("there is no campaign 999", "not_found"));
  });
});

describe("breakdowns", () => {
  it("rolls campaigns up by channel", async () => {
    const b = await getBreakdown("channel", RANGE);
        // Largest by impressions first; display and email tie at 2 and sort by name.
    expect(b.rows.map((r) => [r.label, r.campaigns, r.impressions, r.clicks])).toEqual([["social", 1, 5, 1], ["display", 4, 2, 0], ["email", 1, 2, 2]]);
  });

  it("splits event-level activity by age band, and greys out cells too thin to judge", async () => {
    const b = await getBreakdown("age-band", RANGE, [k.get("K1")!]);
    // A (30) saw 3 impressions and converted for 50; B (60) saw 2 and did not: ROI (50 − 3)/3 and (0 − 2)/2.
    expect(b.rows.map((r) => [r.label, r.impressions, r.cost, r.revenue])).toEqual([["25–34", 3, 3, 50], ["55–64", 2, 2, 0]]);
    expect(b.rows[1]!.kpis.roi.value).toBe(-1);
    const map = heatmapOf(await getBreakdown("age-band", RANGE), "roi")!;
    expect(map.groups).toEqual(["25–34", "35–44", "55–64"]);
    const social = map.cells[map.campaigns.findIndex((c) => c.name === "Social")]!;
    expect(social[0]).toEqual({ value: 47 / 3, note: "only 3 impressions: too few to judge", judged: false });
  });

  it("refuses an attribute no customer has", async () => {
    await expect(getBreakdown("attribute:shoeSize", RANGE)).rejects.toThrow("no customer has an attribute “shoeSize”: imported attributes are none yet");
  });

  it("names daily-report campaigns it cannot split by customer", async () => {
    const b = await getBreakdown("report-segment", RANGE);
    expect(b.rows).toEqual([]);
    expect(b.notes[0]).toMatch(/No daily report rows/);
  });
});

describe("attribution", () => {
  it("credits each purchase by every model and hands out the same total", async () => {
    const r = await computeAttribution();
    // A1 ← K1 click; A2 ← K1 and K2 clicks (K2 last); B1 ← K2 click; A3, C1, C2 have no click in 7 days.
    expect(r.summary).toMatchObject({ attributedPurchases: 3, attributedRevenue: 100, unattributedPurchases: 3, unattributedRevenue: 20 });
    const revenue = (m: keyof typeof r.models, name: string) => r.models[m].byCampaign.find((c) => c.name === name)!.revenue;
    expect([revenue("last-click", "Social"), revenue("last-click", "Email")]).toEqual([50, 50]);
    expect([revenue("first-click", "Social"), revenue("first-click", "Email")]).toEqual([80, 20]);
    expect([revenue("linear", "Social"), revenue("linear", "Email")]).toEqual([65, 35]);
    for (const m of Object.values(r.models)) {
      expect(m.totalRevenue).toBeCloseTo(100, 9);
      expect(m.totalPurchases).toBeCloseTo(3, 9);
      expect(m.byChannel.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(100, 6);
    }
    // Social cost 5 and earned 50 by last click: ROAS 10. Empty has no cost: no ROAS, not Infinity.
    expect(r.models["last-click"].byCampaign.find((c) => c.name === "Social")!.roas).toBe(10);
    expect(r.models["last-click"].byCampaign.find((c) => c.name === "Empty")!.roas).toBeNull();
    expect(r.platform).toEqual({ conversions: 2, revenue: 70 });
  });

  it("refuses settings out of range with the reason", async () => {
    await expect(computeAttribution({ clickWindowDays: 0 })).rejects.toThrow("the click window is at least 1 day");
  });
});

describe("A/B tests", () => {
  it("measures per customer when events name customers", async () => {
    const r = await analyseTestGroup("t1", { metrics: ["ctr"] });
    expect(r.unit).toBe("customer");
    expect(r.control).toBe("A");
    // K1: customers A and B, 1 click over 5 impressions; K2: A and B, 2 clicks over 2 impressions.
    expect(r.results[0]!.counts).toEqual([{ variant: "A", exposures: 2, successes: 1, trials: 5 }, { variant: "B", exposures: 2, successes: 2, trials: 2 }]);
    expect(r.results[0]!.result.arms.map((a) => a.value)).toEqual([0.2, 1]);
    expect(finiteEverywhere(r)).toEqual([]);
  });

  it("names the arm without data instead of a verdict", async () => {
    const r = await analyseTestGroup("t2", { metrics: ["ctr"] });
    const c = r.results[0]!.result.comparisons[0]!;
    expect(c).toMatchObject({ outcome: "no-data", significant: false, ci: null });
    expect(c.verdict).toBe("No verdict: arm B has no customers yet");
    expect(r.results[0]!.power.reason).toBe("arm control has only 1 unit; a spread needs at least 2");
    expect(finiteEverywhere(r)).toEqual([]);
  });

  it("explains a test it cannot run", async () => {
    await expect(analyseTestGroup("lonely")).rejects.toThrow("the A/B test “lonely” has one arm (Solo): a test needs at least two campaigns in the same test group");
    await expect(analyseTestGroup("nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(analyseTestGroup("t1", { control: "Z" })).rejects.toThrow('"Z" is not an arm of this test: pick one of A, B');
  });
});
