import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceForm } from "@/components/ui/choice-form";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { ATTRIBUTION_MODELS, isAttributionModel, type AttributionModel } from "@/lib/analytics/attribution";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { ATTRIBUTION_RUN_KIND, AttributionRequest, currentAttribution, MODEL_LABEL } from "@/lib/services/campaigns/attribution";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { AttributionRunForm } from "./run-form";
import { ModelsSideBySide, ModelDetail } from "./tables";

export const metadata: Metadata = { title: "Attribution" };
export const dynamic = "force-dynamic";

export default async function AttributionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/attribution");
  const sp = await searchParams;
  const requested = first(sp, "model") ?? "last-click";
  const model: AttributionModel = isAttributionModel(requested) ? requested : "last-click";
  const [current, running] = await Promise.all([currentAttribution(), activeJobView(ATTRIBUTION_RUN_KIND)]);
  const r = current?.result;
  const settings = r?.settings ?? AttributionRequest.parse({});
  return (
    <>
      <PageHeader
        title="Attribution"
        description={
          <>
            Which campaigns drove shop purchases: each purchase is linked to the same customer&apos;s campaign clicks in the days before it, and each model shares it out differently.{" "}
            <Link href="/campaigns" className="text-indigo-700 hover:underline">All campaigns</Link>
          </>
        }
      />
      {requested !== model ? <Notice tone="warning">Unknown model “{requested}”; showing last click.</Notice> : null}
      <Section title="Settings" description={current ? `${current.source === "stored" ? `Run ${current.id}, finished ${fmt.dateTime(current.finishedAt)}` : "Computed now with the default settings"}, in ${r!.seconds.toFixed(1)} s.` : "No attribution yet."}>
        {can(caller.role, "models:train") ? (
          <AttributionRunForm initial={settings} runningId={running?.id ?? null} />
        ) : (
          <p className="text-sm text-slate-600">An analyst or admin can run the attribution with other windows; your role reads the latest run.</p>
        )}
      </Section>
      {!r ? (
        <EmptyState title="No attribution yet">This shop has too many campaign touches to attribute while the page loads: run the attribution above and follow its progress.</EmptyState>
      ) : r.summary.attributedPurchases === 0 ? (
        <EmptyState title="No purchase follows a campaign click">
          {r.summary.unattributedPurchases > 0
            ? `${fmt.integer(r.summary.unattributedPurchases)} purchases, none within ${settings.clickWindowDays} days after a click by the same customer. Campaign events need customer ids to be linked to purchases; try a longer window.`
            : "There are no purchases by known customers yet: import orders or events with customer ids."}
        </EmptyState>
      ) : (
        <>
          <Notice>
            Every model hands out the same total: {fmt.integer(Math.round(r.summary.attributedPurchases))} purchases worth {fmt.money(r.summary.attributedRevenue)}, those with a campaign click by the same customer at most {settings.clickWindowDays} days before
            {settings.includeImpressions ? ` (or an impression at most ${settings.impressionWindowDays} days before)` : ""}. Another {fmt.integer(r.summary.unattributedPurchases)} purchases ({fmt.money(r.summary.unattributedRevenue)}) had no campaign touch in their window and are not attributed. Platforms reported {fmt.integer(r.platform.conversions)} conversions worth {fmt.money(r.platform.revenue)}.
          </Notice>
          <ModelsSideBySide result={r} dimension="byChannel" title="By channel" />
          <ModelsSideBySide result={r} dimension="byCampaign" title="By campaign" />
          <Section
            title={`${MODEL_LABEL[model]}, in detail`}
            description="Attributed purchases and revenue beside the campaign's cost and what its platform reported."
            actions={<ChoiceForm params={sp} choices={[{ name: "model", label: "Model", value: model, options: ATTRIBUTION_MODELS.map((m) => ({ value: m, label: MODEL_LABEL[m] })) }]} testId="model-form" />}
          >
            <ModelDetail result={r} model={model} />
          </Section>
        </>
      )}
    </>
  );
}
