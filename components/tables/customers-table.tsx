import Link from "next/link";
import { fmt } from "@/app/formatting";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import type { PiiView } from "@/lib/auth/mask";
import { maskRow } from "@/lib/auth/mask";
import { CUSTOMER_SORTS, getCustomerActivity, listCustomers, type CustomerActivity, type CustomerRow } from "@/lib/db/customers";
import { readTableParams, type SearchParams } from "@/lib/url-state";

type Row = CustomerRow & { activity?: CustomerActivity };

/** Customers, paginated, sortable and searchable; with purchase activity for the rows shown. */
export async function CustomersTable({ path, params, keep, pii }: { path: string; params: SearchParams; keep: readonly string[]; pii: PiiView }) {
  const read = readTableParams(params, CUSTOMER_SORTS, { sort: "externalId", dir: "asc" });
  // Sorted by a masked name, the order would give the names away.
  const t = !pii.clear && read.sort === "name" ? { ...read, sort: "externalId" as const } : read;
  const page = await listCustomers({ ...t, searchPii: pii.clear });
  const activity = await getCustomerActivity(page.rows.map((r) => r.id));
  const rows: Row[] = page.rows.map((r) => ({ ...maskRow(r, pii), activity: activity.get(r.id) }));
  const columns: Column<Row>[] = [
    { header: "ID", sortKey: "externalId", render: (r) => <Link href={`/customers/${r.id}`} prefetch={false} className="font-mono text-xs text-indigo-700 underline">{r.externalId}</Link> },
    { header: "Name", sortKey: pii.clear ? "name" : undefined, render: (r) => r.name ?? "–" },
    { header: "Country", sortKey: "country", render: (r) => [r.city, r.country].filter(Boolean).join(", ") || "–" },
    { header: "Age", sortKey: "age", align: "right", render: (r) => (r.age ?? "–") },
    { header: "Income", sortKey: "income", align: "right", render: (r) => (r.income === null ? "–" : fmt.moneyWhole(r.income)) },
    { header: "Signed up", sortKey: "signupAt", render: (r) => (r.signupAt ? fmt.day(r.signupAt) : "–") },
    { header: "Orders", align: "right", render: (r) => fmt.integer(r.activity?.orders ?? 0) },
    { header: "Revenue", align: "right", render: (r) => fmt.money(r.activity?.revenue ?? 0) },
    { header: "Last purchase", render: (r) => (r.activity?.lastPurchaseAt ? fmt.day(r.activity.lastPurchaseAt) : "never") },
  ];
  return (
    <div>
      <div className="mb-3 flex justify-end">
        <SearchForm label={pii.clear ? "Search id, name, email, city" : "Search id, city, country"} value={t.q} params={params} keep={[...keep, "sort", "dir"]} />
      </div>
      {page.total === 0 ? (
        <EmptyState title={t.q ? `No customer matches “${t.q}”` : "No customers yet"}>
          {t.q ? "Try part of a name, an id or a city." : "Load the demo shop with npm run seed."}
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Customers" testId="customers-table" columns={columns} rows={rows} rowKey={(r) => r.id} path={path} params={params} sort={t.sort} dir={t.dir} />
          <Pagination page={t.page} pageSize={t.pageSize} total={page.total} path={path} params={params} format={fmt.integer} />
        </>
      )}
    </div>
  );
}
