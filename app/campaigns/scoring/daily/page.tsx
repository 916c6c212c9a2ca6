import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceForm } from "@/components/ui/choice-form";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { UserError } from "@/lib/errors";
import { dailyResponseModel } from "@/lib/services/scoring/daily-model";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../../formatting";

export const metadata: Metadata = { title: "Response by segment from daily reports" };
export const dynamic = "force-dynamic";

const TARGETS = { click: { label: "clicks per impression", exposure: "impressions", response: "clicks", rate: "CTR" }, conversion: { label: "conversions per click", exposure: "clicks", response: "conversions", rate: "conversion rate" } } as const;
const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-1.5";

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
            <table className="w-full text-sm" data-testid="daily-segments">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className={th}>Segment</th>
                  <th className={`${th} text-right`}>{noun.exposure[0]!.toUpperCase() + noun.exposure.slice(1)}</th>
                  <th className={`${th} text-right`}>{noun.response[0]!.toUpperCase() + noun.response.slice(1)}</th>
                  <th className={`${th} text-right`}>{noun.rate} (95%)</th>
                </tr>
              </thead>
              <tbody>
                {model.segments.map((s) => (
                  <tr key={s.label} className="border-t border-slate-100">
                    <td className={td}>{s.label}</td>
                    <td className={`${td} text-right`}>{fmt.integer(s.exposures)}</td>
                    <td className={`${td} text-right`}>{fmt.integer(s.responses)}</td>
                    <td className={`${td} text-right`}>{fmt.percent(s.rate, 2)} ({fmt.percent(s.low, 2)}–{fmt.percent(s.high, 2)})</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
