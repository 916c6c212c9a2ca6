import Link from "next/link";
import { isoDay, PRESETS, DAY_MS, type ResolvedRange } from "@/lib/analytics/date-range";
import { hrefWith, type SearchParams } from "@/lib/url-state";

/** Presets as links and a custom range as a GET form: keyboard-usable and kept in the URL. */
export function DateRangeControl({ path, params, range, anchorLabel }: { path: string; params: SearchParams; range: ResolvedRange; anchorLabel: string }) {
  const lastDay = isoDay(new Date(range.to.getTime() - DAY_MS));
  return (
    <div className="flex flex-col items-end gap-2" data-testid="date-range-control">
      <div role="group" aria-label="Date range presets" className="flex flex-wrap justify-end gap-1">
        {PRESETS.map((p) => {
          const active = range.preset === p.key;
          return (
            <Link
              key={p.key}
              href={hrefWith(path, params, { range: p.key, from: undefined, to: undefined, page: undefined })}
              aria-current={active ? "true" : undefined}
              className={`rounded-md border px-2.5 py-1 text-xs font-medium ${active ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {p.label}
            </Link>
          );
        })}
      </div>
      <form method="get" className="flex flex-wrap items-end justify-end gap-2 text-xs">
        {Object.entries(params).map(([k, v]) => {
          const s = Array.isArray(v) ? v[0] : v;
          return ["from", "to", "range", "page"].includes(k) || !s ? null : <input key={k} type="hidden" name={k} value={s} />;
        })}
        <label className="flex flex-col text-slate-600">
          From
          <input type="date" name="from" defaultValue={isoDay(range.from)} required className="rounded-md border border-slate-300 px-2 py-1 text-slate-900" />
        </label>
        <label className="flex flex-col text-slate-600">
          To
          <input type="date" name="to" defaultValue={lastDay} required className="rounded-md border border-slate-300 px-2 py-1 text-slate-900" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700">Apply</button>
      </form>
      <p className="text-xs text-slate-500">{anchorLabel}</p>
    </div>
  );
}
