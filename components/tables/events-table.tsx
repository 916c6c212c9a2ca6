import Link from "next/link";
import { fmt } from "@/app/formatting";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import type { PiiView } from "@/lib/auth/mask";
import { listEventTypes, listRecentEvents, type EventRow } from "@/lib/db/events";
import { first, hrefWith, readTableParams, type SearchParams } from "@/lib/url-state";

/** The newest events first, filterable by type. */
export async function EventsTable({ path, params, pii }: { path: string; params: SearchParams; pii: PiiView }) {
  const t = readTableParams(params, ["occurredAt"] as const, { sort: "occurredAt", dir: "desc" });
  const types = await listEventTypes();
  const requested = first(params, "type");
  const type = types.some((x) => x.type === requested) ? requested : undefined;
  const page = await listRecentEvents({ page: t.page, pageSize: t.pageSize, type });
  const columns: Column<EventRow>[] = [
    { header: "When (UTC)", render: (r) => fmt.dateTime(r.occurredAt) },
    { header: "Type", render: (r) => r.type.replace(/_/g, " ") },
    { header: "Customer", render: (r) => (r.customer ? `${pii.name(r.customer.name) ?? ""} (${r.customer.externalId})` : "Guest") },
    { header: "Product", render: (r) => r.product?.name ?? "–" },
    { header: "Qty", align: "right", render: (r) => fmt.integer(r.quantity) },
    { header: "Revenue", align: "right", render: (r) => (r.revenue ? fmt.money(r.revenue) : "–") },
    { header: "Rating", align: "right", render: (r) => r.rating ?? "–" },
    { header: "Order", render: (r) => <span className="font-mono text-xs">{r.orderId ?? "–"}</span> },
  ];
  return (
    <div>
      <div role="group" aria-label="Filter by event type" className="mb-3 flex flex-wrap gap-1">
        {[{ type: undefined as string | undefined, count: types.reduce((a, x) => a + x.count, 0) }, ...types].map((x) => (
          <Link
            key={x.type ?? "all"}
            href={hrefWith(path, params, { type: x.type, page: undefined })}
            aria-current={type === x.type ? "true" : undefined}
            className={`rounded-full border px-2.5 py-0.5 text-xs ${type === x.type ? "border-indigo-600 bg-indigo-50 text-indigo-700" : "border-slate-300 text-slate-600 hover:bg-slate-100"}`}
          >
            {x.type ? x.type.replace(/_/g, " ") : "All"} ({fmt.integer(x.count)})
          </Link>
        ))}
      </div>
      {page.total === 0 ? (
        <EmptyState title="No events yet">Load the demo shop with npm run seed.</EmptyState>
      ) : (
        <>
          <DataTable caption="Events, newest first" testId="events-table" columns={columns} rows={page.rows} rowKey={(r) => r.id} path={path} params={params} />
          <Pagination page={t.page} pageSize={t.pageSize} total={page.total} path={path} params={params} format={fmt.integer} />
        </>
      )}
    </div>
  );
}
