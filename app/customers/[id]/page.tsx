import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MonthlySpendChart } from "@/components/charts/monthly-spend-chart";
import { KpiCard } from "@/components/ui/kpi-card";
import { PageHeader, Section } from "@/components/ui/page-header";
import { rollUpSales } from "@/lib/analytics/sales-series";
import { DAY_MS } from "@/lib/days";
import { type CustomerFeatures, type CustomerProfile, getCustomerFeatures, getCustomerProfile, listCustomerDailySpend } from "@/lib/db/customer-profile";
import { clusterOfCustomer } from "@/lib/services/segments/clusters";
import { scoreCustomer } from "@/lib/services/scoring/serving";
import { type CustomerRfm, rfmOfCustomer } from "@/lib/services/segments/rfm";
import type { SearchParams } from "@/lib/url-state";
import { currency, fmt, locale } from "../../formatting";
import { ScoreSection } from "./score-section";
import { TimelineSection } from "./timeline-section";
import { maskRow, piiView } from "@/lib/auth/mask";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

const GENDERS: Record<string, string> = { F: "Female", M: "Male", X: "Other / not stated" };
const MISSING = "–";

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const caller = await requirePage("dashboards:read", `/customers/${id}`);
  const profile = /^\d{1,9}$/.test(id) ? await getCustomerProfile(Number(id)) : null;
  if (!profile) notFound();
  const customer = maskRow(profile, piiView(caller.role));
  const rfm = await rfmOfCustomer(customer.id);
  // Recency is counted to the RFM date (the day after the shop's last purchase), so it matches the R score.
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request, so the request time is the intended input, not an unstable re-render value.
  const features = await getCustomerFeatures(customer.id, rfm ? Date.parse(`${rfm.asOf}T00:00:00Z`) : Date.now());
  const cluster = await clusterOfCustomer(customer.id);
  const score = await scoreCustomer(customer.id);
  const spend = features.firstPurchaseAt && features.lastPurchaseAt ? rollUpSales(await listCustomerDailySpend(customer.id), features.firstPurchaseAt, new Date(features.lastPurchaseAt.getTime() + DAY_MS), "month") : [];
  const path = `/customers/${customer.id}`;
  return (
    <>
      <PageHeader title={customer.name ? `${customer.externalId} · ${customer.name}` : customer.externalId} description="Who this customer is, what they bought, which segments they fall in, and everything they did." />
      <p className="mb-4 flex gap-4 text-sm">
        <Link href="/segments" className="text-indigo-700 underline">All segments</Link>
        {can(caller.role, "admin") ? <Link href={`/admin/customers?externalId=${encodeURIComponent(customer.externalId)}`} className="text-indigo-700 underline">Export or erase this customer&rsquo;s data</Link> : null}
      </p>
      <div className="grid gap-x-6 lg:grid-cols-2">
        <Section title="Attributes" description="From the customer files you imported; “–” where a file gave no value.">
          <Attributes customer={customer} />
        </Section>
        <Section title="Segments">
          <RfmPanel rfm={rfm} />
          <div className="mt-4 border-t border-slate-100 pt-4 text-sm" data-testid="customer-cluster">
            <h3 className="font-medium">Cluster</h3>
            {cluster ? (
              <p className="mt-1">
                <span className="font-semibold">Cluster {cluster.cluster + 1}: {cluster.name}</span>
                <span className="block text-slate-600">In the latest clustering run (data as of {cluster.asOf}, run {fmt.dateTime(cluster.finishedAt)}). <Link href="/segments" className="text-indigo-700 underline">See all clusters</Link></span>
              </p>
            ) : (
              <p className="mt-1 text-slate-600">
                Not in a cluster: no clustering run has included this customer yet (runs take customers with a purchase before their date). <Link href="/segments" className="text-indigo-700 underline">Find clusters on the Segments page</Link>
              </p>
            )}
          </div>
        </Section>
      </div>
      <Section title="Purchases and engagement" description={`Orders are distinct order ids over all of this customer's purchase events${rfm ? `; days since last purchase count to ${rfm.asOf}, the RFM date` : ""}.`}>
        <Features f={features} />
        {spend.length > 0 ? (
          <div className="mt-6">
            <MonthlySpendChart points={spend} locale={locale} currency={currency} />
          </div>
        ) : null}
      </Section>
      <ScoreSection score={score} />
      <TimelineSection customerId={customer.id} path={path} params={sp} />
    </>
  );
}

function show(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined || v === "") return MISSING;
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

function Attributes({ customer: c }: { customer: CustomerProfile }) {
  const fields: [string, string][] = [
    ["Email", show(c.email)],
    ["Gender", c.gender ? (GENDERS[c.gender] ?? c.gender) : MISSING],
    ["Age", show(c.age)],
    ["Birth year", show(c.birthYear)],
    ["Income", c.income === null ? MISSING : fmt.moneyWhole(c.income)],
    ["Education", show(c.education)],
    ["Country", show(c.country)],
    ["City", show(c.city)],
    ["Signed up", c.signupAt ? fmt.day(c.signupAt) : MISSING],
    ...c.attributes.map(([k, v]): [string, string] => [k, show(v)]),
  ];
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1.5 text-sm" data-testid="customer-attributes">
      {/* Attribute names come from files and may repeat a field's label: keyed by position. */}
      {fields.map(([label, value], i) => (
        <div key={i} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RfmPanel({ rfm }: { rfm: CustomerRfm | null }) {
  return (
    <div className="text-sm" data-testid="customer-rfm">
      <h3 className="font-medium">RFM segment</h3>
      {rfm ? (
        <p className="mt-1">
          <span className="font-semibold">{rfm.segment}</span>: {rfm.description}.
          <span className="block text-slate-600">
            R {rfm.r} · F {rfm.f} · M {rfm.m}: recency, frequency and monetary scores from 1 to 5 by quintile of all customers with a purchase, as of {rfm.asOf}.
          </span>
        </p>
      ) : (
        <p className="mt-1 text-slate-600">No purchases yet, so no RFM segment.</p>
      )}
    </div>
  );
}

function Features({ f }: { f: CustomerFeatures }) {
  const day = (d: Date | null) => (d ? fmt.day(d) : MISSING);
  const days = (n: number | null) => (n === null ? MISSING : fmt.integer(n));
  return (
    <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5" aria-label="Purchase and campaign features" data-testid="customer-features">
      <KpiCard testId="feature-orders" label="Orders" value={fmt.integer(f.orders)} />
      <KpiCard label="Revenue" value={fmt.money(f.revenue)} />
      <KpiCard label="Average order value" value={f.averageOrderValue === null ? MISSING : fmt.money(f.averageOrderValue)} />
      <KpiCard label="First purchase" value={day(f.firstPurchaseAt)} />
      <KpiCard label="Last purchase" value={day(f.lastPurchaseAt)} />
      <KpiCard label="Days since last purchase" value={days(f.daysSinceLastPurchase)} />
      <KpiCard label="Mean days between orders" value={days(f.meanDaysBetweenOrders)} hint={f.meanDaysBetweenOrders === null ? "needs two orders" : undefined} />
      <KpiCard label="Campaign clicks" value={fmt.integer(f.campaignClicks)} />
      <KpiCard label="Campaign conversions" value={fmt.integer(f.campaignConversions)} />
    </dl>
  );
}
