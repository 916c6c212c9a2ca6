import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceForm } from "@/components/ui/choice-form";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { UserError } from "@/lib/errors";
import { AB_METRIC_LABEL, isAbMetric } from "@/lib/services/campaigns/ab-arms";
import { compareCampaigns, compareSegments, type AbReport } from "@/lib/services/campaigns/ab-test";
import { first, type SearchParams } from "@/lib/url-state";
import { AbReportView } from "../tests/ab-report-view";
import { readAbOptions } from "../tests/ab-options";

export const metadata: Metadata = { title: "Compare" };
export const dynamic = "force-dynamic";

const id = (s: string | undefined) => (s && /^\d{1,9}$/.test(s) ? Number(s) : null);

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/campaigns/compare");
  const sp = await searchParams;
  const metric = first(sp, "metric") ?? "ctr";
  const { options: read, choices } = readAbOptions(sp);
  const options = { ...read, primary: isAbMetric(metric) ? metric : ("ctr" as const) };
  let report: AbReport | null = null;
  let problem: string | null = null;
  try {
    const [a, b, campaign, segA, segB] = (["a", "b", "campaign", "segA", "segB"] as const).map((k) => id(first(sp, k))) as [number | null, number | null, number | null, number | null, number | null];
    if (campaign !== null && segA !== null && segB !== null) report = await compareSegments(campaign, segA, segB, options);
    else if (a !== null && b !== null) report = await compareCampaigns(a, b, options);
    else problem = "choose two campaigns, or a campaign and two segments, on the A/B tests page";
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problem = e.message;
  }
  return (
    <>
      <PageHeader title={report?.title ?? "Compare"} description={<Link href="/campaigns/tests" className="text-indigo-700 hover:underline">All tests and comparisons</Link>}>
        {report ? (
          <ChoiceForm params={sp} testId="ab-form" choices={[{ name: "metric", label: "Metric", value: isAbMetric(metric) ? metric : "ctr", options: report.results.map((r) => ({ value: r.metric, label: AB_METRIC_LABEL[r.metric] })) }, ...choices]} />
        ) : null}
      </PageHeader>
      {problem ? <Notice tone="warning">No comparison: {problem}.</Notice> : <AbReportView report={report!} />}
    </>
  );
}
