// One campaign's page and `cli campaign-report --campaign`: key figures with intervals, pacing, activity
// over time, the funnel and the repeat purchases of the customers it converted.
import { campaignKpis, campaignPacing, type CampaignKpis, type CampaignTotals, type Pacing } from "../../analytics/campaign-kpis";
import { rollUpCampaignSeries, type CampaignPoint } from "../../analytics/campaign-series";
import { DAY_MS } from "../../analytics/date-range";
import { repeatShares, type RepeatShare } from "../../analytics/repeat-purchase";
import type { Grain } from "../../analytics/sales-series";
import { campaignHasCustomerEvents, getCampaign, loadCampaignDays, loadFunnelPurchases, loadRepeatCohorts, type CampaignRow } from "../../db/campaign-report";
import { listCampaignPerformance, type CampaignPerformance } from "../../db/campaigns";
import { ALL_TIME, type TimeRange } from "../../db/date-range";
import { latestPurchaseAt, purchaseDataStamp } from "../../db/purchase-history";
import { campaignDataStamp } from "../../db/campaign-audience";
import { whileUnchanged } from "../../db/data-cache";
import { UserError } from "../../errors";

/** Days after a customer's first conversion in which their shop orders count as the funnel's purchases. */
export const FUNNEL_WINDOW_DAYS = 7;

export interface FunnelStep {
  step: "impression" | "click" | "conversion" | "purchase";
  label: string;
  count: number;
  /** Share of the step before (null for the first, or when the one before is zero). */
  fromPrevious: number | null;
}

export interface CampaignReport {
  campaign: CampaignRow;
  source: CampaignPerformance["source"];
  totals: CampaignTotals;
  kpis: CampaignKpis;
  pacing: Pacing | null;
  series: CampaignPoint[];
  funnel: FunnelStep[] | null;
  funnelNote: string;
  retention: { converted: RepeatShare[]; notReached: RepeatShare[] } | null;
  retentionNote: string;
}

export async function getCampaignOrThrow(id: number): Promise<CampaignRow> {
  const c = await getCampaign(id);
  if (!c) throw new UserError(`there is no campaign ${id}`, "not_found");
  return c;
}

export async function getCampaignReport(id: number, range: TimeRange, grain: Grain): Promise<CampaignReport> {
  const campaign = await getCampaignOrThrow(id);
  const [perf, lifetime, days, hasCustomers, dataEnd] = await Promise.all([
    listCampaignPerformance(range, [id]),
    listCampaignPerformance(ALL_TIME, [id]),
    loadCampaignDays([id], range),
    campaignHasCustomerEvents([id]),
    latestPurchaseAt(),
  ]);
  const p = perf[0]!;
  const totals: CampaignTotals = { impressions: p.impressions, clicks: p.clicks, conversions: p.conversions, cost: p.cost, revenue: p.revenue };
  // Pacing is about the whole budget: everything spent so far, against the share of the flight elapsed
  // today, whatever date range the page shows.
  const asOf = new Date();
  const report: CampaignReport = {
    campaign,
    source: p.source,
    totals,
    kpis: campaignKpis(totals),
    pacing: campaignPacing(campaign.budget, lifetime[0]!.cost, campaign, asOf),
    series: rollUpCampaignSeries(days, range.from, range.to, grain),
    funnel: null,
    funnelNote: "",
    retention: null,
    retentionNote: "",
  };
  if (!hasCustomers) {
    report.funnelNote = "This campaign reports daily totals without customers, so its clicks cannot be followed to shop orders.";
    report.retentionNote = "Repeat purchases need campaign events that name the customer; this campaign reports daily totals.";
    report.funnel = steps(totals, null);
    return report;
  }
  const flight: TimeRange = {
    from: new Date(Math.max(range.from.getTime(), campaign.startAt?.getTime() ?? range.from.getTime())),
    to: new Date(Math.min(range.to.getTime(), (campaign.endAt?.getTime() ?? range.to.getTime()) + DAY_MS)),
  };
  // Following the campaign's customers into the shop's purchases reads millions of rows at scale: kept
  // until campaign events or purchases change.
  const key = `campaign customers ${id} ${range.from.getTime()} ${range.to.getTime()} ${flight.from.getTime()} ${flight.to.getTime()}`;
  const [purchases, cohorts] = await whileUnchanged(key, [campaignDataStamp, purchaseDataStamp], () =>
    Promise.all([loadFunnelPurchases(id, range, FUNNEL_WINDOW_DAYS), flight.from < flight.to ? loadRepeatCohorts(id, range, flight) : null]),
  );
  report.funnel = steps(totals, purchases.buyers);
  report.funnelNote = `Last step: of the ${purchases.convertedCustomers.toLocaleString("en")} customers it converted, those who placed a shop order from a day before to ${FUNNEL_WINDOW_DAYS} days after their first conversion (${purchases.orders.toLocaleString("en")} orders, ${Math.round(purchases.revenue).toLocaleString("en")} in revenue).`;
  if (cohorts && dataEnd !== null) {
    report.retention = { converted: repeatShares(cohorts.converted, dataEnd), notReached: repeatShares(cohorts.notReached, dataEnd) };
    report.retentionNote =
      "Share who bought again within 30, 60 and 90 days (a purchase more than a day after the start). Converted customers start at their conversion; customers the campaign never reached start at their first purchase while it ran. Customers whose window has not closed yet are left out of that column.";
  } else report.retentionNote = dataEnd === null ? "No purchases recorded yet." : "The campaign did not run inside this range.";
  return report;
}

function steps(t: CampaignTotals, purchases: number | null): FunnelStep[] {
  const raw: [FunnelStep["step"], string, number | null][] = [
    ["impression", "Impressions", t.impressions],
    ["click", "Clicks", t.clicks],
    ["conversion", "Conversions (platform-reported)", t.conversions],
    ["purchase", "Converted customers who ordered", purchases],
  ];
  const out: FunnelStep[] = [];
  for (const [step, label, count] of raw) {
    if (count === null) continue;
    const prev = out.at(-1);
    out.push({ step, label, count, fromPrevious: prev && prev.count > 0 ? count / prev.count : null });
  }
  return out;
}
