import type { Metadata } from "next";
import Link from "next/link";
import { EvaluationChart } from "@/components/charts/evaluation-chart";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { DAY_MS } from "@/lib/days";
import { getEventSpan } from "@/lib/db/overview";
import { lastImportAt } from "@/lib/db/imports";
import { activeJobView } from "@/lib/services/jobs/job-view";
import type { AlgorithmScores } from "@/lib/ml/recs/eval/evaluate";
import { RECOMMENDERS } from "@/lib/ml/recs/registry";
import { EVALUATION_RUN_KIND, type EvaluationResult, latestEvaluation } from "@/lib/services/recs/evaluation";
import { fmt } from "../../formatting";
import { EvaluateForm } from "./evaluate-form";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Evaluate recommenders" };
export const dynamic = "force-dynamic";


export default async function EvaluationPage() {
  const caller = await requirePage("dashboards:read", "/recommendations/evaluation");
  const [run, running, span, importedAt] = await Promise.all([latestEvaluation(), activeJobView(EVALUATION_RUN_KIND), getEventSpan(), lastImportAt()]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request, so the request time is the intended input, not an unstable re-render value.
  const defaultTestFrom = new Date((span.last ? Math.floor(span.last.getTime() / DAY_MS) + 1 : Math.floor(Date.now() / DAY_MS)) * DAY_MS - 30 * DAY_MS).toISOString().slice(0, 10);
  const algorithms = Object.entries(RECOMMENDERS).map(([name, r]) => ({ name, summary: r!.summary }));
  return (
    <>
      <PageHeader title="Evaluate recommenders" description="How well each algorithm predicts what your customers went on to buy: trained on the past, scored on held-out purchases." />
      <p className="mb-4 text-sm">
        <Link href="/recommendations" className="text-indigo-700 underline">Back to recommendations</Link>
        {" · "}<Link href="/recommendations/fairness" className="text-indigo-700 underline">Fairness across customer groups</Link>
        {" · "}Every metric is defined exactly in <code>docs/recommendations.md</code>.
      </p>
      <Section title="Run an evaluation">
        {can(caller.role, "models:train") ? <EvaluateForm algorithms={algorithms} defaultTestFrom={defaultTestFrom} runningId={running?.id ?? null} /> : <p className="text-sm text-slate-600">An analyst or admin can run an evaluation; your role reads the results.</p>}
      </Section>
      <Section title="Results" description={run ? describe(run.result, run.finishedAt) : undefined}>
        {!run ? (
          <EmptyState title="No evaluation yet">Choose a split and the algorithms above, then Evaluate. On the demo shop it takes under a minute.</EmptyState>
        ) : (
          <>
            {importedAt && importedAt > run.finishedAt ? <Notice tone="warning">Data was imported after this evaluation ({fmt.dateTime(importedAt)}); run it again to include it.</Notice> : null}
            <Results result={run.result} />
          </>
        )}
      </Section>
    </>
  );
}

function describe(r: EvaluationResult, at: Date): string {
  const s = r.settings;
  const split = s.split === "time" ? `trained on events before ${s.testFrom ?? "the last 30 days"}, tested on the rest` : `${Math.round((s.fraction ?? 0.25) * 100)}% of each customer's items held out at random (seed ${s.seed})`;
  const hits = s.relevance === "new-items" ? "only items new to the customer count as hits" : "every test purchase counts, repeats included";
  return `Run ${fmt.dateTime(at)}: ${split}; ${hits}; top ${s.k} for ${fmt.integer(r.users)} customers (${fmt.integer(r.trainInteractions)} training and ${fmt.integer(r.testInteractions)} test interactions over ${fmt.integer(r.items)} products).`;
}

function Results({ result }: { result: EvaluationResult }) {
  const ok = result.rows.filter((r): r is AlgorithmScores => r.ok);
  const failed = result.rows.filter((r) => !r.ok);
  const k = result.settings.k;
  const best = ok.reduce<AlgorithmScores | null>((b, r) => (!b || r.ndcg > b.ndcg ? r : b), null);
  const f = (v: number) => v.toFixed(4);
  return (
    <>
      {best ? <p className="mb-2 text-sm" data-testid="best-algorithm">Best by nDCG@{k}: <strong>{best.name}</strong> ({f(best.ndcg)}).</p> : null}
      <EvaluationChart rows={ok.map((r) => ({ name: r.name, ndcg: r.ndcg, precision: r.precision, recall: r.recall, map: r.map }))} k={k} />
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full text-sm tabular-nums" data-testid="evaluation-table">
          <caption className="sr-only">Metrics for each algorithm</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              {["Algorithm", `nDCG@${k}`, `Precision@${k}`, `Recall@${k}`, `MAP@${k}`, "Hit rate", "Coverage", "Popularity bias", "Fit (s)", "Recommend (s)"].map((h, i) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${i ? "text-right" : ""}`}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ok.map((r) => (
              <tr key={r.name} className={`border-b border-slate-100 ${r === best ? "font-semibold" : ""}`}>
                <th scope="row" className="px-3 py-2 text-left">{r.name}</th>
                {[f(r.ndcg), f(r.precision), f(r.recall), f(r.map), f(r.hitRate), fmt.percent(r.coverage, 1), typeof r.popularityBias === "number" && Number.isFinite(r.popularityBias) ? r.popularityBias.toFixed(2) : "–", r.fitSeconds.toFixed(2), r.recommendSeconds.toFixed(2)].map((v, i) => (
                  <td key={i} className="px-3 py-2 text-right">{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failed.length ? <p className="mt-2 text-sm text-slate-600">Could not be evaluated: {failed.map((r) => `${r.name} (${"error" in r ? r.error : ""})`).join("; ")}.</p> : null}
      <p className="mt-2 text-xs text-slate-500">Coverage is the share of the catalogue that appears in anyone&rsquo;s list; popularity bias is the mean popularity percentile of recommended items (1 = only best sellers).</p>
    </>
  );
}
