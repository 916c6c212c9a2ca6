import Link from "next/link";
import { Section } from "@/components/ui/page-header";
import { ATTRIBUTION_MODELS } from "@/lib/analytics/attribution";
import { MODEL_LABEL, MODEL_NOTE, type AttributionResult } from "@/lib/services/campaigns/attribution";
import { fmt } from "../../formatting";

const roasText = (row: { roas: number | null; attributable: boolean }) => (!row.attributable ? "– (no customer-level touches)" : row.roas === null ? "– (no cost)" : `${row.roas.toFixed(2)}×`);
const NOT_ATTRIBUTABLE = "Reports daily totals without customers: its clicks cannot be linked to purchases.";
const cell = "px-3 py-2 text-right tabular-nums";

/** One row per channel or campaign, one column per model: attributed revenue and ROAS. */
export function ModelsSideBySide({ result, dimension, title }: { result: AttributionResult; dimension: "byChannel" | "byCampaign"; title: string }) {
  // Rows are matched by id for campaigns (names need not be unique) and by name for channels (they are).
  const keys = result.models["last-click"][dimension].map((r) => ("id" in r ? (r as { id: number }).id : r.name));
  const find = (m: (typeof ATTRIBUTION_MODELS)[number], key: number | string) => result.models[m][dimension].find((r) => ("id" in r ? (r as { id: number }).id : r.name) === key)!;
  return (
    <Section title={title} description="Attributed revenue (purchases) and ROAS under each model. Markov is data-driven: each row's removal effect over all customer journeys.">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid={`attribution-${dimension === "byChannel" ? "channels" : "campaigns"}`}>
          <caption className="sr-only">Attributed revenue {title.toLowerCase()} under each model</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-3 py-2 font-medium">{dimension === "byChannel" ? "Channel" : "Campaign"}</th>
              {ATTRIBUTION_MODELS.map((m) => (
                <th key={m} scope="col" className="px-3 py-2 text-right font-medium" title={MODEL_NOTE[m]}>{MODEL_LABEL[m]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const first = find("last-click", key);
              return (
                <tr key={key} className="border-b border-slate-100">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{first.name}</th>
                  {first.attributable ? (
                    ATTRIBUTION_MODELS.map((m) => {
                      const row = find(m, key);
                      return (
                        <td key={m} className={cell}>
                          {fmt.money(row.revenue)}
                          <div className="text-xs text-slate-500">{row.purchases.toFixed(1)} purchases · ROAS {roasText(row)}</div>
                        </td>
                      );
                    })
                  ) : (
                    <td colSpan={ATTRIBUTION_MODELS.length} className="px-3 py-2 text-sm text-slate-500">{NOT_ATTRIBUTABLE}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="font-medium">
              <th scope="row" className="px-3 py-2 text-left">Total</th>
              {ATTRIBUTION_MODELS.map((m) => (
                <td key={m} className={cell}>{fmt.money(result.models[m].totalRevenue)}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </Section>
  );
}

export function ModelDetail({ result, model }: { result: AttributionResult; model: keyof AttributionResult["models"] }) {
  const m = result.models[model];
  return (
    <div className="overflow-x-auto">
      <p className="mb-3 text-sm text-slate-600">{MODEL_NOTE[model]}</p>
      <table className="min-w-full text-sm" data-testid="attribution-detail">
        <caption className="sr-only">{MODEL_LABEL[model]} attribution by campaign</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            {["Campaign", "Channel", "Attributed purchases", "Attributed revenue", "Cost", "ROAS", "Platform-reported conversions", "Platform-reported revenue"].map((h, i) => (
              <th key={h} scope="col" className={`px-3 py-2 font-medium ${i > 1 ? "text-right" : ""}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.byCampaign.map((c) => (
            <tr key={c.id} className="border-b border-slate-100">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/campaigns/${c.id}`} className="text-indigo-700 hover:underline">{c.name}</Link>
              </th>
              <td className="px-3 py-2">{c.channel}</td>
              <td className={cell}>{c.purchases.toFixed(1)}</td>
              <td className={cell}>{fmt.money(c.revenue)}</td>
              <td className={cell}>{fmt.money(c.cost)}</td>
              <td className={cell} title={c.attributable ? undefined : NOT_ATTRIBUTABLE}>{roasText(c)}</td>
              <td className={cell}>{fmt.integer(c.platformConversions)}</td>
              <td className={cell}>{fmt.money(c.platformRevenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
