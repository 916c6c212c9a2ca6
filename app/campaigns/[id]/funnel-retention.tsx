import { Section } from "@/components/ui/page-header";
import type { RepeatShare } from "@/lib/analytics/repeat-purchase";
import type { CampaignReport } from "@/lib/services/campaigns/report";
import { fmt } from "../../formatting";

function shareText(s: RepeatShare): string {
  if (s.share === null || !s.interval) return `– (${s.reason})`;
  return `${fmt.percent(s.share, 1)} of ${fmt.integer(s.eligible)} (95%: ${fmt.percent(s.interval.low, 1)}–${fmt.percent(s.interval.high, 1)})`;
}

export function FunnelAndRetention({ report }: { report: CampaignReport }) {
  const top = report.funnel?.[0]?.count ?? 0;
  return (
    <div className="grid gap-0 lg:grid-cols-2 lg:gap-6">
      <Section title="Funnel" description={report.funnelNote}>
        <ol className="space-y-2" data-testid="campaign-funnel">
          {(report.funnel ?? []).map((s) => (
            <li key={s.step}>
              <div className="flex justify-between text-sm">
                <span className="font-medium">{s.label}</span>
                <span className="tabular-nums">
                  {fmt.integer(s.count)}
                  {s.fromPrevious !== null ? <span className="text-slate-500"> · {fmt.percent(s.fromPrevious, s.fromPrevious < 0.1 ? 2 : 1)} of the step before</span> : null}
                </span>
              </div>
              <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden="true">
                <div className="h-2 rounded bg-indigo-500" style={{ width: `${top > 0 ? Math.max(0.5, (100 * s.count) / top) : 0}%` }} />
              </div>
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Repeat purchases" description={report.retentionNote}>
        {report.retention ? (
          <table className="min-w-full text-sm" data-testid="campaign-retention">
            <caption className="sr-only">Share of customers who bought again</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-2 py-2 font-medium">Bought again within</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">Customers it converted</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">Customers it did not reach</th>
              </tr>
            </thead>
            <tbody>
              {report.retention.converted.map((s, i) => (
                <tr key={s.days} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-2 text-left font-medium">{s.days} days</th>
                  <td className="px-2 py-2 text-right tabular-nums">{shareText(s)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{shareText(report.retention!.notReached[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">Not available.</p>
        )}
      </Section>
    </div>
  );
}
