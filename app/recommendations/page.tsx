import type { Metadata } from "next";
import Link from "next/link";
import { ProductsTable } from "@/components/tables/products-table";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { DAY_MS } from "@/lib/analytics/date-range";
import { getEventSpan } from "@/lib/db/overview";
import { listBestSellers } from "@/lib/db/products";
import { listDistinctEventTypes } from "@/lib/db/events";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { RECS_RUN_KIND } from "@/lib/services/recs/training";
import { loadServingModels } from "@/lib/services/recs/serving";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../formatting";
import { ModelsSection } from "./models-section";
import { readPreview } from "./preview-state";
import { PreviewSection } from "./preview-section";
import { piiView } from "@/lib/auth/mask";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Recommendations" };
export const dynamic = "force-dynamic";

/** Event types that say nothing about taste, not offered a weight. */
const NOT_TASTE = new Set(["return", "adjustment"]);

export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/recommendations");
  const sp = await searchParams;
  const span = await getEventSpan();
  const to = span.last ? new Date(Math.floor(span.last.getTime() / DAY_MS) * DAY_MS + DAY_MS) : null;
  const best = to ? await listBestSellers({ from: new Date(to.getTime() - 30 * DAY_MS), to }, 10) : [];
  const [models, running, eventTypes] = await Promise.all([loadServingModels(), activeJobView(RECS_RUN_KIND), listDistinctEventTypes()]);
  const preview = models ? await readPreview(models, { customer: first(sp, "customer"), algorithm: first(sp, "algorithm"), n: first(sp, "n"), includeBought: first(sp, "includeBought") }, piiView(caller.role)) : null;
  return (
    <>
      <PageHeader title="Recommendations" description="What each algorithm would recommend to a customer and why, trained on your own events; the catalogue and best sellers below." />
      <p className="mb-4 text-sm">
        <Link href="/recommendations/evaluation" className="text-indigo-700 underline">Compare the algorithms&rsquo; offline quality on your data</Link>
      </p>
      <ModelsSection canTrain={can(caller.role, "models:train")} models={models} running={running} eventTypes={eventTypes.filter((t) => !NOT_TASTE.has(t))} />
      {models && preview ? <PreviewSection state={preview} algorithms={models.trained} /> : null}
      <Section
        title="Best sellers, last 30 days"
        description={to ? `Products bought by the most customers in the 30 days up to ${fmt.day(new Date(to.getTime() - DAY_MS))}: what a popularity recommender shows a customer it knows nothing about.` : undefined}
      >
        {best.length === 0 ? (
          <EmptyState title="No purchases in the last 30 days of data">Purchases appear here once events of type “purchase” are loaded.</EmptyState>
        ) : (
          <DataTable
            caption="Best sellers in the last 30 days"
            testId="best-sellers"
            path="/recommendations"
            params={sp}
            rows={best}
            rowKey={(r) => r.productId}
            columns={[
              { header: "#", render: (r) => best.indexOf(r) + 1 },
              { header: "Product", render: (r) => r.name },
              { header: "Category", render: (r) => r.category ?? "–" },
              { header: "Buyers", align: "right", render: (r) => fmt.integer(r.buyers) },
              { header: "Units", align: "right", render: (r) => fmt.integer(r.units) },
              { header: "Revenue", align: "right", render: (r) => fmt.money(r.revenue) },
            ]}
          />
        )}
      </Section>
      <Section title="Catalogue" description="Buyers, units and revenue count purchase events over all time.">
        <ProductsTable path="/recommendations" params={sp} keep={[]} />
      </Section>
    </>
  );
}
