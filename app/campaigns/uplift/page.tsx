import type { Metadata } from "next";
import Link from "next/link";
import { QiniChart } from "@/components/charts/qini-chart";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, Notice, PageHeader, Section } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { listHoldoutTests, loadUpliftRun, PERSUADABLE_UPLIFT, UPLIFT_RUN_KIND, type StoredUplift } from "@/lib/services/campaigns/uplift";
import { activeJobView } from "@/lib/services/jobs/job-view";
import { first, type SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";
import { SavePersuadablesForm } from "./save-form";
import { UpliftForm } from "./uplift-form";

export const metadata: Metadata = { title: "Uplift" };
export const dynamic = "force-dynamic";

const MODEL = { "t-learner": "Two models (T-learner)", "class-transformation": "Class transformation" } as const;
const BASE = { logistic: "logistic regression", gbt: "gradient-boosted trees", forest: "random forest" } as const;
type Observed = StoredUplift["overall"];

/** "+5.2 points (95% +1.1 to +9.3)" */
function points(o: Observed): string {
  if (o.observedUplift === null) return "–";
  const p = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
  return o.low === null || o.high === null ? `${p(o.observedUplift)} points` : `${p(o.observedUplift)} points (95% ${p(o.low)} to ${p(o.high)})`;
}

const PATH = "/campaigns/uplift";

export default async function UpliftPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePage("dashboards:read", "/campaigns/uplift");
  const sp = await searchParams;
  const asked = Number(first(sp, "run"));
  const [tests, running, run] = await Promise.all([listHoldoutTests(), activeJobView(UPLIFT_RUN_KIND), loadUpliftRun(Number.isInteger(asked) && asked > 0 ? asked : undefined)]);
  const ready = tests.filter((t) => t.problem === null).map((t) => t.testGroup);
  const r = run?.result;
  return (
    <>
      <PageHeader
        title="Uplift"
        description={
          <>
            Who buys <em>because of</em> a campaign, not just after it: measured against a randomised holdout, a share of the audience that was sent nothing.{" "}
            <Link href="/campaigns/tests" className="text-indigo-700 hover:underline">A/B tests</Link> ·{" "}
            <Link href="/campaigns/targeting" className="text-indigo-700 hover:underline">Targeting</Link>
          </>
        }
      />
      {first(sp, "run") && run?.id !== asked ? <Notice tone="warning">There is no completed uplift run {first(sp, "run")}; showing the latest.</Notice> : null}
      <Section
        title="Tests and their holdouts"
        description="A holdout is an arm of a test whose variant is named control or holdout and that delivered nothing: its rows are the held-back customers' assignments (impressions at no cost), with no clicks. A control arm that was shown a creative is an ordinary A/B arm."
      >
        {tests.length === 0 ? (
          <EmptyState title="No A/B tests yet">Import campaigns that share a test group, one campaign per arm, and name the held-back arm control or holdout.</EmptyState>
        ) : (
          <DataTable
            path={PATH}
            params={{}}
            caption="Tests and whether their uplift can be measured"
            testId="holdout-tests"
            rows={tests}
            rowKey={(t) => t.testGroup}
            columns={[
              { header: "Test", render: (t) => t.testGroup },
              { header: "Arms", render: (t) => t.arms.map((a) => `${a.variant}${a.holdout ? " (holdout)" : ""}: ${fmt.integer(a.impressions)} ${a.holdout ? "assigned" : "impressions"}, ${fmt.integer(a.clicks)} clicks`).join(" · ") },
              { header: "Uplift", render: (t) => (t.problem === null ? "ready to measure" : `not measurable: ${t.problem}`) },
            ]}
          />
        )}
      </Section>
      <Section title="Measure" description="The job splits each arm 70/30 at random, fits both uplift models on the 70% and judges them on the 30%; on the demo shop it takes a few seconds.">
        {ready.length === 0 ? (
          <p className="text-sm text-slate-600">No test has a holdout yet. Hold a random share of a campaign&rsquo;s audience back, import it as its own arm (variant holdout) in the same test group, and come back.</p>
        ) : can(caller.role, "models:train") ? (
          <UpliftForm tests={ready} runningId={running?.id ?? null} />
        ) : (
          <p className="text-sm text-slate-600">An analyst or admin can measure the uplift.</p>
        )}
      </Section>
      {!r || !run ? (
        <EmptyState title="No uplift measured yet">Pick a test with a holdout above and measure it: you will see how many more customers bought because of the campaign, who they are, and which customers to send the next one to.</EmptyState>
      ) : (
        <UpliftResult id={run.id} finishedAt={run.finishedAt} r={r} canSave={can(caller.role, "segments:write")} />
      )}
    </>
  );
}

function UpliftResult({ id, finishedAt, r, canSave }: { id: number; finishedAt: Date | null; r: StoredUplift; canSave: boolean }) {
  const best = r.models.find((m) => m.kind === r.best)!;
  const treatedArms = r.arms.filter((a) => !a.holdout).map((a) => a.variant).join(" and ");
  const days = r.settings.windowDays;
  const o = r.overall;
  const unsure = o.low !== null && o.high !== null && o.low <= 0 && o.high >= 0;
  const c = r.segments.counts;
  return (
    <>
      <Section
        title={`${r.settings.testGroup} — run ${id}`}
        description={`Measured ${finishedAt ? fmt.dateTime(finishedAt) : ""} on ${fmt.integer(o.rows)} assigned customers (${fmt.integer(o.treated)} got ${treatedArms}, ${fmt.integer(o.control)} were held out); a purchase counts within ${days} days of assignment; models built on ${BASE[r.settings.base]}; data up to ${r.asOf}.`}
      >
        <p className="text-sm" data-testid="uplift-headline">
          Of the customers who got {treatedArms}, {fmt.percent(o.treatedRate ?? NaN)} bought within {days} days, against {fmt.percent(o.controlRate ?? NaN)} of the holdout: {points(o)}.
          {unsure ? " The interval includes zero, so the campaign's effect could be chance." : o.low !== null && o.low > 0 ? ` About ${fmt.integer(Math.round((o.observedUplift ?? 0) * o.treated))} of its ${fmt.integer(o.treatedConversions)} buyers bought because of it.` : ""}
        </p>
        {r.inBoth > 0 ? <Notice tone="warning">{fmt.integer(r.inBoth)} customers were found in both the holdout and a treated arm, so the assignment was not clean; they are left out.</Notice> : null}
      </Section>
      <Section title="Which model finds the persuadables" description={`Judged on ${fmt.integer(r.rows.test)} customers the models never saw. The Qini coefficient is 0 for random targeting and 1 for a perfect ranking.`}>
        <DataTable
          path={PATH}
          params={{}}
          caption="Held-out quality of each uplift model"
          testId="uplift-models"
          rows={r.models}
          rowKey={(m) => m.kind}
          columns={[
            { header: "Model", render: (m) => `${MODEL[m.kind]}${m.kind === r.best ? " (best)" : ""}` },
            { header: "Qini coefficient", align: "right", render: (m) => m.qini.coefficient.toFixed(3) },
            { header: `Uplift in the top ${Math.round(r.topShare * 100)}%`, align: "right", render: (m) => points(m.top) },
            { header: "Uplift over everyone", align: "right", render: (m) => points(m.overall) },
            { header: "Fit seconds", align: "right", render: (m) => m.seconds.toFixed(1) },
          ]}
        />
        <p className="mt-3 text-sm">
          Sending only to the top {Math.round(r.topShare * 100)}% by the {MODEL[best.kind].toLowerCase()} gains {points(best.top)} per customer, against {points(best.overall)} for sending to everyone.
        </p>
        <div className="mt-4">
          <QiniChart series={r.models.map((m) => ({ name: MODEL[m.kind], points: m.curve }))} />
        </div>
      </Section>
      <Section title="Uplift by decile" description={`The test customers ranked by the ${MODEL[best.kind].toLowerCase()}'s predicted uplift, highest first; each decile's purchase rates in the two arms.`}>
        <DataTable
          path={PATH}
          params={{}}
          caption="Uplift by decile of predicted uplift"
          testId="uplift-deciles"
          rows={best.deciles}
          rowKey={(d) => d.decile}
          columns={[
            { header: "Decile", render: (d) => d.decile },
            { header: "Got it / held out", align: "right", render: (d) => `${fmt.integer(d.treated)} / ${fmt.integer(d.control)}` },
            { header: "Bought (got it)", align: "right", render: (d) => (d.treatedRate === null ? "–" : fmt.percent(d.treatedRate)) },
            { header: "Bought (held out)", align: "right", render: (d) => (d.controlRate === null ? "–" : fmt.percent(d.controlRate)) },
            { header: "Observed uplift", align: "right", render: (d) => points(d) },
            { header: "Predicted", align: "right", render: (d) => `${(d.meanPredicted * 100).toFixed(1)} points` },
          ]}
        />
      </Section>
      <Section title="Whom to send it to next" description={`Every customer of the shop today (${fmt.integer(r.segments.customers)}), by the two-model predictions of buying with and without the campaign.`}>
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="uplift-segments">
          <li><strong>{fmt.integer(c.persuadable)} persuadables</strong>: at least {Math.round(PERSUADABLE_UPLIFT * 100)} points likelier to buy when they get it. Send it to them.</li>
          <li><strong>{fmt.integer(c["sure-thing"])} sure things</strong>: likely to buy anyway; the campaign adds little.</li>
          <li><strong>{fmt.integer(c["lost-cause"])} lost causes</strong>: unlikely to buy either way.</li>
          <li><strong>{fmt.integer(c["sleeping-dog"])} sleeping dogs</strong>: less likely to buy when they get it. Leave them out.</li>
        </ul>
        <p className="mt-3 text-sm">
          The {MODEL[best.kind].toLowerCase()} picks {fmt.integer(r.persuadables.count)} persuadables, with a mean predicted uplift of {(r.persuadables.meanUplift * 100).toFixed(1)} points.
        </p>
        <div className="mt-3">
          {canSave ? <SavePersuadablesForm runId={id} size={r.persuadables.count} /> : <p className="text-sm text-slate-600">An analyst or admin can save them as a segment.</p>}
        </div>
      </Section>
    </>
  );
}
