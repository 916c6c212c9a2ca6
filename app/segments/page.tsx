import type { Metadata } from "next";
import { CustomersTable } from "@/components/tables/customers-table";
import { PageHeader, Section } from "@/components/ui/page-header";
import { countCustomersBy, type Breakdown } from "@/lib/db/customers";
import { lastImportAt } from "@/lib/db/imports";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { topCategories } from "@/lib/db/customer-extras";
import { baseStats, segmentStats, type SegmentStats } from "@/lib/db/segment-profile";
import { listCustomerAttributeNames, listSegments } from "@/lib/db/segments";
import { CLUSTER_RUN_KIND, latestClusters } from "@/lib/services/segments/clusters";
import { computeRfmMovement, currentRfmSummary, type RfmMovementSummary } from "@/lib/services/segments/rfm";
import { first } from "@/lib/url-state";
import { DAY_MS, dayProblem, isoDay, parseDay } from "@/lib/days";
import type { SearchParams } from "@/lib/url-state";
import { fmt } from "../formatting";
import { ClustersSection } from "./clusters-section";
import { MovementSection } from "./movement-section";
import { RfmSection } from "./rfm-section";
import { RuleBuilder } from "./rule-builder";
import { SavedSegments } from "./saved-segments";
import { piiView } from "@/lib/auth/mask";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Segments" };
export const dynamic = "force-dynamic";

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/segments");
  const sp = await searchParams;
  const [countries, genders, education] = await Promise.all([countCustomersBy("country"), countCustomersBy("gender"), countCustomersBy("education")]);
  const rfm = await currentRfmSummary();
  const [movement, clusters, running, importedAt, saved, base, categories, attributes] = await Promise.all([
    readMovement(sp, rfm.asOf),
    latestClusters(),
    activeJobView(CLUSTER_RUN_KIND),
    lastImportAt(),
    listSegments(),
    baseStats(),
    topCategories(Date.parse(`${rfm.asOf}T00:00:00Z`)),
    listCustomerAttributeNames(),
  ]);
  const stats = new Map<number, SegmentStats>();
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request, so the request time is the intended input, not an unstable re-render value.
  const now = Date.now(); // one instant for every segment, so their counts compare
  for (const s of saved) if (s.rule) stats.set(s.id, await segmentStats(s.rule, now, base));
  return (
    <>
      <PageHeader title="Segments" description="Who your customers are: RFM segments by purchase behaviour, the customer base by attribute, and every customer with their purchase history." />
      <RfmSection summary={rfm} params={sp} canSave={can(caller.role, "segments:write")} />
      {rfm.customers > 0 ? <MovementSection {...movement} /> : null}
      <ClustersSection run={clusters} running={running} lastImportAt={importedAt} categories={categories} can={{ train: can(caller.role, "models:train"), edit: can(caller.role, "segments:write") }} />
      <Section title="Build a segment" description="Conditions on customer fields, purchase history and attributes imported from your files; the count updates as you change them.">
        {can(caller.role, "segments:write") ? <RuleBuilder attributes={attributes} personal={can(caller.role, "pii:read")} /> : <p className="text-sm text-slate-600">A marketer, analyst or admin can build and save segments; your role reads them.</p>}
      </Section>
      <Section title="Saved segments">
        <SavedSegments segments={saved} stats={stats} canDelete={can(caller.role, "segments:write")} />
      </Section>
      <div className="grid gap-6 md:grid-cols-3">
        <BreakdownCard title="By country" rows={countries} limit={8} />
        <BreakdownCard title="By gender" rows={genders} labels={{ F: "Female", M: "Male", X: "Other / not stated" }} />
        <BreakdownCard title="By education" rows={education} />
      </div>
      <Section title="Customers" description="Orders and revenue count purchase events over all time.">
        <CustomersTable path="/segments" params={sp} keep={[]} pii={piiView(caller.role)} />
      </Section>
    </>
  );
}

function BreakdownCard({ title, rows, limit = 10, labels = {} }: { title: string; rows: Breakdown[]; limit?: number; labels?: Record<string, string> }) {
  const total = rows.reduce((a, r) => a + r.count, 0);
  const shown = rows.slice(0, limit);
  const rest = rows.slice(limit).reduce((a, r) => a + r.count, 0);
  const items = rest > 0 ? [...shown, { value: `${rows.length - limit} more`, count: rest }] : shown;
  return (
    <Section title={title}>
      <ul className="space-y-2 text-sm" data-testid={`breakdown-${title.toLowerCase().replace(/\s+/g, "-")}`}>
        {items.map((r) => {
          const share = total ? r.count / total : 0;
          const label = r.value === null ? "Unknown" : labels[r.value] ?? r.value;
          return (
            <li key={label}>
              <div className="flex justify-between gap-2">
                <span>{label}</span>
                <span className="tabular-nums text-slate-600">{fmt.integer(r.count)} · {fmt.percent(share, 0)}</span>
              </div>
              <div className="mt-1 h-1.5 rounded bg-slate-100" aria-hidden="true">
                <div className="h-1.5 rounded bg-indigo-500" style={{ width: `${(share * 100).toFixed(1)}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** The two dates from the URL (defaults: 90 days before the RFM date, and that date); computed only when asked. */
async function readMovement(sp: SearchParams, asOf: string): Promise<{ from: string; to: string; movement: RfmMovementSummary | null; error: string | null }> {
  const defaults = { from: isoDay(parseDay(asOf)! - 90 * DAY_MS), to: asOf };
  const from = first(sp, "rfmFrom");
  const to = first(sp, "rfmTo");
  if (from === undefined && to === undefined) return { ...defaults, movement: null, error: null };
  if (!from || !to) return { ...defaults, movement: null, error: "Pick two dates to compare." };
  const problem = dayProblem(from) ?? dayProblem(to);
  if (problem) return { ...defaults, movement: null, error: `${problem[0]!.toUpperCase()}${problem.slice(1)}.` };
  if (from >= to) return { from, to, movement: null, error: "The first date must come before the second." };
  return { from, to, movement: await computeRfmMovement(parseDay(from)!, parseDay(to)!), error: null };
}
