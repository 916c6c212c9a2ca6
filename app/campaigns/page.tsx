import type { Metadata } from "next";
import Link from "next/link";
import { DateRangeControl } from "@/components/date-range-control";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { resolveRange } from "@/lib/analytics/date-range";
import { getCampaignSpan, listCampaignPerformance, type CampaignPerformance } from "@/lib/db/campaigns";
import { ratio } from "@/lib/format";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../formatting";
import { requirePage } from "@/lib/auth/page-guard";
import { BreakdownSection } from "./breakdown-section";

export const metadata: Metadata = { title: "Campaigns" };
export const dynamic = "force-dynamic";

const SOURCE_LABEL: Record<CampaignPerformance["source"], string> = { events: "per event", daily: "daily report", both: "both", none: "no data in range" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/campaigns");
  const sp = await searchParams;
  const span = await getCampaignSpan();
  const range = resolveRange({ range: first(sp, "range"), from: first(sp, "from"), to: first(sp, "to") }, span, new Date());
  const rows = await listCampaignPerformance(range);
  const anchor = span.last ? `Ranges end on the latest campaign activity, ${fmt.day(span.last)}.` : "No campaign activity yet: ranges end today.";
  const columns: Column<CampaignPerformance>[] = [
    {
      header: "Campaign",
      render: (c) => (
        <div>
          <Link href={`/campaigns/${c.id}`} className="font-medium text-indigo-700 hover:underline">
            {c.name}
          </Link>
          <div className="text-xs text-slate-500">
            {[c.channel, c.adType, c.adPosition].filter(Boolean).join(" · ")}
            {c.testGroup ? ` · A/B test “${c.testGroup}”, variant ${c.variant ?? "?"}` : ""}
          </div>
        </div>
      ),
    },
    { header: "Runs", render: (c) => (c.startAt ? `${fmt.day(c.startAt)} – ${c.endAt ? fmt.day(c.endAt) : "open"}` : "–") },
    { header: "Impressions", align: "right", render: (c) => fmt.integer(c.impressions) },
    { header: "Clicks", align: "right", render: (c) => fmt.integer(c.clicks) },
    { header: "CTR", align: "right", render: (c) => fmt.percent(ratio(c.clicks, c.impressions), 2) },
    { header: "Conversions", align: "right", render: (c) => fmt.integer(c.conversions) },
    { header: "Conv. rate", align: "right", render: (c) => fmt.percent(ratio(c.conversions, c.clicks), 1) },
    { header: "Cost", align: "right", render: (c) => fmt.money(c.cost) },
    { header: "Revenue", align: "right", render: (c) => fmt.money(c.revenue) },
    { header: "ROI", align: "right", render: (c) => fmt.percent(ratio(c.revenue - c.cost, c.cost), 0) },
    { header: "Data", render: (c) => <span className="text-xs text-slate-500">{SOURCE_LABEL[c.source]}</span> },
  ];
  return (
    <>
      <PageHeader title="Campaigns" description={`Reach, response and return of every campaign, ${range.label.toLowerCase()}.`}>
        <nav aria-label="Campaign analyses" className="flex gap-3 text-sm">
          <Link href="/campaigns/tests" className="font-medium text-indigo-700 hover:underline">A/B tests</Link>
          <Link href="/campaigns/attribution" className="font-medium text-indigo-700 hover:underline">Attribution</Link>
          <Link href="/campaigns/scoring" className="font-medium text-indigo-700 hover:underline">Response scoring</Link>
          <Link href="/campaigns/targeting" className="font-medium text-indigo-700 hover:underline">Targeting</Link>
          <Link href="/campaigns/uplift" className="font-medium text-indigo-700 hover:underline">Uplift</Link>
        </nav>
        <DateRangeControl path="/campaigns" params={sp} range={range} anchorLabel={anchor} />
      </PageHeader>
      {range.notices.map((n) => (
        <Notice key={n} tone="warning">{n}</Notice>
      ))}
      <Section title="Performance" description="CTR = clicks ÷ impressions; conversion rate = conversions ÷ clicks; ROI = (revenue − cost) ÷ cost. A dash means there is nothing to divide by.">
        {rows.length === 0 ? (
          <EmptyState title="No campaigns yet">Load the demo shop with npm run seed.</EmptyState>
        ) : (
          <DataTable caption="Campaign performance" testId="campaigns-table" columns={columns} rows={rows} rowKey={(c) => c.id} path="/campaigns" params={sp} />
        )}
      </Section>
      {rows.length > 0 ? <BreakdownSection params={sp} range={range} defaultKey="channel" /> : null}
    </>
  );
}
