import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { getProduct, getProductSales } from "@/lib/db/products";
import { alsoBoughtFromModels, loadServingModels } from "@/lib/services/recs/serving";
import { fmt } from "../../formatting";
import { requirePage } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Product" };
export const dynamic = "force-dynamic";

/** One product: what it is, how it sells, and what its buyers also bought (from the item-kNN model). */
export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage("dashboards:read", `/products/${id}`);
  const product = /^\d{1,9}$/.test(id) ? await getProduct(Number(id)) : null;
  if (!product) notFound();
  const [sales, models] = await Promise.all([getProductSales([product.id]), loadServingModels()]);
  const s = sales.get(product.id);
  const also = models ? await alsoBoughtFromModels(models, product.id, 10) : null;
  return (
    <>
      <PageHeader title={product.name} description={[product.externalId, product.category ?? "no category", product.price === null ? null : fmt.money(product.price), product.isActive ? null : "inactive"].filter(Boolean).join(" · ")} />
      <p className="mb-4 text-sm">
        <Link href="/recommendations" className="text-indigo-700 underline">Recommendations</Link>
      </p>
      <Section title="Sales" description={product.description ?? undefined}>
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4" data-testid="product-sales">
          {[["Buyers", fmt.integer(s?.buyers ?? 0)], ["Purchases", fmt.integer(s?.purchases ?? 0)], ["Units", fmt.integer(s?.units ?? 0)], ["Revenue", fmt.money(s?.revenue ?? 0)]].map(([k, v]) => (
            <div key={k}>
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-lg font-semibold tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title="Customers who bought this also bought" description={models ? `From the item-kNN model trained ${fmt.dateTime(models.trainedAt)}: the products most often had by the same customers (cosine similarity), with how many customers have both.` : undefined}>
        {!models ? (
          <EmptyState title="No models trained yet">
            Train the models on the <Link href="/recommendations" className="text-indigo-700 underline">Recommendations</Link> page and this list appears.
          </EmptyState>
        ) : also === null ? (
          <EmptyState title="Not in the trained models">This product was added after the models were trained, or item-kNN was not trained. Train them again to include it.</EmptyState>
        ) : also.length === 0 ? (
          <EmptyState title="No product shares buyers with this one">Nobody who has this product has another one yet.</EmptyState>
        ) : (
          <ol className="space-y-1 text-sm" data-testid="also-bought">
            {also.map((a) => (
              <li key={a.productId}>
                <Link href={`/products/${a.productId}`} className="font-medium text-indigo-700 underline">{a.name}</Link>
                <span className="text-xs text-slate-500"> · {a.category ?? "no category"}{a.price === null ? "" : ` · ${fmt.money(a.price)}`} · {fmt.integer(a.together)} customers have both · similarity {a.similarity.toFixed(2)}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}
