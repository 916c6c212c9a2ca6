import type { Metadata } from "next";
import Link from "next/link";
import { SettingsWarnings, SummaryList } from "@/components/fairness/report-parts";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { DEFAULT_MIN_GROUP_SIZE, numberSetting, reportOrDefault } from "@/lib/services/fairness/report-settings";
import { FLAG_RATIO, listEvaluations, recommenderFairnessReport, type RecsFairness, type RecsFairnessRequest } from "@/lib/services/recs/fairness";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { RecsFairnessForm, type RecsFairnessFormState } from "./fairness-form";
import { ExposureTables, FlagsTable, NdcgTable } from "./fairness-tables";

export const metadata: Metadata = { title: "Fairness of recommendations" };
export const dynamic = "force-dynamic";

const DEFAULT_MIN = String(DEFAULT_MIN_GROUP_SIZE);
const link = "text-indigo-700 hover:underline";

function readForm(sp: SearchParams, run: number): RecsFairnessFormState {
  return { run: String(run), algorithm: first(sp, "algorithm") ?? "", min: first(sp, "min") || DEFAULT_MIN, attribute: first(sp, "attribute") ?? "" };
}

/** The request the form asks for; a minimum that is not a number is left to its default, with a warning. */
function requestOf(form: RecsFairnessFormState, warnings: string[]): RecsFairnessRequest {
  const minGroupSize = numberSetting(form.min, "minimum group size", DEFAULT_MIN_GROUP_SIZE, warnings);
  return { evaluationId: Number(form.run), algorithm: form.algorithm || undefined, minGroupSize, attribute: form.attribute || undefined };
}

/** The report asked for; when the settings are refused, the message and the report at the defaults. */
function loadReport(request: RecsFairnessRequest) {
  const defaults = { evaluationId: request.evaluationId };
  return reportOrDefault(() => recommenderFairnessReport(request), () => recommenderFairnessReport(defaults), `the best algorithm, groups of ${DEFAULT_MIN} or more, no imported attribute`);
}

export default async function RecsFairnessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/recommendations/fairness");
  const sp = await searchParams;
  const runs = await listEvaluations();
  const header = (
    <PageHeader
      title="Fairness of recommendations"
      description={
        <>
          Whether the recommenders serve some groups of customers worse than others, and whether they show some groups different kinds of products, judged on an offline evaluation&apos;s held-out purchases.{" "}
          <Link href="/recommendations/evaluation" className={link}>Evaluation</Link>
        </>
      }
    />
  );
  if (runs.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No evaluation yet">
          Run an evaluation on the <Link href="/recommendations/evaluation" className={link}>Recommendations › Evaluation page</Link> first; its held-out customers are compared here.
        </EmptyState>
      </>
    );
  }
  const asked = first(sp, "run");
  const runId = runs.some((r) => String(r.id) === asked) ? Number(asked) : runs[0]!.id;
  const form = readForm(sp, runId);
  const warnings: string[] = [];
  const { result, error } = await loadReport(requestOf(form, warnings));
  const runOptions = runs.map((r) => ({ value: String(r.id), label: `Evaluation ${r.id}${r.finishedAt ? ` · ${fmt.dateTime(r.finishedAt)}` : ""}` }));
  const algorithms = [{ value: "", label: result ? `Best (${result.bestAlgorithm})` : "Best" }, ...(result?.algorithms ?? []).map((a) => ({ value: a, label: a }))];
  return (
    <>
      {header}
      {asked && String(runId) !== asked ? <Notice tone="warning">There is no completed evaluation {asked}; showing the latest.</Notice> : null}
      <Section title="Settings" description="The evaluation and algorithm whose lists are compared; groups smaller than the minimum are listed but not compared, and pairs of attributes show only groups at least that large.">
        <RecsFairnessForm state={form} runs={runOptions} algorithms={algorithms} attributes={result?.attributeNames ?? []} />
      </Section>
      <SettingsWarnings warnings={warnings} error={error} />
      {result ? <Report result={result} params={sp} /> : null}
    </>
  );
}

function describe(r: RecsFairness): string {
  const s = r.settings;
  const which = r.algorithm === r.bestAlgorithm ? `${r.algorithm}, its best algorithm by nDCG@${s.k}` : `${r.algorithm} (its best by nDCG@${s.k} is ${r.bestAlgorithm})`;
  const split = s.split === "time" ? `Trained on events before ${s.testFrom ?? "the last 30 days"}, tested on the rest` : `${Math.round((s.fraction ?? 0.25) * 100)}% of each customer's items held out at random (seed ${s.seed})`;
  const hits = s.relevance === "new-items" ? "only items new to the customer count as hits" : "every test purchase counts, repeats included";
  return `Evaluation ${r.evaluationId} of ${fmt.dateTime(r.finishedAt)}, ${which}. ${split}; ${hits}; the top ${s.k} of ${fmt.integer(r.products)} products for each of ${fmt.integer(r.users)} customers with held-out purchases, mean nDCG@${s.k} ${r.meanNdcg.toFixed(4)}.`;
}

function Report({ result: r, params }: { result: RecsFairness; params: SearchParams }) {
  const k = r.settings.k;
  return (
    <>
      <Section title="In plain words" description={describe(r)}>
        {r.matchesStored ? null : (
          <Notice tone="warning">
            The data has changed since this evaluation ran: its lists, recomputed on today&apos;s events, give a mean nDCG@{k} of {r.meanNdcg.toFixed(4)} over {fmt.integer(r.users)} customers, against {r.storedNdcg.toFixed(4)} over {fmt.integer(r.storedUsers)} when it ran.{" "}
            <Link href="/recommendations/evaluation" className={link}>Run the evaluation again</Link> for a report on the same data as its scores.
          </Notice>
        )}
        <SummaryList sentences={r.report.summary} testId="recs-fairness-summary" className="mb-3" />
        <p className="text-sm text-slate-600">
          The evaluation keeps only its averages, so each customer&apos;s list is made again the way it made them: the same split and seed, {r.algorithm} fitted on the training part, the top {k} ranked. Figures only: whether a gap matters is for you to judge.
        </p>
      </Section>
      <FlagsTable flags={r.flags} k={k} ratio={FLAG_RATIO} params={params} />
      <NdcgTable report={r.report} flags={r.flags} intersections={r.intersections} k={k} params={params} />
      <ExposureTables report={r.report} intersections={r.intersections} params={params} />
    </>
  );
}
