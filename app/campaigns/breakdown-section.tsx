import { type Choice, ChoiceForm } from "@/components/ui/choice-form";
import { EmptyState, Notice, Section } from "@/components/ui/page-header";
import { HEAT_METRIC_LABEL, HEAT_METRICS, type HeatMetric } from "@/lib/analytics/campaign-rollup";
import type { TimeRange } from "@/lib/db/date-range";
import { UserError } from "@/lib/errors";
import { type Breakdown, getBreakdown, heatmapOf } from "@/lib/services/campaigns/breakdown";
import { breakdownLabel, CAMPAIGN_DIMENSIONS, listCustomerGroupings, parseBreakdownKey, type BreakdownKey } from "@/lib/services/campaigns/labellings";
import { first, type SearchParams } from "@/lib/url-state";
import { BreakdownTable } from "./breakdown-table";
import { CampaignHeatmap } from "./heatmap";

/** The breakdown chosen in the URL (`by`, `heat`), for all campaigns or for one. */
export async function BreakdownSection({ params, range, campaignId, defaultKey }: { params: SearchParams; range: TimeRange; campaignId?: number; defaultKey: BreakdownKey }) {
  const groupings = await listCustomerGroupings();
  const options = [...(campaignId === undefined ? CAMPAIGN_DIMENSIONS : []), ...groupings, "report-segment" as const].map((k) => ({ value: k, label: breakdownLabel(k) }));
  const heat = (HEAT_METRICS as readonly string[]).includes(first(params, "heat") ?? "") ? (first(params, "heat") as HeatMetric) : "ctr";
  let key: BreakdownKey;
  let problem: string | null = null;
  try {
    key = parseBreakdownKey(first(params, "by"), defaultKey);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    key = defaultKey;
    problem = e.message;
  }
  let breakdown: Breakdown | null = null;
  let failure: string | null = null;
  try {
    breakdown = await getBreakdown(key, range, campaignId === undefined ? undefined : [campaignId]);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    failure = e.message;
  }
  const map = breakdown && campaignId === undefined ? heatmapOf(breakdown, heat) : null;
  const choices: Choice[] = [{ name: "by", label: "Break down by", value: key, options }];
  if (campaignId === undefined) choices.push({ name: "heat", label: "Heatmap of", value: heat, options: HEAT_METRICS.map((m) => ({ value: m, label: HEAT_METRIC_LABEL[m] })) });
  return (
    <Section
      title="Breakdown"
      description={campaignId === undefined ? "The same metrics by campaign field or by customer group; customer groups cover campaigns whose events name the customer." : "This campaign's metrics by customer group."}
      actions={<ChoiceForm params={params} choices={choices} testId="breakdown-form" />}
    >
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {failure ? <Notice tone="warning">{failure}</Notice> : null}
      {breakdown ? (
        <>
          {breakdown.notes.map((n) => (
            <Notice key={n}>{n}</Notice>
          ))}
          {breakdown.rows.length === 0 ? (
            <EmptyState title="Nothing to break down">No activity in this range for this breakdown. Try a longer range or another breakdown.</EmptyState>
          ) : (
            <BreakdownTable title={breakdown.title} rows={breakdown.rows} testId="breakdown-table" />
          )}
          {map ? (
            <div className="mt-6">
              <CampaignHeatmap map={map} groupTitle={breakdown.title} />
            </div>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
