import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { MEMBER_SORTS, type MemberRow, pageRuleMembers } from "@/lib/db/segment-rules";
import { getSegment } from "@/lib/db/segments";
import { readTableParams, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";

export const metadata: Metadata = { title: "Segment" };
export const dynamic = "force-dynamic";

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const segment = /^\d{1,9}$/.test(id) ? await getSegment(Number(id)) : null;
  if (!segment?.rule) notFound();
  const t = readTableParams(sp, MEMBER_SORTS, { sort: "revenue", dir: "desc" });
  const members = pageRuleMembers(segment.rule, t);
  const path = `/segments/${segment.id}`;
  return (
    <>
      <PageHeader title={segment.name} description={segment.description ?? ""} />
      <p className="mb-4 text-sm">
        <Link href="/segments" className="text-indigo-700 underline">All segments</Link>
      </p>
      <Section title={`${fmt.integer(members.total)} customers today`} description={`The rule runs on today's data; ${fmt.integer(segment.memberCount)} matched when it was saved${segment.computedAt ? ` (${fmt.dateTime(segment.computedAt)})` : ""}.`}>
        <div className="mb-3">
          <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" href={`/api/segments/${segment.id}/export`} download>
            Export CSV
          </a>
        </div>
        <DataTable<MemberRow>
          caption={`Customers in ${segment.name}`}
          testId="segment-members"
          path={path}
          params={sp}
          sort={t.sort}
          dir={t.dir}
          rows={members.rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Customer", sortKey: "externalId", render: (r) => r.externalId },
            { header: "Name", sortKey: "name", render: (r) => r.name ?? "" },
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
