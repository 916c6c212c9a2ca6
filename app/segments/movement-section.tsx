import { Notice, Section } from "@/components/ui/page-header";
import type { RfmMovementSummary } from "@/lib/services/segments/rfm";
import { fmt } from "../formatting";

/** The two-date form, and where each segment's customers went (computed only when asked: two scorings). */
export function MovementSection({ from, to, movement, error }: { from: string; to: string; movement: RfmMovementSummary | null; error: string | null }) {
  return (
    <Section title="How customers moved" description="Score the base at two dates and follow each customer from their segment at the first to the second.">
      <form method="get" action="/segments" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label>
          First date <input type="date" name="rfmFrom" defaultValue={from} className="ml-1 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label>
          Second date <input type="date" name="rfmTo" defaultValue={to} className="ml-1 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">Compare</button>
      </form>
      {error ? <Notice tone="warning">{error}</Notice> : null}
      {movement ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="rfm-movement">
            <caption className="sr-only">Movement between RFM segments from {movement.from} to {movement.to}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-3 py-2 font-medium">On {movement.from}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Customers</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Still there on {movement.to}</th>
                <th scope="col" className="px-3 py-2 font-medium">Moved to</th>
              </tr>
            </thead>
            <tbody>
              {movement.rows.filter((r) => r.customers > 0).map((r) => (
                <tr key={r.segment} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{r.segment}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(r.customers)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.percent(r.stayed / r.customers, 0)}</td>
                  <td className="px-3 py-2 text-slate-700">{r.moves.slice(0, 3).map((m) => `${m.to} ${fmt.percent(m.share, 0)}`).join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">{fmt.integer(movement.arrived)} customers made their first purchase between the two dates and are not in the table.</p>
        </div>
      ) : null}
    </Section>
  );
}
