import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceForm } from "@/components/ui/choice-form";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { UserError } from "@/lib/errors";
import { dailyResponseModel } from "@/lib/services/scoring/daily-model";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../../formatting";
import { capitalised } from "@/lib/format";

export const metadata: Metadata = { title: "Response by segment from daily reports" };
export const dynamic = "force-dynamic";

const TARGETS = { click: { label: "clicks per impression", exposure: "impressions", response: "clicks", rate: "CTR" }, conversion: { label: "conversions per click", exposure: "clicks", response: "conversions", rate: "conversion rate" } } as const;

export default async function DailyResponsePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage("dashboards:read", "/campaigns/scoring/daily");
  const sp = await searchParams;
  const target = first(sp, "target") === "conversion" ? "conversion" : "click";
  const noun = TARGETS[target];
  let model: Awaited<ReturnType<typeof dailyResponseModel>> = null;
  let problem: string | null = null;
  try {
    model = await dailyResponseModel(target);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problem = e.message;
  }
  return (
    <>
      <PageHeader
        title="Response by segment from daily reports"
        description={
          <>
            For campaigns that report like an ad platform (one row per day and segment label, no customers): a logistic regression on the counts, which segment labels, campaigns and weekdays
            raise or lower the odds of a response, with 95% intervals. <Link href="/campaigns/scoring" className="text-indigo-700 hover:underline">Customer-level response scoring</Link>
          </>
        }
      >
        <ChoiceForm params={sp} testId="daily-form" choices={[{ name: "target", label: "Model", value: target, options: Object.entries(TARGETS).map(([value, t]) => ({ value, label: t.label })) }]} />
      </PageHeader>
      {problem ? <Notice tone="warning">No model: {problem}.</Notice> : null}
      {!model && !problem ? (
        <EmptyState title="No campaign reports daily">
          Import daily campaign reports (Data › Import, kind “campaign daily stats”: date, campaign, segment, impressions, clicks, conversions, cost, revenue) to model them here.
        </EmptyState>
      ) : null}
      {model ? (
        <>
          <Section
            title={`${fmt.integer(model.responses)} ${noun.response} from ${fmt.integer(model.exposures)} ${noun.exposure}`}
            description={`${model.campaigns.length} campaign${model.campaigns.length === 1 ? "" : "s"} (${model.campaigns.join(", ")}) over ${fmt.integer(model.days)} days.${model.skipped.totals ? ` ${fmt.integer(model.skipped.totals)} not-broken-down rows of campaigns that also report segments were left out, so their traffic is not counted twice.` : ""}${model.skipped.impossible ? ` ${fmt.integer(model.skipped.impossible)} rows with more ${noun.response} than ${noun.exposure} were left out.` : ""}`}
          >
            <DataTable
              path="/campaigns/scoring/daily"
              params={sp}
              caption="Response rate by segment label"
              testId="daily-segments"
              rows={model.segments}
              rowKey={(s) => s.label}
              columns={[
                { header: "Segment", render: (s) => s.label },
                { header: capitalised(noun.exposure), align: "right", render: (s) => fmt.integer(s.exposures) },
                { header: capitalised(noun.response), align: "right", render: (s) => fmt.integer(s.responses) },
                { header: `${noun.rate} (95%)`, align: "right", render: (s) => `${fmt.percent(s.rate, 2)} (${fmt.percent(s.low, 2)}–${fmt.percent(s.high, 2)})` },
              ]}
            />
          </Section>
          <Section title="What changes the odds" description="Each label against the one with the most traffic, the other features held fixed; an interval that spans 1 means the data cannot tell.">
            {model.oddsRatios.length === 0 ? (
              <p className="text-sm text-slate-600">Only one label per feature, so there is nothing to compare.</p>
            ) : (
              <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="daily-odds-ratios">
                {model.oddsRatios.map((o) => (
                  <li key={`${o.feature}:${o.level}`}>
                    {o.text}
                    {o.low <= 1 && o.high >= 1 ? " — could be chance" : ""}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      ) : null}
    </>
  );
}
