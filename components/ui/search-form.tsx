import type { SearchParams } from "@/lib/url-state";

/** A GET form: searching resets to page 1 and keeps the other URL state (sort, tab, range). */
export function SearchForm({ label, value, params, keep }: { label: string; value: string; params: SearchParams; keep: readonly string[] }) {
  return (
    <form method="get" role="search" className="flex items-center gap-2">
      {keep.map((k) => {
        const v = params[k];
        const s = Array.isArray(v) ? v[0] : v;
        return s ? <input key={k} type="hidden" name={k} value={s} /> : null;
      })}
      <label className="sr-only" htmlFor="table-search">{label}</label>
      <input id="table-search" name="q" type="search" defaultValue={value} placeholder={label} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Search</button>
    </form>
  );
}
