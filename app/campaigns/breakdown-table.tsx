import type { RollUpRow } from "@/lib/analytics/campaign-rollup";
import { fmt } from "../formatting";
import { FigureText, percentOf, times } from "./figures";

/** The same metrics for every group of a breakdown (channel, RFM segment, age band, …). */
export function BreakdownTable({ title, rows, testId }: { title: string; rows: readonly RollUpRow[]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">Campaign performance by {title.toLowerCase()}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            {[title, "Campaigns", "Impressions", "Clicks", "CTR (95% interval)", "Conversions", "Conv. rate", "Cost", "Revenue", "CPC", "CPA", "CPM", "ROAS", "ROI"].map((h, i) => (
              <th key={h} scope="col" className={`px-3 py-2 font-medium ${i > 0 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-b border-slate-100">
              <th scope="row" className="px-3 py-2 text-left font-medium">{r.label}</th>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(r.campaigns)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(r.impressions)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(r.clicks)}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                <FigureText figure={r.kpis.ctr} format={percentOf(2)} />
                {r.kpis.ctr.interval ? <div className="text-xs text-slate-500">{fmt.percent(r.kpis.ctr.interval.low, 2)}–{fmt.percent(r.kpis.ctr.interval.high, 2)}</div> : null}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(r.conversions)}</td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.conversionRate} format={percentOf(1)} /></td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.money(r.cost)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.money(r.revenue)}</td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.cpc} format={fmt.money} /></td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.cpa} format={fmt.money} /></td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.cpm} format={fmt.money} /></td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.roas} format={times} /></td>
              <td className="px-3 py-2 text-right tabular-nums"><FigureText figure={r.kpis.roi} format={percentOf(0)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
