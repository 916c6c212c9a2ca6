import Link from "next/link";
import { fmt } from "@/app/formatting";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { getCatalogueSales, listCategories, listProducts, PRODUCT_SORTS, type ProductRow, type ProductSales } from "@/lib/db/products";
import { first, hrefWith, readTableParams, type SearchParams } from "@/lib/url-state";

type Row = ProductRow & { sales?: ProductSales };

/** Products, paginated, sortable, searchable and filterable by category; with all-time sales. */
export async function ProductsTable({ path, params, keep }: { path: string; params: SearchParams; keep: readonly string[] }) {
  const t = readTableParams(params, PRODUCT_SORTS, { sort: "name", dir: "asc" });
  const category = first(params, "category");
  const [page, categories, sales] = await Promise.all([listProducts({ ...t, category }), listCategories(), getCatalogueSales()]);
  const rows: Row[] = page.rows.map((r) => ({ ...r, sales: sales.get(r.id) }));
  const columns: Column<Row>[] = [
    { header: "SKU", sortKey: "externalId", render: (r) => <span className="font-mono text-xs">{r.externalId}</span> },
    { header: "Name", sortKey: "name", render: (r) => <Link href={`/products/${r.id}`} prefetch={false} className={`underline decoration-slate-300 hover:decoration-indigo-500 ${r.isActive ? "" : "text-slate-400"}`}>{r.name}{r.isActive ? "" : " (inactive)"}</Link> },
    { header: "Category", sortKey: "category", render: (r) => r.category ?? "–" },
    { header: "Price", sortKey: "price", align: "right", render: (r) => (r.price === null ? "–" : fmt.money(r.price)) },
    { header: "Buyers", align: "right", render: (r) => fmt.integer(r.sales?.buyers ?? 0) },
    { header: "Units sold", align: "right", render: (r) => fmt.integer(r.sales?.units ?? 0) },
    { header: "Revenue", align: "right", render: (r) => fmt.money(r.sales?.revenue ?? 0) },
  ];
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Filter by category" className="flex flex-wrap gap-1">
          <CategoryLink path={path} params={params} value={undefined} label="All" active={!category} />
          {categories.map((c) => (
            <CategoryLink key={c.category} path={path} params={params} value={c.category} label={`${c.category} (${fmt.integer(c.products)})`} active={category === c.category} />
          ))}
        </div>
        <SearchForm label="Search SKU, name, description" value={t.q} params={params} keep={[...keep, "sort", "dir", "category"]} />
      </div>
      {page.total === 0 ? (
        <EmptyState title={t.q ? `No product matches “${t.q}”` : "No products yet"}>{t.q ? "Try another word." : "Load the demo shop with npm run seed."}</EmptyState>
      ) : (
        <>
          <DataTable caption="Products" testId="products-table" columns={columns} rows={rows} rowKey={(r) => r.id} path={path} params={params} sort={t.sort} dir={t.dir} />
          <Pagination page={t.page} pageSize={t.pageSize} total={page.total} path={path} params={params} format={fmt.integer} />
        </>
      )}
    </div>
  );
}

function CategoryLink({ path, params, value, label, active }: { path: string; params: SearchParams; value: string | undefined; label: string; active: boolean }) {
  return (
    <Link
      href={hrefWith(path, params, { category: value, page: undefined })}
      aria-current={active ? "true" : undefined}
      className={`rounded-full border px-2.5 py-0.5 text-xs ${active ? "border-indigo-600 bg-indigo-50 text-indigo-700" : "border-slate-300 text-slate-600 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
}
