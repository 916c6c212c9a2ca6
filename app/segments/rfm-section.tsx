import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Section } from "@/components/ui/page-header";
import type { RfmSegmentSummary, RfmSummary } from "@/lib/services/segments/rfm";
import type { SearchParams } from "@/lib/url-state";
import { RFM_SEGMENTS } from "@/lib/ml/rfm";
import { rfmSegmentRule } from "@/lib/segments/rfm-rule";
import { fmt } from "../formatting";
import { SaveRuleButton } from "./save-rule-button";

/** RFM segments with their rules, and the recency × frequency grid. */
/** `canSave`: the viewer may save segments (the action checks again). */
export function RfmSection({ summary, params, canSave }: { summary: RfmSummary; params: SearchParams; canSave: boolean }) {
  if (summary.customers === 0) {
    return (
      <Section title="RFM segments">
        <EmptyState title="No purchases yet">
          RFM scores customers by their purchases. <Link href="/data/import" className="text-indigo-700 underline">Import orders or transactions</Link> and they appear here.
        </EmptyState>
      </Section>
    );
  }
  const description = `Recency, frequency and monetary value scored 1–5 by quintile, as of ${summary.asOf}, for the ${fmt.integer(summary.customers)} customers with a purchase. Each customer gets the first segment whose rule matches their R and F scores. Customers with the same value share a score, so when many share one (most shops' one-order customers) some scores stay empty.`;
  const asOf = Date.parse(`${summary.asOf}T00:00:00Z`);
  return (
    <Section title="RFM segments" description={description}>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <DataTable<RfmSegmentSummary>
          caption="RFM segments"
          testId="rfm-segments"
          path="/segments"
          params={params}
          rows={summary.segments}
          rowKey={(s) => s.name}
          columns={[
            { header: "Segment", render: (s) => <span title={s.description}><span className="font-medium">{s.name}</span><span className="block text-xs text-slate-500">{s.description}</span></span> },
            { header: "Rule", render: (s) => <span className="whitespace-nowrap tabular-nums">{s.rule}</span> },
            { header: "Customers", align: "right", render: (s) => fmt.integer(s.customers) },
            { header: "Share", align: "right", render: (s) => fmt.percent(s.share, 1) },
            { header: "Revenue share", align: "right", render: (s) => fmt.percent(s.revenueShare, 1) },
            { header: "Median days since purchase", align: "right", render: (s) => (s.customers ? fmt.integer(s.medianRecencyDays) : "–") },
            { header: "Median orders", align: "right", render: (s) => (s.customers ? fmt.integer(s.medianOrders) : "–") },
            { header: "Save", hideHeader: true, render: (s) => (s.customers && canSave ? <SaveRuleButton what={s.name} name={`${s.name} (RFM as of ${summary.asOf})`} rule={rfmSegmentRule(RFM_SEGMENTS.findIndex((g) => g.name === s.name), summary.cuts, asOf)} /> : null) },
          ]}
        />
        <RfGrid summary={summary} />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        &ldquo;Save as segment&rdquo; saves an RFM segment as an editable rule: the orders and last-purchase dates its R and F scores stood for on {summary.asOf}. The rule keeps those cut points, so members change as their own purchases change, not as the rest of the base moves; recency is cut at whole days, so the saved count can differ slightly from this table.
      </p>
    </Section>
  );
}

function RfGrid({ summary }: { summary: RfmSummary }) {
  const max = Math.max(1, ...summary.grid.flat());
  return (
    <figure>
      <table className="w-full text-center text-xs tabular-nums" data-testid="rfm-grid">
        <caption className="mb-2 text-left text-sm font-medium text-slate-700">Customers by recency (R) and frequency (F) score</caption>
        <thead>
          <tr>
            <th scope="col" className="p-1 text-slate-500">R \ F</th>
            {[1, 2, 3, 4, 5].map((f) => (
              <th key={f} scope="col" className="p-1 text-slate-500">F {f}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row" className="p-1 text-slate-500">R {r}</th>
              {summary.grid[r - 1]!.map((count, i) => {
                const share = count / max;
                return (
                  <td key={i} className={`rounded p-2 ${share > 0.55 ? "text-white" : "text-slate-800"}`} style={{ backgroundColor: `rgba(79, 70, 229, ${(0.08 + 0.85 * share).toFixed(2)})` }}>
                    {fmt.integer(count)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="mt-2 text-xs text-slate-500">R 5 bought most recently; F 5 bought most often. Darker cells hold more customers.</figcaption>
    </figure>
  );
}
