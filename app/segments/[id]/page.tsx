import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProfileBars } from "@/components/charts/profile-bars";
import { DataTable } from "@/components/ui/data-table";
import { SearchForm } from "@/components/ui/search-form";
import { profileSegment } from "@/lib/db/segment-profile";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { MEMBER_SORTS, type MemberRow, pageRuleMembers } from "@/lib/db/segment-rules";
import { getSegment } from "@/lib/db/segments";
import { readTableParams, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { maskRow, piiView } from "@/lib/auth/mask";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Segment" };
export const dynamic = "force-dynamic";

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const caller = await requirePage("dashboards:read", `/segments/${id}`);
  const pii = piiView(caller.role);
  const segment = /^\d{1,9}$/.test(id) ? await getSegment(Number(id)) : null;
  if (!segment?.rule) notFound();
  const read = readTableParams(sp, MEMBER_SORTS, { sort: "revenue", dir: "desc" });
  // Sorted by a masked name, the order would give the names away.
  const t = !pii.clear && read.sort === "name" ? { ...read, sort: "revenue" as const } : read;
  const [members, profile] = await Promise.all([pageRuleMembers(segment.rule, { ...t, searchPii: pii.clear }), profileSegment(segment.rule)]);
  const path = `/segments/${segment.id}`;
  return (
    <>
      <PageHeader title={segment.name} description={segment.description ?? ""} />
      <p className="mb-4 text-sm">
        <Link href="/segments" className="text-indigo-700 underline">All segments</Link>
      </p>
      <Section
        title="Profile"
        description={`${fmt.integer(profile.members)} customers, ${fmt.percent(profile.customers ? profile.members / profile.customers : 0, 1)} of all, bringing ${fmt.percent(profile.totalRevenue ? profile.revenue / profile.totalRevenue : 0, 1)} of revenue. Days since last purchase count back from ${profile.asOf}, the day after the latest purchase.`}
      >
        <div className="grid gap-6 md:grid-cols-2">
          <ProfileBars title="Days since last purchase" rows={profile.recency} of="customers" testId="profile-recency" />
          <ProfileBars title="Orders" rows={profile.orders} of="customers" testId="profile-orders" />
          <ProfileBars title="Country" rows={profile.countries} of="customers" testId="profile-countries" />
          {profile.categories.length ? <ProfileBars title="Share of spend by category" rows={profile.categories} of="spend" testId="profile-categories" /> : null}
        </div>
      </Section>
      <Section title={`${fmt.integer(t.q ? profile.members : members.total)} customers today`} description={`The rule runs on today's data; ${fmt.integer(segment.memberCount)} matched when it was saved${segment.computedAt ? ` (${fmt.dateTime(segment.computedAt)})` : ""}.`}>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap gap-2">
            {can(caller.role, "exports:read") ? (
              <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" href={`/api/segments/${segment.id}/export`} download>
                Export CSV{pii.clear ? "" : " (without emails and names)"}
              </a>
            ) : null}
            {pii.clear ? (
              <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" href={`/api/segments/${segment.id}/export?emails=sha256`} download title="SHA-256 of each trimmed, lower-cased email, as Google, Meta and LinkedIn take for customer-match audiences">
                Export for ad platforms (hashed emails)
              </a>
            ) : null}
          </div>
          <SearchForm label={pii.clear ? "Search members by id, name, email or country" : "Search members by id or country"} value={t.q} params={sp} keep={["sort", "dir"]} />
        </div>
        {t.q && members.total === 0 ? <p className="text-sm text-slate-600">No member matches &ldquo;{t.q}&rdquo;.</p> : null}
        <DataTable<MemberRow>
          caption={`Customers in ${segment.name}`}
          testId="segment-members"
          path={path}
          params={sp}
          sort={t.sort}
          dir={t.dir}
          rows={members.rows.map((r) => maskRow(r, pii))}
          rowKey={(r) => r.id}
          columns={[
            { header: "Customer", sortKey: "externalId", render: (r) => <Link href={`/customers/${r.id}`} prefetch={false} className="text-indigo-700 underline">{r.externalId}</Link> },
            { header: "Name", sortKey: pii.clear ? "name" : undefined, render: (r) => r.name ?? "" },
            { header: "Country", sortKey: "country", render: (r) => r.country ?? "" },
            { header: "Orders", sortKey: "orders", align: "right", render: (r) => fmt.integer(r.orders) },
            { header: "Revenue", sortKey: "revenue", align: "right", render: (r) => fmt.money(r.revenue) },
            { header: "Last purchase", sortKey: "lastPurchaseAt", render: (r) => (r.lastPurchaseAt ? fmt.day(r.lastPurchaseAt) : "Never") },
          ]}
        />
        <Pagination page={t.page} pageSize={t.pageSize} total={members.total} path={path} params={sp} format={fmt.integer} />
      </Section>
    </>
  );
}
