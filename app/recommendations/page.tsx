import type { Metadata } from "next";
import { ProductsTable } from "@/components/tables/products-table";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { DAY_MS } from "@/lib/analytics/date-range";
import { getEventSpan } from "@/lib/db/overview";
import { listBestSellers } from "@/lib/db/products";
import type { SearchParams } from "@/lib/url-state";
import { fmt } from "../formatting";

export const metadata: Metadata = { title: "Recommendations" };
export const dynamic = "force-dynamic";

export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const span = await getEventSpan();
  const to = span.last ? new Date(Math.floor(span.last.getTime() / DAY_MS) * DAY_MS + DAY_MS) : null;
  const best = to ? await listBestSellers({ from: new Date(to.getTime() - 30 * DAY_MS), to }, 10) : [];
  return (
    <>
      <PageHeader title="Recommendations" description="The catalogue and what sells: the raw material every recommender starts from." />
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
