import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { SCORING_KINDS } from "@/lib/ml/scoring/scorer";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { FILE_SCORING_RUN_KIND, loadFileScoringRun } from "@/lib/services/scoring/file-evaluation";
import { first, type SearchParams } from "@/lib/url-state";
import { currency, locale } from "../../../formatting";
import { MODEL_LABEL } from "../tables";
import { FileScoringResults } from "./file-results";
import { FileScoringForm } from "./file-scoring-form";

export const metadata: Metadata = { title: "Score a CSV file" };
export const dynamic = "force-dynamic";

export default async function FileScoringPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/scoring/file");
  const sp = await searchParams;
  const asked = Number(first(sp, "run"));
  const [running, chosen] = await Promise.all([activeJobView(FILE_SCORING_RUN_KIND), Number.isInteger(asked) && asked > 0 ? loadFileScoringRun(asked) : null]);
  const run = chosen ?? (await loadFileScoringRun());
  // Uploading needs imports:write and starting the job models:train: the roles that have one have both.
  const canScore = can(caller.role, "models:train") && can(caller.role, "imports:write");
  return (
    <>
      <PageHeader
        title="Score a CSV file"
        description={
          <>
            Train the response models on any table of yours — leads, subscribers, past campaign lists — and see how well they tell who will respond, judged on rows they never saw.{" "}
            <Link href="/campaigns/scoring" className="text-indigo-700 hover:underline">Response scoring on the shop&rsquo;s campaigns</Link>
          </>
        }
      />
      {first(sp, "run") && chosen === null ? <Notice tone="warning">There is no completed file scoring run {first(sp, "run")}; showing the latest.</Notice> : null}
      <Section title="Your file" description="The models are trained in the background; a file of a few thousand rows takes seconds.">
        {canScore ? (
          <FileScoringForm maxMb={env.MARKETLENS_MAX_UPLOAD_MB} runningId={running?.id ?? null} models={SCORING_KINDS.map((kind) => ({ kind, label: MODEL_LABEL[kind]! }))} locale={locale} currency={currency} />
        ) : (
          <p className="text-sm text-slate-600">An analyst or admin can upload a file and score it.</p>
        )}
      </Section>
      {run ? (
        <FileScoringResults run={run} />
      ) : (
        <EmptyState title="No file scored yet">
          Upload a CSV with one row per case (a customer, a lead, a mailing) and a header row. One column says whether the outcome happened — yes/no, 1/0, true/false, or any value you name as the positive one — and the others may explain it: numbers (age, spend, visits) and categories (plan, channel, country). A date column lets you test on the latest rows. At least 100 rows must be left to train on once the test share is held out (125 rows at 20%), with both outcomes among them.
        </EmptyState>
      )}
    </>
  );
}
