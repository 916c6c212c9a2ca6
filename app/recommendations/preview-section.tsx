import Link from "next/link";
import { EmptyState, Notice, Section } from "@/components/ui/page-header";
import type { CustomerProfile } from "@/lib/db/customer-profile";
import type { TimelineRow } from "@/lib/db/customer-profile";
import type { AlgorithmName } from "@/lib/ml/recs/types";
import type { CustomerRecommendations } from "@/lib/services/recs/serving";
import { fmt } from "../formatting";
import { historyText } from "./history-text";

export interface PreviewState {
  q: string;
  algorithm: AlgorithmName | "all";
  n: number;
  includeBought: boolean;
  /** Several customers matched the search: pick one. */
  choices: { id: number; externalId: string; name: string | null }[];
  customer: CustomerProfile | null;
  segment: string | null;
  /** The customer's latest events of the types the models learn from (purchases when none are trained). */
  history: TimelineRow[];
  historyTypes: string[];
  results: CustomerRecommendations[];
  error: string | null;
}

/** Look a customer up, choose an algorithm (or all side by side), and see each item with its reason. */
export function PreviewSection({ state, algorithms }: { state: PreviewState; algorithms: AlgorithmName[] }) {
  return (
    <Section title="Preview for a customer" description="Find a customer by id, email or name and see what each algorithm would recommend, with the reason for every item.">
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Preview recommendations">
        <label className="flex flex-col">
          Customer
          <input name="customer" defaultValue={state.q} placeholder="Id, email or name" className="w-64 rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <label className="flex flex-col">
          Algorithm
          <select name="algorithm" defaultValue={state.algorithm} className="rounded-md border border-slate-300 px-2 py-1.5">
            <option value="all">All, side by side</option>
            {algorithms.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Items
          <input name="n" type="number" min={1} max={50} defaultValue={state.n} className="w-20 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" name="includeBought" value="1" defaultChecked={state.includeBought} /> Include items already bought
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500">Show recommendations</button>
      </form>
      {state.error ? <Notice tone="warning">{state.error}</Notice> : null}
      {state.choices.length > 0 ? <Choices state={state} /> : null}
      {state.customer ? <CustomerCard state={state} /> : null}
      {state.results.length > 0 ? (
        <div className={state.results.length > 1 ? "grid gap-4 md:grid-cols-2 xl:grid-cols-3" : ""}>
          {state.results.map((r) => (
            <ResultList key={r.algorithm} r={r} wide={state.results.length === 1} />
          ))}
        </div>
      ) : null}
      {!state.q ? <p className="text-sm text-slate-600">Try a customer id from the catalogue of customers on the Segments page.</p> : null}
    </Section>
  );
}

function Choices({ state }: { state: PreviewState }) {
  return (
    <div className="mb-4 text-sm">
      <p className="mb-2">{state.choices.length} customers match &ldquo;{state.q}&rdquo;; choose one:</p>
      <ul className="flex flex-wrap gap-2" data-testid="customer-choices">
        {state.choices.map((c) => (
          <li key={c.id}>
            <Link className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100" href={`/recommendations?customer=${encodeURIComponent(c.externalId)}&algorithm=${state.algorithm}&n=${state.n}${state.includeBought ? "&includeBought=1" : ""}`}>
              {c.externalId}{c.name ? ` · ${c.name}` : ""}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CustomerCard({ state }: { state: PreviewState }) {
  const c = state.customer!;
  const cold = state.results[0]?.cold ?? false;
  return (
    <div className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="preview-customer">
      <p>
        <Link href={`/customers/${c.id}`} className="font-medium text-indigo-700 underline">{c.externalId}</Link>
        {c.name ? ` · ${c.name}` : ""}
        {c.country ? ` · ${c.country}` : ""}
        {state.segment ? <span className="ml-2 rounded bg-indigo-100 px-2 py-0.5 text-xs text-indigo-800">{state.segment}</span> : null}
        {cold ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800" data-testid="cold-start">New customer: no history in the trained models</span> : null}
      </p>
      <p className="mt-1 text-slate-600" data-testid="preview-history">
        {historyText(state.history, state.historyTypes)}
      </p>
    </div>
  );
}

function ResultList({ r, wide }: { r: CustomerRecommendations; wide: boolean }) {
  return (
    <section className="rounded-md border border-slate-200 p-3" aria-label={`Recommendations by ${r.algorithm}`} data-testid={`recs-${r.algorithm}`}>
      <h3 className="mb-2 text-sm font-semibold">{r.algorithm}</h3>
      {r.items.length === 0 ? (
        <EmptyState title="Nothing to recommend">This model has nothing for this customer after the exclusions{r.algorithm === "buy-again" ? " (buy again only offers items already bought: tick “Include items already bought”)" : ""}.</EmptyState>
      ) : (
        <ol className="space-y-2 text-sm">
          {r.items.map((item, i) => (
            <li key={item.productId} className="flex gap-2">
              <span className="w-5 shrink-0 text-right text-slate-400 tabular-nums">{i + 1}.</span>
              <span>
                <Link href={`/products/${item.productId}`} prefetch={false} className="font-medium text-indigo-700 underline">{item.name}</Link>
                <span className="text-xs text-slate-500">
                  {" "}· {item.category ?? "no category"}{item.price !== null ? ` · ${fmt.money(item.price)}` : ""}{wide ? ` · score ${item.score.toPrecision(3)}` : ""}
                </span>
                <span className="block text-xs text-slate-600" data-testid="reason">{item.reason}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
