import type { Metadata } from "next";
import Link from "next/link";
import { SettingsWarnings, SummaryList } from "@/components/fairness/report-parts";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { DEFAULT_MIN_GROUP_SIZE, numberSetting, reportOrDefault } from "@/lib/services/fairness/report-settings";
import { scoringFairness, type FairnessRequest, type ScoringFairness } from "@/lib/services/scoring/fairness";
import { listScoringRuns, loadScoringRun } from "@/lib/services/scoring/serving";
import { TARGET_NOUN } from "@/lib/services/scoring/training-data";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../../formatting";
import { MODEL_LABEL } from "../tables";
import { FairnessForm, type FairnessFormState } from "./fairness-form";
import { FlagsTable, GapsTable, GroupsTable, ProxyAlerts } from "./fairness-tables";

export const metadata: Metadata = { title: "Fairness of response scores" };
export const dynamic = "force-dynamic";

const DEFAULTS = { top: "20", min: String(DEFAULT_MIN_GROUP_SIZE) };
const EXPOSURE_ONE = { click: "an impression", conversion: "a click" } as const;
const RESPONDED = { click: "clicked", conversion: "converted" } as const;

function readForm(sp: SearchParams, run: number | null): FairnessFormState {
  return {
    run,
    model: first(sp, "model") ?? "",
    cut: first(sp, "cut") === "threshold" ? "threshold" : "top",
    top: first(sp, "top") || DEFAULTS.top,
    threshold: first(sp, "threshold") ?? "",
    min: first(sp, "min") || DEFAULTS.min,
    attribute: first(sp, "attribute") ?? "",
  };
}

/** The request the form asks for; a field that is not a number is left to its default, with a warning. */
function requestOf(form: FairnessFormState, runId: number, warnings: string[]): FairnessRequest {
  const useThreshold = form.cut === "threshold" && form.threshold.trim() !== "";
  if (form.cut === "threshold" && !useThreshold) warnings.push(`Give a score threshold to cut at; showing the top ${DEFAULTS.top}%.`);
  return {
    runId,
    model: form.model || undefined,
    cut: useThreshold ? { threshold: numberSetting(form.threshold, "score threshold", 0.5, warnings) } : { topShare: numberSetting(form.top, "top share", Number(DEFAULTS.top), warnings) / 100 },
    minGroupSize: numberSetting(form.min, "minimum group size", DEFAULT_MIN_GROUP_SIZE, warnings),
    attributes: form.attribute ? [form.attribute] : [],
  };
}

/** The report asked for; when the settings are refused, the message and the report at the defaults. */
function loadReport(request: FairnessRequest) {
  const defaults = { runId: request.runId, cut: { topShare: Number(DEFAULTS.top) / 100 } };
  return reportOrDefault(() => scoringFairness(request), () => scoringFairness(defaults), `the best model, the top ${DEFAULTS.top}%, no imported attribute`);
}

export default async function FairnessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/campaigns/scoring/fairness");
  const sp = await searchParams;
  const asked = Number(first(sp, "run"));
  const completed = (await listScoringRuns()).filter((r) => r.status === "completed");
  const runId = Number.isInteger(asked) && completed.some((r) => r.id === asked) ? asked : (completed[0]?.id ?? null);
  const run = runId === null ? null : await loadScoringRun(runId);
  const header = (
    <PageHeader
      title="Fairness of response scores"
      description={
        <>
          Whether targeting by a response model selects some groups of customers less often than others, misses more of those who do respond, or leans on a feature that stands in for gender, age or country.{" "}
          <Link href="/campaigns/scoring" className="text-indigo-700 hover:underline">Response scoring</Link>
        </>
      }
    />
  );
  if (!run) {
    return (
      <>
        {header}
        <EmptyState title="No response model trained yet">
          Train one on the <Link href="/campaigns/scoring" className="text-indigo-700 hover:underline">response scoring page</Link>; its scores can then be checked here.
        </EmptyState>
      </>
    );
  }
  const form = readForm(sp, first(sp, "run") ? run.id : null);
  const warnings: string[] = [];
  const { result, error } = await loadReport(requestOf(form, run.id, warnings));
  if (result && !form.threshold) form.threshold = String(Number((result.report.cut.lowestSelectedScore ?? 0.5).toFixed(3)));
  const models = [{ value: "", label: `Best (${MODEL_LABEL[run.result.best] ?? run.result.best})` }, ...[...run.scorers.keys()].map((k) => ({ value: k, label: MODEL_LABEL[k] ?? k }))];
  return (
    <>
      {header}
      {first(sp, "run") && run.id !== asked ? <Notice tone="warning">There is no completed scoring run {first(sp, "run")}; showing the latest.</Notice> : null}
      <Section title="Settings" description="The cut is the audience a campaign would target: the highest-scoring share of customers, or everyone at or above a score.">
        <FairnessForm state={form} models={models} attributes={result?.attributeNames ?? []} />
      </Section>
      <SettingsWarnings warnings={warnings} error={error} />
      {result ? <Report result={result} params={sp} /> : null}
    </>
  );
}

function setupText(s: ScoringFairness["setup"]): string {
  const parts = [s.channel, s.adType, s.adPosition].filter((x): x is string => x !== null);
  return parts.length ? parts.join(" / ") : "no particular campaign set-up";
}

function Report({ result: r, params }: { result: ScoringFairness; params: SearchParams }) {
  const noun = TARGET_NOUN[r.target];
  return (
    <>
      <Section
        title="In plain words"
        description={`Run ${r.runId}, ${MODEL_LABEL[r.model] ?? r.model} predicting ${noun.one}: the ${fmt.integer(r.rows)} customers who have had ${EXPOSURE_ONE[r.target]}, scored as if shown ${setupText(r.setup)}.`}
      >
        <SummaryList sentences={r.report.summary} testId="fairness-summary" className="mb-4" />
        <p className="mb-2 text-sm text-slate-600">
          {r.leftOut > 0
            ? `${fmt.integer(r.leftOut)} customers have never had ${EXPOSURE_ONE[r.target]}, so could not have ${RESPONDED[r.target]}: they are left out. `
            : ""}
          A customer&apos;s outcome is whether they ever {RESPONDED[r.target]}. The mean score is the chance of {noun.one} from one of {noun.exposure === "impressions" ? "their impressions" : "their clicks"}, while the observed rate counts anyone who {RESPONDED[r.target]} at least once over all of theirs, so it sits above the mean score for every group: compare each column across groups rather than the two with each other.
        </p>
      </Section>
      {r.report.flags.length > 0 ? <FlagsTable report={r.report} params={params} /> : null}
      <GroupsTable report={r.report} params={params} />
      <GapsTable gaps={r.report.gaps} params={params} />
      <ProxyAlerts report={r.report} direct={r.direct} />
    </>
  );
}
