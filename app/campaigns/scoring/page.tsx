import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { listScoringRuns, loadScoringRun } from "@/lib/services/scoring/serving";
import { SCORING_RUN_KIND } from "@/lib/services/scoring/training";
import { TARGET_NOUN } from "@/lib/services/scoring/training-data";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { MODEL_LABEL, ModelDrivers, ModelTable } from "./tables";
import { ScoringTrainForm } from "./train-form";

export const metadata: Metadata = { title: "Response scoring" };
export const dynamic = "force-dynamic";



export default async function ScoringPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/scoring");
  const sp = await searchParams;
  const asked = Number(first(sp, "run"));
  const [runs, running] = await Promise.all([listScoringRuns(), activeJobView(SCORING_RUN_KIND)]);
  const completed = runs.filter((r) => r.status === "completed");
  const runId = Number.isInteger(asked) && completed.some((r) => r.id === asked) ? asked : completed[0]?.id;
  const run = runId === undefined ? null : await loadScoringRun(runId);
  const r = run?.result;
  const noun = r ? TARGET_NOUN[r.settings.target] : null;
  return (
    <>
      <PageHeader
        title="Response scoring"
        description={
          <>
            Who is likely to click or convert: models trained on every impression (or click) of your campaigns, judged on rows they never saw, with the reasons behind each score.{" "}
            <Link href="/campaigns/targeting" className="text-indigo-700 hover:underline">Target an audience</Link> ·{" "}
            <Link href="/campaigns/scoring/file" className="text-indigo-700 hover:underline">Score a CSV file</Link> ·{" "}
            <Link href="/campaigns/scoring/daily" className="text-indigo-700 hover:underline">Campaigns with daily reports only</Link> ·{" "}
            <Link href="/campaigns" className="text-indigo-700 hover:underline">All campaigns</Link>
          </>
        }
      />
      {first(sp, "run") && run?.id !== asked ? <Notice tone="warning">There is no completed scoring run {first(sp, "run")}; showing the latest.</Notice> : null}
      <Section title="Train" description="Training runs in the background; on the demo shop it takes under a minute.">
        {can(caller.role, "models:train") ? <ScoringTrainForm runningId={running?.id ?? null} /> : <p className="text-sm text-slate-600">An analyst or admin can train the models.</p>}
      </Section>
      {!r || !noun ? (
        <EmptyState title="No response models trained yet">
          Train them above: they learn from every campaign impression of a known customer (or every click, to predict conversions), so import campaign events with customer ids first if you have not.
        </EmptyState>
      ) : (
        <>
          <Section
            title={`Predicting ${noun.one} — run ${run!.id}`}
            description={`Trained ${fmt.dateTime(run!.finishedAt)} on ${fmt.integer(r.rows.train)} ${noun.exposure} (${fmt.integer(r.positives.train)} ${noun.many}), tested on ${fmt.integer(r.rows.test)} (${fmt.integer(r.positives.test)} ${noun.many}) ${r.settings.split === "time" ? "— the latest ones" : "picked at random"}; data up to ${r.asOf}. Best: ${MODEL_LABEL[r.best]}.`}
          >
            <p className="mb-3 text-sm">
              <Link href={`/campaigns/scoring/fairness?run=${run!.id}`} className="font-medium text-indigo-700 hover:underline">Fairness of these scores</Link>: selection rates, error rates and calibration by gender, age band and country.
            </p>
            <ModelTable result={r} labels={MODEL_LABEL} />
          </Section>
          {r.evaluations.map((e) => (
            <ModelDrivers key={e.kind} evaluation={e} label={MODEL_LABEL[e.kind]!} noun={noun.many} />
          ))}
          {completed.length > 1 ? (
            <Section title="Earlier runs">
              <DataTable path="/campaigns/scoring" params={{}}
                caption="Completed scoring runs"
                testId="scoring-runs"
                rows={completed}
                rowKey={(x) => x.id}
                columns={[
                  { header: "Run", render: (x) => (x.id === run!.id ? `${x.id} (shown)` : <Link href={`/campaigns/scoring?run=${x.id}`} className="text-indigo-700 hover:underline">{x.id}</Link>) },
                  { header: "Finished", render: (x) => (x.finishedAt ? fmt.dateTime(x.finishedAt) : "–") },
                ]}
              />
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
