import { Notice, Section } from "@/components/ui/page-header";
import { countWords } from "@/lib/services/campaigns/ab-arms";
import type { AbReport } from "@/lib/services/campaigns/ab-test";

import type { Comparison } from "@/lib/stats";
import { fmt } from "../../formatting";
import { capitalised } from "@/lib/format";

const pct = (v: number | null, digits = 1) => (v === null ? "–" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(digits)}%`);
const interval = (ci: [number, number] | null) => (ci ? `${pct(ci[0])} to ${pct(ci[1])}` : "–");
const p = (v: number | null) => (v === null ? "–" : v < 0.0001 ? "< 0.0001" : v.toFixed(4));
const TONE: Record<Comparison["outcome"], string> = {
  "variant-wins": "border-emerald-300 bg-emerald-50 text-emerald-900",
  "control-wins": "border-amber-300 bg-amber-50 text-amber-900",
  equivalent: "border-sky-200 bg-sky-50 text-sky-900",
  inconclusive: "border-slate-200 bg-slate-50 text-slate-800",
  "no-data": "border-slate-200 bg-slate-50 text-slate-800",
};

const METHOD_WORDS: Record<string, string> = {
  frequentist: "Frequentist, fixed horizon: read the result once, when the planned sample is in; peeking every day inflates false wins.",
  bayesian: "Bayesian: chance to beat the control and expected loss from Beta(1, 1) priors (rates) or a normal approximation (means).",
  sequential: "Sequential: always-valid confidence sequences, so looking every day does not inflate false wins; intervals are wider than fixed-horizon ones.",
};

export function AbReportView({ report }: { report: AbReport }) {
  const [main, ...others] = report.results;
  if (!main) return <Notice tone="warning">No metric can be measured on these arms yet.</Notice>;
  const res = main.result;
  return (
    <>
      {res.srm?.flagged ? (
        <Notice tone="warning">
          Sample ratio mismatch: the arms hold {res.srm.observed.map((o) => fmt.integer(o)).join(" and ")} {report.unit === "customer" ? "customers" : "impressions"}, expected {res.srm.expected.map((e) => fmt.integer(Math.round(e))).join(" and ")} under the intended split (χ² p = {p(res.srm.pValue)}). Assignment is broken; do not trust this test&apos;s verdict until that is fixed.
        </Notice>
      ) : null}
      {!report.randomised ? <Notice tone="warning">{report.notes.find((n) => n.includes("not assigned at random") || n.includes("not assigned")) ?? "Not randomised."}</Notice> : null}
      <Section title="Verdict" description={`${res.metric.label}. ${METHOD_WORDS[res.method] ?? ""} Control: ${report.control}.${res.correction ? ` With ${res.comparisons.length} arms against the control, p-values and intervals are adjusted by ${res.correction === "holm" ? "Holm" : "Benjamini–Hochberg"}.` : ""}`}>
        <ul className="space-y-2" data-testid="ab-verdicts">
          {res.comparisons.map((c) => (
            <li key={c.variant} className={`rounded-md border px-3 py-2 text-sm font-medium ${TONE[c.outcome]}`} data-outcome={c.outcome}>
              {c.verdict}
            </li>
          ))}
        </ul>
        <div className="mt-4">
          <ComparisonTable results={[main]} testId="ab-primary" />
        </div>
        <p className="mt-3 text-xs text-slate-500">{res.notes.join(" ")}</p>
      </Section>
      <Section title="Power" description={`How big a difference this test can see, at 95% confidence and 80% power, from the control's own ${res.metric.label.toLowerCase()} and spread.`}>
        <p className="text-sm" data-testid="ab-power">
          {main.power.reason
            ? `Not available: ${main.power.reason}.`
            : `With ${fmt.integer(main.power.unitsPerArm)} ${main.exposures} in the smaller arm, the smallest lift it can detect is ${main.power.minimumDetectableEffect === null ? "none yet" : `+${(main.power.minimumDetectableEffect * 100).toFixed(1)}%`}. To detect a +${(main.power.targetLift * 100).toFixed(0)}% lift it needs about ${main.power.unitsForTarget === null ? "–" : fmt.integer(main.power.unitsForTarget)} ${main.exposures} per arm.`}
        </p>
      </Section>
      <Section title="Arms" description={`Unit: ${report.unit === "customer" ? "the customer" : "the impression"}.`}>
        <table className="min-w-full text-sm" data-testid="ab-arms">
          <caption className="sr-only">Arms of the test</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              {["Arm", "Campaign", `Assigned (${report.unit === "customer" ? "customers" : "impressions"})`, capitalised(countWords(main.metric).successes), capitalised(countWords(main.metric).trials), main.result.metric.label, "95% interval"].map((h, i) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${i > 1 ? "text-right" : ""}`}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.arms.map((a, i) => {
              const arm = res.arms[i]!;
              const isRate = res.metric.kind !== "mean";
              const value = arm.value === null ? "–" : isRate ? fmt.percent(arm.value, 2) : fmt.money(arm.value);
              const ci = arm.interval ? (isRate ? `${fmt.percent(arm.interval[0], 2)}–${fmt.percent(arm.interval[1], 2)}` : `${fmt.money(arm.interval[0])}–${fmt.money(arm.interval[1])}`) : "–";
              return (
                <tr key={a.variant} className="border-b border-slate-100">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{a.variant}{a.variant === report.control ? " (control)" : ""}</th>
                  <td className="px-3 py-2">{a.label}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(main.counts[i]!.exposures)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{main.metric === "revenue" ? fmt.money(main.counts[i]!.successes) : fmt.integer(main.counts[i]!.successes)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.integer(main.counts[i]!.trials)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{value}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{ci}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      {others.length > 0 ? (
      <Section
        title="Other metrics"
        description={`Secondary readings: the test is decided on ${res.metric.label}. ${others[0]!.result.correction ? `p-values and intervals adjusted by ${others[0]!.result.correction === "holm" ? "Holm" : "Benjamini–Hochberg"} over the ${others.reduce((n, r) => n + r.result.comparisons.length, 0)} comparisons below. ` : ""}Relative lift against the control.`}
      >
        <ComparisonTable results={others} testId="ab-metrics" />
      </Section>
      ) : null}
      {report.notes.length ? <p className="text-xs text-slate-500">{report.notes.join(" ")}</p> : null}
    </>
  );
}

function ComparisonTable({ results, testId }: { results: AbReport["results"]; testId: string }) {
  return (
        <table className="min-w-full text-sm" data-testid={testId}>
          <caption className="sr-only">Every metric of the test</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              {["Metric", "Arm", "Relative lift", "Interval", "p-value (adjusted)", "Chance to beat control", "Expected loss", "CUPED variance cut", "Reading"].map((h, i) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${i > 1 && i < 8 ? "text-right" : ""}`}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.flatMap((r) =>
              r.result.comparisons.map((c) => (
                <tr key={`${r.metric}-${c.variant}`} className="border-b border-slate-100">
                  <th scope="row" className="px-3 py-2 text-left font-medium">{r.result.metric.label}</th>
                  <td className="px-3 py-2">{c.variant}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(c.relativeLift)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{interval(c.ci)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{p(c.pValue)} ({p(c.adjustedPValue)})</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.chanceToBeatControl === null ? "–" : fmt.percent(c.chanceToBeatControl, 1)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.expectedLoss === null ? "–" : c.expectedLoss.toPrecision(2)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.cupedVarianceReduction === null ? "–" : fmt.percent(c.cupedVarianceReduction, 0)}</td>
                  <td className="px-3 py-2">{c.reason ?? c.verdict}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
  );
}
