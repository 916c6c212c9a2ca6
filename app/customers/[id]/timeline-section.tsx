import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listTimelineKinds, pageCustomerTimeline, type TimelineKind, type TimelineRow } from "@/lib/db/customer-profile";
import { first, hrefWith, readTableParams, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";

const kindLabel = (source: TimelineKind["source"], type: string) => `${source === "campaign" ? "campaign " : ""}${type.replace(/_/g, " ")}`;

function detail(r: TimelineRow): string {
  const parts: string[] = [];
  if (r.orderId) parts.push(`order ${r.orderId}`);
  if (r.rating !== null) parts.push(`rated ${r.rating}`);
  return parts.join(" · ") || "–";
}

const COLUMNS: Column<TimelineRow>[] = [
  { header: "When (UTC)", render: (r) => <span className="whitespace-nowrap">{fmt.dateTime(r.occurredAt)}</span> },
  { header: "What", render: (r) => kindLabel(r.source, r.type) },
  { header: "Product or campaign", render: (r) => r.subject ?? "–" },
  { header: "Qty", align: "right", render: (r) => (r.quantity === null ? "–" : fmt.integer(r.quantity)) },
  { header: "Revenue", align: "right", render: (r) => (r.revenue ? fmt.money(r.revenue) : "–") },
  { header: "Details", render: (r) => <span className="font-mono text-xs">{detail(r)}</span> },
];

/** Everything the customer did and every campaign that reached them, newest first, by kind, 25 a page. */
export async function TimelineSection({ customerId, path, params }: { customerId: number; path: string; params: SearchParams }) {
  const t = readTableParams(params, ["occurredAt"] as const, { sort: "occurredAt", dir: "desc" });
  const kinds = await listTimelineKinds(customerId);
  const requested = first(params, "type");
  const kind = kinds.find((k) => k.key === requested);
  const all = kinds.reduce((a, k) => a + k.count, 0);
  const page = await pageCustomerTimeline(customerId, { page: t.page, pageSize: t.pageSize, kind: kind?.key });
  return (
    <Section title="Timeline" description="Shop events (views, carts, purchases, ratings, returns) and campaign impressions, clicks and conversions, newest first.">
      {all === 0 ? (
        <EmptyState title="Nothing recorded yet">No events or campaign events name this customer.</EmptyState>
      ) : (
        <>
          <div role="group" aria-label="Filter the timeline by kind" className="mb-3 flex flex-wrap gap-1">
            {[{ key: undefined as string | undefined, label: "All", count: all }, ...kinds.map((k) => ({ key: k.key, label: kindLabel(k.source, k.type), count: k.count }))].map((x) => (
              <Link
                key={x.key ?? "all"}
                href={hrefWith(path, params, { type: x.key, page: undefined })}
                aria-current={kind?.key === x.key ? "true" : undefined}
                className={`rounded-full border px-2.5 py-0.5 text-xs ${kind?.key === x.key ? "border-indigo-600 bg-indigo-50 text-indigo-700" : "border-slate-300 text-slate-600 hover:bg-slate-100"}`}
              >
                {x.label} ({fmt.integer(x.count)})
              </Link>
            ))}
          </div>
          <DataTable caption="Timeline, newest first" testId="customer-timeline" columns={COLUMNS} rows={page.rows} rowKey={(r) => `${r.source}-${r.id}`} path={path} params={params} />
          <Pagination page={t.page} pageSize={t.pageSize} total={page.total} path={path} params={params} format={fmt.integer} />
        </>
      )}
    </Section>
  );
}
