import Link from "next/link";
import { Section } from "@/components/ui/page-header";
import { ATTRIBUTION_MODELS } from "@/lib/analytics/attribution";
import { MODEL_LABEL, MODEL_NOTE, type AttributionResult } from "@/lib/services/campaigns/attribution";
import { fmt } from "../../formatting";

const roasText = (roas: number | null) => (roas === null ? "– (no cost)" : `${roas.toFixed(2)}×`);
const cell = "px-3 py-2 text-right tabular-nums";

/** One row per channel or campaign, one column per model: attributed revenue and ROAS. */
export function ModelsSideBySide({ result, dimension, title }: { result: AttributionResult; dimension: "byChannel" | "byCampaign"; title: string }) {
  const names = result.models["last-click"][dimension].map((r) => r.name);
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
            {names.map((name) => (
              <tr key={name} className="border-b border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-medium">{name}</th>
                {ATTRIBUTION_MODELS.map((m) => {
                  const row = result.models[m][dimension].find((r) => r.name === name)!;
                  return (
                    <td key={m} className={cell}>
                      {fmt.money(row.revenue)}
                      <div className="text-xs text-slate-500">{row.purchases.toFixed(1)} purchases · ROAS {roasText(row.roas)}</div>
                    </td>
                  );
                })}
              </tr>
            ))}
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
              <td className={cell}>{roasText(c.roas)}</td>
              <td className={cell}>{fmt.integer(c.platformConversions)}</td>
              <td className={cell}>{fmt.money(c.platformRevenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
