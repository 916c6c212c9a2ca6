import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignSeriesChart } from "@/components/charts/campaign-series-chart";
import { DateRangeControl } from "@/components/date-range-control";
import { ChoiceForm } from "@/components/ui/choice-form";
import { KpiCard } from "@/components/ui/kpi-card";
import { Notice, PageHeader, Section } from "@/components/ui/page-header";
import { isoDay, resolveRange } from "@/lib/analytics/date-range";
import { autoGrain, GRAINS, type Grain } from "@/lib/analytics/sales-series";
import { requirePage } from "@/lib/auth/page-guard";
import { getCampaignSpan } from "@/lib/db/campaigns";
import { UserError } from "@/lib/errors";
import { getCampaignReport } from "@/lib/services/campaigns/report";
import { getCampaign } from "@/lib/db/campaign-report";
import { first, type SearchParams } from "@/lib/url-state";
import { currency, fmt, locale } from "../../formatting";
import { BreakdownSection } from "../breakdown-section";
import { figureString, percentOf, rateWithInterval, times } from "../figures";
import { FunnelAndRetention } from "./funnel-retention";
import { capitalised } from "@/lib/format";

export const metadata: Metadata = { title: "Campaign" };
export const dynamic = "force-dynamic";

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  await requirePage("dashboards:read", `/campaigns/${id}`);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [span, campaign] = await Promise.all([getCampaignSpan(), getCampaign(Number(id))]);
  if (!campaign) notFound();
  // Opened without a range, the page shows the campaign's own flight (or all time when it has no dates).
  const chosen = first(sp, "range") !== undefined || first(sp, "from") !== undefined || first(sp, "to") !== undefined;
  const flight = !chosen && campaign.startAt && campaign.endAt ? { from: isoDay(campaign.startAt), to: isoDay(campaign.endAt) } : null;
  const range = resolveRange(flight ?? { range: first(sp, "range") ?? "all", from: first(sp, "from"), to: first(sp, "to") }, span, new Date());
  const grainParam = first(sp, "grain");
  const grain: Grain = GRAINS.includes(grainParam as Grain) ? (grainParam as Grain) : autoGrain(range.from, range.to);
  const report = await getCampaignReport(Number(id), range, grain).catch((e: unknown) => {
    if (e instanceof UserError && e.code === "not_found") return null;
    throw e;
  });
  if (!report) notFound();
  const { campaign: c, kpis, totals } = report;
  const path = `/campaigns/${c.id}`;
  const facts = [c.channel, c.adType, c.adPosition].filter(Boolean).join(" · ");
  const test = c.testGroup ? (
    <>
      {" "}Arm <strong>{c.variant ?? "?"}</strong> of the A/B test <Link href={`/campaigns/tests/${encodeURIComponent(c.testGroup)}`} className="text-indigo-700 hover:underline">“{c.testGroup}”</Link>.
    </>
  ) : null;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            {c.externalId}
            {facts ? ` · ${facts}` : ""} · runs {c.startAt ? fmt.day(c.startAt) : "?"} – {c.endAt ? fmt.day(c.endAt) : "open"}.{test}{" "}
            <Link href="/campaigns" className="text-indigo-700 hover:underline">All campaigns</Link>
          </>
        }
      >
        <DateRangeControl path={path} params={sp} range={range} anchorLabel={span.last ? `Ranges end on the latest campaign activity, ${fmt.day(span.last)}.` : "No campaign activity yet."} />
      </PageHeader>
      {range.notices.map((n) => (
        <Notice key={n} tone="warning">{n}</Notice>
      ))}
      {report.source === "none" ? <Notice>This campaign has no impressions, clicks or conversions in {range.label.toLowerCase()}: its figures below are empty, not zero performance.</Notice> : null}
      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-6" data-testid="campaign-kpis">
        <KpiCard label="Impressions" value={fmt.integer(totals.impressions)} />
        <KpiCard label="Clicks" value={fmt.integer(totals.clicks)} />
        <KpiCard label="CTR" value={figureString(kpis.ctr, percentOf(2))} hint={kpis.ctr.interval ? rateWithInterval(kpis.ctr) : undefined} testId="kpi-ctr" />
        <KpiCard label="Conversion rate" value={figureString(kpis.conversionRate, percentOf(1))} hint={kpis.conversionRate.interval ? `${rateWithInterval(kpis.conversionRate, 1)}, of clicks` : undefined} />
        <KpiCard label="Conversions" value={fmt.integer(totals.conversions)} hint="platform-reported" />
        <KpiCard label="Cost" value={fmt.money(totals.cost)} />
        <KpiCard label="Revenue" value={fmt.money(totals.revenue)} hint="reported with conversions" />
        <KpiCard label="CPC" value={figureString(kpis.cpc, fmt.money)} hint="cost per click" />
        <KpiCard label="CPA" value={figureString(kpis.cpa, fmt.money)} hint="cost per conversion" />
        <KpiCard label="CPM" value={figureString(kpis.cpm, fmt.money)} hint="cost per 1,000 impressions" />
        <KpiCard label="ROAS" value={figureString(kpis.roas, times)} hint="revenue ÷ cost" />
        <KpiCard label="ROI" value={figureString(kpis.roi, percentOf(0))} hint="(revenue − cost) ÷ cost" />
        {report.pacing ? (
          <KpiCard
            label="Budget spent"
            value={`${fmt.percent(report.pacing.spentShare, 0)} of ${fmt.moneyWhole(report.pacing.budget)}`}
            hint={`${report.pacing.verdict}${report.pacing.elapsedShare !== null ? `; ${fmt.percent(report.pacing.elapsedShare, 0)} of the flight elapsed` : ""}`}
            testId="kpi-pacing"
          />
        ) : (
          <KpiCard label="Budget spent" value="–" hint="no budget recorded for this campaign" />
        )}
      </dl>
      <Section
        title="Over time"
        description={`By ${grain}, ${flight ? `over the campaign's flight (${range.label})` : range.label.toLowerCase()}.`}
        actions={<ChoiceForm params={sp} choices={[{ name: "grain", label: "Group by", value: grain, options: GRAINS.map((g) => ({ value: g, label: capitalised(g) })) }]} testId="grain-form" />}
      >
        <CampaignSeriesChart points={report.series} grain={grain} locale={locale} currency={currency} />
      </Section>
      <FunnelAndRetention report={report} />
      <BreakdownSection params={sp} range={range} campaignId={c.id} defaultKey={report.source === "daily" ? "report-segment" : "rfm"} />
    </>
  );
}
