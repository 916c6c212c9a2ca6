import Link from "next/link";
import { HEAT_METRIC_LABEL } from "@/lib/analytics/campaign-rollup";
import type { Heatmap } from "@/lib/services/campaigns/breakdown";
import { fmt } from "../formatting";

// Rates shade from white to indigo by their share of the grid's largest; ROI diverges from zero, red for
// money lost and green for money made, so "pays off here, loses there" reads at a glance.
function shade(value: number, metric: Heatmap["metric"], max: number): string {
  if (metric === "roi") {
    const a = Math.min(1, Math.abs(value) / Math.max(1e-9, max));
    return value >= 0 ? `rgba(22, 163, 74, ${0.12 + 0.6 * a})` : `rgba(220, 38, 38, ${0.12 + 0.6 * a})`;
  }
  return `rgba(79, 70, 229, ${0.08 + 0.7 * (max > 0 ? value / max : 0)})`;
}

export function CampaignHeatmap({ map, groupTitle }: { map: Heatmap; groupTitle: string }) {
  const judged = map.cells.flat().filter((c) => c.judged && c.value !== null);
  const max = Math.max(0, ...judged.map((c) => Math.abs(c.value!)));
  const format = (v: number) => (map.metric === "roi" ? fmt.percent(v, 0) : fmt.percent(v, map.metric === "ctr" ? 2 : 1));
  return (
    <div className="overflow-x-auto" data-testid="campaign-heatmap">
      <table className="text-sm">
        <caption className="mb-2 text-left text-xs text-slate-500">
          {HEAT_METRIC_LABEL[map.metric]} by campaign and {groupTitle.toLowerCase()}. Grey cells have too few impressions (or clicks) to judge; hover or focus one for why.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-500">Campaign</th>
            {map.groups.map((g) => (
              <th key={g} scope="col" className="px-2 py-1 text-right text-xs font-medium text-slate-500">{g}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.campaigns.map((c, i) => (
            <tr key={c.id}>
              <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                <Link href={`/campaigns/${c.id}`} className="text-indigo-700 hover:underline">{c.name}</Link>
              </th>
              {map.cells[i]!.map((cell, j) => {
                const text = cell.value === null ? "–" : format(cell.value);
                const label = `${c.name}, ${map.groups[j]}: ${text}${cell.note ? ` (${cell.note})` : ""}`;
                return (
                  <td
                    key={map.groups[j]}
                    title={cell.note ?? undefined}
                    aria-label={label}
                    tabIndex={cell.note ? 0 : undefined}
                    data-judged={cell.judged ? "yes" : "no"}
                    className={`px-2 py-1 text-right tabular-nums ${cell.judged ? "text-slate-900" : "bg-slate-100 text-slate-400"}`}
                    style={cell.judged && cell.value !== null ? { backgroundColor: shade(cell.value, map.metric, max) } : undefined}
                  >
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
