// Campaign breakdowns for the overview, the campaign page and the CLI: by a campaign field (roll-ups of
// campaign totals), by a customer grouping (event-level campaigns, through per-customer totals), or by the
// segment label daily reports carry. One shape for all, so one table and one heatmap draw them.
import { campaignKpis, type CampaignTotals } from "../../analytics/campaign-kpis";
import { addTotals, heatCell, rollUpBy, zeroTotals, type HeatCell, type HeatMetric, type RollUpRow } from "../../analytics/campaign-rollup";
import { breakdownBySegment, type CustomerCampaignTotals } from "../../analytics/segment-breakdown";
import { campaignDataStamp, loadCustomerCampaignTotals, loadReportSegmentTotals } from "../../db/campaign-audience";
import { listCampaignPerformance, type CampaignPerformance } from "../../db/campaigns";
import type { TimeRange } from "../../db/date-range";
import { breakdownLabel, buildLabelling, isCampaignDimension, type BreakdownKey, type CampaignDimension } from "./labellings";

export interface Breakdown {
  key: BreakdownKey;
  title: string;
  rows: RollUpRow[];
  /** Campaign × group cells (customer groupings and report segments only). */
  grid: { campaigns: { id: number; name: string }[]; groups: string[]; cells: CampaignTotals[][] } | null;
  notes: string[];
}

const FIELD: Record<CampaignDimension, (c: CampaignPerformance) => string | null> = {
  channel: (c) => c.channel,
  "ad-type": (c) => c.adType,
  "ad-position": (c) => c.adPosition,
  variant: (c) => c.variant,
};

let totalsCache: { key: string; totals: CustomerCampaignTotals } | null = null;

async function customerTotals(range: TimeRange): Promise<CustomerCampaignTotals> {
  const key = `${await campaignDataStamp()}|${range.from.getTime()}|${range.to.getTime()}`;
  if (totalsCache?.key !== key) totalsCache = { key, totals: await loadCustomerCampaignTotals(range) };
  return totalsCache.totals;
}

const withKpis = (label: string, t: CampaignTotals, campaigns: number): RollUpRow => ({ label, campaigns, ...t, kpis: campaignKpis(t) });

/** @param campaignIds only these campaigns (a campaign page passes its own id). */
export async function getBreakdown(key: BreakdownKey, range: TimeRange, campaignIds?: readonly number[]): Promise<Breakdown> {
  const only = campaignIds ? new Set(campaignIds) : undefined;
  const all = await listCampaignPerformance(range);
  const campaigns = only ? all.filter((c) => only.has(c.id)) : all;
  const title = breakdownLabel(key);
  if (isCampaignDimension(key)) {
    const notes = key === "variant" ? ["Campaigns outside an A/B test have no variant."] : [];
    return { key, title, rows: rollUpBy(campaigns, FIELD[key]), grid: null, notes };
  }
  if (key === "report-segment") {
    const rows = (await loadReportSegmentTotals(range)).filter((r) => !only || only.has(r.campaignId));
    const groups = [...new Set(rows.map((r) => r.segment))].sort();
    const withRows = campaigns.filter((c) => rows.some((r) => r.campaignId === c.id));
    const cells = withRows.map((c) => groups.map((g) => sum(rows.filter((r) => r.campaignId === c.id && r.segment === g))));
    const totals = groups.map((g) => sum(rows.filter((r) => r.segment === g)));
    const notes = rows.length === 0 ? ["No daily report rows in this range: campaigns that report per event are broken down by customer groups instead."] : [];
    return {
      key,
      title,
      rows: groups.map((g, j) => withKpis(g, totals[j]!, cells.filter((row) => row[j]!.impressions > 0).length)),
      grid: { campaigns: withRows.map((c) => ({ id: c.id, name: c.name })), groups, cells },
      notes,
    };
  }
  const [totals, labelling] = await Promise.all([customerTotals(range), buildLabelling(key)]);
  const b = breakdownBySegment(totals, labelling, only);
  const eventCampaigns = campaigns.filter((c) => b.cells.has(c.id));
  const notes: string[] = [];
  if (b.overlapping) notes.push("Saved segments overlap: a customer in two segments counts in both rows.");
  const daily = campaigns.filter((c) => c.source === "daily");
  if (daily.length > 0) notes.push(`${daily.length === 1 ? "One campaign reports" : `${daily.length} campaigns report`} daily totals without customers (${daily.map((c) => c.name).join(", ")}): break down by report segment to see ${daily.length === 1 ? "it" : "them"}.`);
  if (eventCampaigns.length === 0) notes.push("No campaign events with a known customer in this range.");
  return {
    key,
    title,
    rows: b.groups.map((g, j) => withKpis(g, b.totals[j]!, eventCampaigns.filter((c) => b.cells.get(c.id)![j]!.impressions > 0).length)).filter((r) => r.impressions > 0 || r.clicks > 0),
    grid: { campaigns: eventCampaigns.map((c) => ({ id: c.id, name: c.name })), groups: b.groups, cells: eventCampaigns.map((c) => b.cells.get(c.id)!) },
    notes,
  };
}

function sum(rows: readonly CampaignTotals[]): CampaignTotals {
  return rows.reduce((t, r) => addTotals(t, r), zeroTotals());
}

export interface Heatmap {
  metric: HeatMetric;
  campaigns: { id: number; name: string }[];
  groups: string[];
  cells: HeatCell[][];
}

/** The grid as heat cells, leaving out groups no campaign reached. */
export function heatmapOf(b: Breakdown, metric: HeatMetric): Heatmap | null {
  if (!b.grid || b.grid.campaigns.length === 0) return null;
  const keep = b.grid.groups.map((_, j) => b.grid!.cells.some((row) => row[j]!.impressions > 0 || row[j]!.clicks > 0));
  const groups = b.grid.groups.filter((_, j) => keep[j]);
  const cells = b.grid.cells.map((row) => row.filter((_, j) => keep[j]).map((t) => heatCell(t, metric)));
  return { metric, campaigns: b.grid.campaigns, groups, cells };
}
