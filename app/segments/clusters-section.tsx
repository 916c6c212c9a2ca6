import { ClusterScatter } from "@/components/charts/cluster-scatter";
import { ExploreKChart } from "@/components/charts/explore-k-chart";
import { EmptyState, Notice, Section } from "@/components/ui/page-header";
import type { JobResultRow } from "@/lib/db/jobs";
import type { JobView } from "@/lib/services/jobs/job-view";
import { type FeatureId, featureLabel } from "@/lib/ml/customer-features";
import { clusterRule } from "@/lib/segments/cluster-rule";
import { type ClusterResult, clusterName } from "@/lib/services/segments/clusters";
import { fmt } from "../formatting";
import { ClusterName } from "./cluster-name";
import { FindClustersForm } from "./find-clusters-form";
import { SaveRuleButton } from "./save-rule-button";

const signed = (z: number) => `${z >= 0 ? "+" : "−"}${Math.abs(z).toFixed(1)} sd`;
const DEFAULT_FEATURES: FeatureId[] = ["recencyDays", "frequency", "monetary"];

interface Props {
  run: JobResultRow<ClusterResult> | null;
  running: JobView | null;
  lastImportAt: Date | null;
  categories: string[];
  /** What the viewer may do here (the actions check again). */
  can: { train: boolean; edit: boolean };
}

/** The last stored k-means run: clusters described in words, how k was chosen, and a form to run it again. */
export function ClustersSection({ run, running, lastImportAt, categories, can }: Props) {
  const form = (label: string) => !can.train ? <p className="text-sm text-slate-600">An analyst or admin can find clusters.</p> : <FindClustersForm initial={run?.result.features ?? DEFAULT_FEATURES} categories={categories} runningId={running?.id ?? null} label={label} />;
  // The form sits at the same place in both layouts, so the run it follows survives the refresh that
  // replaces "no clusters yet" with the result.
  if (!run) {
    return (
      <Section title="Clusters">
        <EmptyState title="No clusters yet">
          <p className="mb-4">K-means groups customers by the features you pick (recency, orders and revenue to start with) and describes each group in words.</p>
        </EmptyState>
        <div className="mt-6 border-t border-slate-100 pt-4">{form("Find clusters")}</div>
      </Section>
    );
  }
  const r = run.result;
  const asOf = Date.parse(`${r.asOf}T00:00:00Z`);
  const stale = lastImportAt !== null && lastImportAt > run.finishedAt;
  const names = r.profiles.map((_, j) => clusterName(r, j));
  return (
    <Section title="Clusters" description={`K-means on ${r.features.map((f) => featureLabel(f).toLowerCase()).join(", ")} (log1p, then z-scored) for ${fmt.integer(r.customers)} customers, as of ${r.asOf}. Computed ${fmt.dateTime(run.finishedAt)} in ${r.seconds.toFixed(1)} s.`}>
      <>
      {stale ? <Notice tone="warning">Data was imported after these clusters were computed ({fmt.dateTime(lastImportAt)}). They are not recomputed automatically: find them again to include it.</Notice> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="clusters">
          <caption className="sr-only">Clusters</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-3 py-2 font-medium">Cluster</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Customers</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Share</th>
              {r.features.map((f) => (
                <th key={f} scope="col" className="px-3 py-2 text-right font-medium">{featureLabel(f)}</th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">Sets it apart</th>
              <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Save</span></th>
            </tr>
          </thead>
          <tbody>
            {r.profiles.map((p, j) => {
              const saved = p.ranges ? clusterRule(p.ranges, asOf) : null;
              return (
                <tr key={`${run.id}-${j}`} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {can.edit ? <ClusterName runId={run.id} cluster={j} name={names[j]!} generated={p.name} /> : names[j]}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(p.size)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.percent(p.share, 1)}</td>
                  {r.features.map((f) => (
                    <td key={f} className="px-3 py-2 text-right tabular-nums">{formatFeature(f, p.deviations.find((d) => d.feature === f)?.mean ?? 0)}</td>
                  ))}
                  <td className="px-3 py-2 text-slate-600">
                    {p.deviations.slice(0, 2).map((d) => `${featureLabel(d.feature).toLowerCase()} ${signed(d.z)}`).join("; ")}
                  </td>
                  <td className="px-3 py-2">{saved && saved.rule.all.length > 0 && can.edit ? <SaveRuleButton what={names[j]!} name={`${names[j]!} (from clusters)`} rule={saved.rule} note={omittedNote(saved.omitted)} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {r.scatter ? <ClusterScatter points={r.scatter.points} names={names} explained={r.scatter.explained} /> : null}
      {r.suggestion ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium">Why k = {r.k}</summary>
          <p className="mt-2 text-slate-700" data-testid="k-reason">{r.suggestion.reason}</p>
          <ExploreKChart tried={r.suggestion.tried} chosen={r.k} />
          <table className="mt-2 text-xs tabular-nums" data-testid="k-tried">
            <caption className="sr-only">Inertia and silhouette for each k tried</caption>
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="pr-4">k</th>
                <th scope="col" className="pr-4 text-right">Inertia</th>
                <th scope="col" className="text-right">Silhouette</th>
              </tr>
            </thead>
            <tbody>
              {r.suggestion.tried.map((t) => (
                <tr key={t.k} className={t.k === r.k ? "font-semibold" : ""}>
                  <td className="pr-4">{t.k}</td>
                  <td className="pr-4 text-right">{fmt.integer(t.inertia)}</td>
                  <td className="text-right">{t.silhouette.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">
        &ldquo;Save as segment&rdquo; saves the cluster as distinguishing conditions (each feature between the cluster&rsquo;s 10th and 90th percentile), an editable rule that approximates it rather than a snapshot of its members. Features with no matching rule field are left out of the rule, and the button says which.
      </p>
      </>
      <div className="mt-6 border-t border-slate-100 pt-4">{form("Find clusters again")}</div>
    </Section>
  );
}

function omittedNote(omitted: FeatureId[]): string | undefined {
  if (omitted.length === 0) return undefined;
  const one = omitted.length === 1;
  return `${omitted.map((f) => featureLabel(f).toLowerCase()).join(", ")} ${one ? "has" : "have"} no rule field and ${one ? "is" : "are"} left out`;
}

function formatFeature(f: FeatureId, v: number): string {
  if (f.startsWith("share:")) return fmt.percent(v, 0);
  return Math.abs(v) < 10 ? v.toFixed(1) : fmt.integer(v);
}
