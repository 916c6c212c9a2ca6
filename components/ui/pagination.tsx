import Link from "next/link";
import { hrefWith, type SearchParams } from "@/lib/url-state";

export function Pagination({ page, pageSize, total, path, params, format }: { page: number; pageSize: number; total: number; path: string; params: SearchParams; format: (n: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const firstRow = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastRow = Math.min(total, page * pageSize);
  const link = (p: number, label: string, disabled: boolean) =>
    disabled ? (
      <span className="rounded-md border border-slate-200 px-3 py-1.5 text-slate-400" aria-disabled="true">{label}</span>
    ) : (
      <Link href={hrefWith(path, params, { page: p === 1 ? undefined : p })} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
        {label}
      </Link>
    );
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="pagination-summary">
        {format(firstRow)}–{format(lastRow)} of {format(total)} · page {format(Math.min(page, pages))} of {format(pages)}
      </p>
      <div className="flex gap-2">
        {link(1, "First", page <= 1)}
        {link(page - 1, "Previous", page <= 1)}
        {link(page + 1, "Next", page >= pages)}
        {link(pages, "Last", page >= pages)}
      </div>
    </nav>
  );
}
