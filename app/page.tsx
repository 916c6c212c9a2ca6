import Link from "next/link";
import { SalesChart } from "@/components/charts/sales-chart";
import { DateRangeControl } from "@/components/date-range-control";
import { KpiCard } from "@/components/ui/kpi-card";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { GRAINS } from "@/lib/analytics/sales-series";
import { ratio } from "@/lib/format";
import { loadOverview } from "@/lib/services/overview";
import { first, hrefWith, type SearchParams } from "@/lib/url-state";
import { currency, fmt, locale } from "./formatting";
import { requirePage } from "@/lib/auth/page-guard";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/");
  const sp = await searchParams;
  const o = await loadOverview({ range: first(sp, "range"), from: first(sp, "from"), to: first(sp, "to"), grain: first(sp, "grain") });
  const k = o.kpis;
  const anchor = o.span.last ? `Ranges end on the latest event, ${fmt.day(o.span.last)}.` : "No events yet: ranges end today.";
  const isEmpty = k.customers === 0 && k.products === 0 && k.campaigns === 0;
  return (
    <>
      <PageHeader title="Overview" description={`Your shop at a glance, ${o.range.label.toLowerCase()}.`}>
        <DateRangeControl path="/" params={sp} range={o.range} anchorLabel={anchor} />
      </PageHeader>
      {o.range.notices.map((n) => (
        <Notice key={n} tone="warning">{n}</Notice>
      ))}
      {isEmpty ? (
        <EmptyState title="There is no data yet">
          <Link href="/data/import" className="font-medium text-indigo-700 underline hover:text-indigo-900">Import your own data</Link> from CSV files, or load the demo shop with{" "}
          <code className="rounded bg-slate-100 px-1">npm run seed</code> and reload this page.
        </EmptyState>
      ) : (
        <>
          <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4" aria-label="Key figures">
            <KpiCard testId="kpi-customers" label="Customers" value={fmt.integer(k.customers)} hint={`${fmt.integer(k.newCustomers)} signed up in this range`} />
            <KpiCard testId="kpi-products" label="Products" value={fmt.integer(k.products)} hint={`${fmt.integer(k.activeProducts)} active`} />
            <KpiCard testId="kpi-events" label="Events" value={fmt.integer(k.events)} hint={k.eventsByType.slice(0, 3).map((t) => `${fmt.compact(t.count)} ${t.type.replace(/_/g, " ")}`).join(" · ") || "none in this range"} />
            <KpiCard
              testId="kpi-revenue"
              label="Net revenue"
              value={fmt.money(k.netRevenue)}
              hint={`${fmt.money(k.revenue)} gross − ${fmt.money(k.returns)} returns · ${fmt.integer(k.orders)} orders · ${k.orders ? fmt.money(k.revenue / k.orders) : "–"} per order`}
            />
            <KpiCard testId="kpi-campaigns" label="Campaigns" value={fmt.integer(k.campaigns)} hint={`${fmt.integer(k.impressions)} impressions in this range`} />
            <KpiCard testId="kpi-ctr" label="Click-through rate" value={fmt.percent(ratio(k.clicks, k.impressions), 2)} hint={`${fmt.integer(k.clicks)} clicks of ${fmt.integer(k.impressions)} impressions`} />
            <KpiCard testId="kpi-cvr" label="Conversion rate" value={fmt.percent(ratio(k.conversions, k.clicks), 1)} hint={`${fmt.integer(k.conversions)} conversions of ${fmt.integer(k.clicks)} clicks`} />
            <KpiCard testId="kpi-purchases" label="Items purchased" value={fmt.integer(k.purchases)} hint="purchase events in this range" />
          </dl>
          <Section
            title="Revenue and orders over time"
            actions={
              <div role="group" aria-label="Chart grain" className="flex gap-1">
                {GRAINS.map((g) => (
                  <Link
                    key={g}
                    href={hrefWith("/", sp, { grain: g })}
                    aria-current={o.grain === g ? "true" : undefined}
                    className={`rounded-md border px-2.5 py-1 text-xs font-medium capitalize ${o.grain === g ? "border-slate-800 bg-slate-800 text-white" : "border-slate-300 hover:bg-slate-100"}`}
                  >
                    By {g}
                  </Link>
                ))}
              </div>
            }
          >
            {k.purchases === 0 ? (
              <EmptyState title="No purchases in this range">Pick a longer range, or &ldquo;All time&rdquo;.</EmptyState>
            ) : (
              <SalesChart points={o.series} grain={o.grain} locale={locale} currency={currency} />
            )}
          </Section>
        </>
      )}
    </>
  );
}
