import { parseArgs } from "node:util";
import { resolveRange } from "../../lib/analytics/date-range";
import { campaignKpis, type CampaignKpis } from "../../lib/analytics/campaign-kpis";
import { autoGrain } from "../../lib/analytics/sales-series";
import { getCampaignByExternalId } from "../../lib/db/campaign-report";
import { getCampaignSpan, listCampaignPerformance } from "../../lib/db/campaigns";
import { UserError } from "../../lib/errors";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { getBreakdown } from "../../lib/services/campaigns/breakdown";
import { parseBreakdownKey } from "../../lib/services/campaigns/labellings";
import { getCampaignReport } from "../../lib/services/campaigns/report";
import { type Command, UsageError } from "../cli-support";

// --by segment: each saved segment (event-level campaigns); report-segment: daily reports' own labels.
const BY_ALIASES: Record<string, string> = { segment: "segments" };
const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** Every key figure as `{ value, reason }` and rates with their interval: no NaN in the JSON, ever. */
function kpiJson(k: CampaignKpis) {
  const rate = (f: CampaignKpis["ctr"]) => ({ value: r4(f.value), low: r4(f.interval?.low ?? null), high: r4(f.interval?.high ?? null), reason: f.reason });
  const plain = (f: CampaignKpis["cpc"]) => ({ value: r4(f.value), reason: f.reason });
  return { ctr: rate(k.ctr), conversionRate: rate(k.conversionRate), cpc: plain(k.cpc), cpa: plain(k.cpa), cpm: plain(k.cpm), roas: plain(k.roas), roi: plain(k.roi) };
}

const show = (f: { value: number | null; reason: string | null }, format: (v: number) => string) => (f.value === null ? `– (${f.reason})` : format(f.value));
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

export const campaignReportCommand: Command = {
  name: "campaign-report",
  summary: "campaign performance with intervals, over a date range, optionally broken down",
  usage: "campaign-report [--campaign EXTERNAL_ID] [--from YYYY-MM-DD --to YYYY-MM-DD] [--by channel|ad-type|ad-position|variant|segment|report-segment|rfm|cluster|age-band|gender|country|education|attribute:NAME] [--json]",
  async run(args) {
    const { values } = parseArgs({ args, strict: true, options: { campaign: { type: "string" }, from: { type: "string" }, to: { type: "string" }, by: { type: "string" }, json: { type: "boolean", default: false } } });
    await prepareDatabase({ seedIfEmpty: false });
    const span = await getCampaignSpan();
    const range = resolveRange({ range: values.from || values.to ? undefined : "all", from: values.from, to: values.to }, span, new Date());
    if (range.notices.length) throw new UsageError(range.notices.join(" "));
    const campaign = values.campaign ? await getCampaignByExternalId(values.campaign) : null;
    if (values.campaign && !campaign) throw new UserError(`there is no campaign with external id "${values.campaign}"`);
    let key;
    try {
      key = values.by ? parseBreakdownKey(BY_ALIASES[values.by] ?? values.by, "channel") : null;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const breakdown = key ? await getBreakdown(key, range, campaign ? [campaign.id] : undefined) : null;
    const rangeJson = { from: range.from.toISOString().slice(0, 10), to: new Date(range.to.getTime() - 1).toISOString().slice(0, 10) };
    const rows = breakdown?.rows.map((r) => ({ name: r.label, campaigns: r.campaigns, impressions: r.impressions, clicks: r.clicks, conversions: r.conversions, cost: r4(r.cost), revenue: r4(r.revenue), ...kpiJson(r.kpis) })) ?? null;
    const lines: string[] = [];
    let json: Record<string, unknown> = { range: rangeJson };
    if (campaign) {
      const report = await getCampaignReport(campaign.id, range, autoGrain(range.from, range.to));
      const t = report.totals;
      json = {
        ...json,
        campaign: { externalId: campaign.externalId, name: campaign.name, channel: campaign.channel, testGroup: campaign.testGroup, variant: campaign.variant, budget: campaign.budget },
        totals: { ...t, cost: r4(t.cost), revenue: r4(t.revenue) },
        kpis: kpiJson(report.kpis),
        pacing: report.pacing,
        funnel: report.funnel,
        retention: report.retention,
      };
      lines.push(
        `${campaign.name} (${campaign.externalId}), ${rangeJson.from} to ${rangeJson.to}: ${t.impressions} impressions, ${t.clicks} clicks, ${t.conversions} conversions; cost ${t.cost.toFixed(2)}, revenue ${t.revenue.toFixed(2)}.`,
        `CTR ${show(report.kpis.ctr, pct)}${report.kpis.ctr.interval ? ` (95% ${pct(report.kpis.ctr.interval.low)}–${pct(report.kpis.ctr.interval.high)})` : ""}; conversion rate ${show(report.kpis.conversionRate, pct)}; CPC ${show(report.kpis.cpc, (v) => v.toFixed(2))}; CPA ${show(report.kpis.cpa, (v) => v.toFixed(2))}; ROAS ${show(report.kpis.roas, (v) => `${v.toFixed(2)}x`)}; ROI ${show(report.kpis.roi, pct)}.`,
      );
      if (report.pacing) lines.push(`Budget: ${(report.pacing.spentShare * 100).toFixed(0)}% of ${report.pacing.budget} spent, ${report.pacing.verdict}.`);
    } else {
      const all = await listCampaignPerformance(range);
      json = {
        ...json,
        campaigns: all.map((c) => ({ externalId: c.externalId, name: c.name, channel: c.channel, testGroup: c.testGroup, variant: c.variant, source: c.source, impressions: c.impressions, clicks: c.clicks, conversions: c.conversions, cost: r4(c.cost), revenue: r4(c.revenue), ...kpiJson(campaignKpis(c)) })),
      };
      lines.push(`${all.length} campaigns, ${rangeJson.from} to ${rangeJson.to}:`, ...all.map((c) => `  ${c.externalId} ${c.name}: ${c.impressions} impressions, ${c.clicks} clicks, CTR ${show(campaignKpis(c).ctr, pct)}, ${c.conversions} conversions, ROI ${show(campaignKpis(c).roi, pct)}`));
    }
    if (breakdown) {
      json = { ...json, by: breakdown.key, breakdown: rows, notes: breakdown.notes };
      lines.push(`By ${breakdown.title.toLowerCase()}:`, ...breakdown.rows.map((r) => `  ${r.label}: ${r.impressions} impressions, ${r.clicks} clicks, CTR ${show(r.kpis.ctr, pct)}, conversions ${r.conversions}, ROI ${show(r.kpis.roi, pct)}`), ...breakdown.notes);
    }
    return { json, text: lines.join("\n") };
  },
};
