import Link from "next/link";
import type { Metadata } from "next";
import { CustomersTable } from "@/components/tables/customers-table";
import { EventsTable } from "@/components/tables/events-table";
import { ProductsTable } from "@/components/tables/products-table";
import { buttonClass } from "@/components/ui/button";
import { KpiCard } from "@/components/ui/kpi-card";
import { PageHeader, Section } from "@/components/ui/page-header";
import { countTables } from "@/lib/db/maintenance";
import { getEventSpan } from "@/lib/db/overview";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../formatting";
import { piiView } from "@/lib/auth/mask";
import { requirePage } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Data" };
export const dynamic = "force-dynamic";

const TABS = [
  { key: "customers", label: "Customers" },
  { key: "products", label: "Products" },
  { key: "events", label: "Events" },
] as const;

export default async function DataPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const pii = piiView((await requirePage("dashboards:read", "/data")).role);
  const sp = await searchParams;
  const tab = TABS.find((t) => t.key === first(sp, "tab"))?.key ?? "customers";
  const [counts, span] = await Promise.all([countTables(), getEventSpan()]);
  return (
    <>
      <PageHeader title="Data" description="Everything MarketLens holds, table by table.">
        <Link href="/data/import" className={buttonClass("primary")}>Import a CSV file</Link>
      </PageHeader>
      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4" aria-label="Row counts">
        <KpiCard testId="count-customers" label="Customers" value={fmt.integer(counts.customers)} />
        <KpiCard testId="count-products" label="Products" value={fmt.integer(counts.products)} />
        <KpiCard testId="count-events" label="Events" value={fmt.integer(counts.events)} hint={span.first && span.last ? `${fmt.day(span.first)} to ${fmt.day(span.last)}` : "none yet"} />
        <KpiCard testId="count-campaigns" label="Campaigns" value={fmt.integer(counts.campaigns)} hint={`${fmt.integer(counts.campaignEvents)} campaign events · ${fmt.integer(counts.dailyStats)} daily report rows`} />
      </dl>
      <Section title="Browse">
        <nav aria-label="Tables" className="mb-4 flex gap-1 border-b border-slate-200">
          {TABS.map((t) => (
            <Link
              key={t.key}
              href={`/data?tab=${t.key}`}
              aria-current={tab === t.key ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.key ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}
            </Link>
          ))}
        </nav>
        {tab === "customers" ? <CustomersTable path="/data" params={sp} keep={["tab"]} pii={pii} /> : null}
        {tab === "products" ? <ProductsTable path="/data" params={sp} keep={["tab"]} /> : null}
        {tab === "events" ? <EventsTable path="/data" params={sp} pii={pii} /> : null}
      </Section>
    </>
  );
}
