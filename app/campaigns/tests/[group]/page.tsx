import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChoiceForm } from "@/components/ui/choice-form";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { UserError } from "@/lib/errors";
import { AB_METRIC_LABEL, isAbMetric } from "@/lib/services/campaigns/ab-arms";
import { analyseTestGroup } from "@/lib/services/campaigns/ab-test";
import { listHoldoutTests } from "@/lib/services/campaigns/uplift";
import { first, type SearchParams } from "@/lib/url-state";
import { AbReportView } from "../ab-report-view";
import { readAbOptions } from "../ab-options";

export const metadata: Metadata = { title: "A/B test" };
export const dynamic = "force-dynamic";

export default async function TestPage({ params, searchParams }: { params: Promise<{ group: string }>; searchParams: Promise<SearchParams> }) {
  const [{ group: raw }, sp] = await Promise.all([params, searchParams]);
  await requirePage("dashboards:read", `/campaigns/tests/${raw}`);
  const group = decodeURIComponent(raw);
  const { options, choices } = readAbOptions(sp);
  const metric = first(sp, "metric") ?? "ctr";
  let report;
  let problem: string | null = null;
  try {
    report = await analyseTestGroup(group, { ...options, primary: isAbMetric(metric) ? metric : "ctr", control: first(sp, "control") || undefined });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    if (e.code === "not_found") notFound();
    problem = e.message;
  }
  const header = (
    <PageHeader
      title={`A/B test “${group}”`}
      description={
        <>
          Campaigns in this test group are its arms. <Link href="/campaigns/tests" className="text-indigo-700 hover:underline">All tests</Link>
        </>
      }
    >
      {report ? (
        <ChoiceForm
          params={sp}
          testId="ab-form"
          choices={[
            { name: "metric", label: "Metric", value: isAbMetric(metric) ? metric : "ctr", options: report.results.map((r) => ({ value: r.metric, label: AB_METRIC_LABEL[r.metric] })) },
            { name: "control", label: "Control", value: report.control, options: report.arms.map((a) => ({ value: a.variant, label: a.variant })) },
            ...choices,
          ]}
        />
      ) : null}
    </PageHeader>
  );
  const holdout = (await listHoldoutTests()).find((t) => t.testGroup === group)?.arms.find((a) => a.holdout);
  return (
    <>
      {header}
      {holdout ? (
        <Notice>
          Its {holdout.variant} arm is a holdout: it was sent nothing, so it has no clicks or conversions of its own, and comparing rates per impression with it says little. What the campaign adds to
          purchases is measured on the <Link href="/campaigns/uplift" className="text-indigo-700 underline">Uplift</Link> page.
        </Notice>
      ) : null}
      {problem ? <Notice tone="warning">No verdict: {problem}.</Notice> : <AbReportView report={report!} />}
    </>
  );
}
