import Link from "next/link";
import type { ReactNode } from "react";
import { hrefWith, type SearchParams } from "@/lib/url-state";

export interface Column<T> {
  header: string;
  /** When set, the header links to sorting by this key. */
  sortKey?: string;
  align?: "left" | "right";
  /** The header is read by screen readers only (e.g. a column of buttons). */
  hideHeader?: boolean;
  render: (row: T) => ReactNode;
}

interface Props<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  path: string;
  params: SearchParams;
  sort?: string;
  dir?: "asc" | "desc";
  testId?: string;
}

/** A server-rendered table whose sort state is in the URL; works without JavaScript. */
export function DataTable<T>({ caption, columns, rows, rowKey, path, params, sort, dir, testId }: Props<T>) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            {columns.map((c) => {
              const active = c.sortKey !== undefined && c.sortKey === sort;
              const nextDir = active && dir === "asc" ? "desc" : "asc";
              return (
                <th
                  key={c.header}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 font-medium ${c.align === "right" ? "text-right" : ""}`}
                >
                  {c.sortKey ? (
                    <Link href={hrefWith(path, params, { sort: c.sortKey, dir: nextDir, page: undefined })} className="hover:text-slate-900">
                      {c.header}
                      <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                    </Link>
                  ) : c.hideHeader ? (
                    <span className="sr-only">{c.header}</span>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.header} className={`px-3 py-2 ${c.align === "right" ? "text-right tabular-nums" : ""}`}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
