import { DataTable } from "@/components/ui/data-table";
import { Notice, Section } from "@/components/ui/page-header";
import type { ModelEvaluationRow, StoredScoring } from "@/lib/services/scoring/training";
import { fmt } from "../../formatting";

export const MODEL_LABEL: Record<string, string> = { logistic: "Logistic regression", gbt: "Gradient-boosted trees", forest: "Random forest" };

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What ModelTable shows: the shop's training runs and a scored file both store it. */
export interface ModelQuality {
  evaluations: readonly Omit<ModelEvaluationRow, "importance" | "oddsRatios">[];
  best: ModelEvaluationRow["kind"];
  baseline: StoredScoring["baseline"];
}

/** Each model's held-out figures beside the constant baseline, and the best model's deciles and calibration.
 * `testIds` prefixes the tables' test ids; `positives` names what the deciles count. */
export function ModelTable({ result: r, labels, path = "/campaigns/scoring", testIds = "scoring", positives = "the positives" }: { result: ModelQuality; labels: Record<string, string>; path?: string; testIds?: string; positives?: string }) {
  const best = r.evaluations.find((e) => e.kind === r.best)!;
  return (
    <>
      {r.evaluations.flatMap((e) => (e.warning ? [<Notice key={e.kind} tone="warning">{labels[e.kind]}: {e.warning}</Notice>] : []))}
      <DataTable path={path} params={{}}
        caption="Held-out quality of each model"
        testId={`${testIds}-models`}
        rows={r.evaluations}
        rowKey={(e) => e.kind}
        columns={[
          { header: "Model", render: (e) => labels[e.kind] },
          { header: "ROC AUC (95%)", align: "right", render: (e) => `${f3(e.auc)} (${f3(e.aucLow)}–${f3(e.aucHigh)})` },
          { header: "PR AUC", align: "right", render: (e) => f3(e.averagePrecision) },
          { header: "Log-loss", align: "right", render: (e) => `${e.logLoss.toFixed(4)} (baseline ${r.baseline.logLoss.toFixed(4)})` },
          { header: "Brier", align: "right", render: (e) => `${e.brier.toFixed(4)} (baseline ${r.baseline.brier.toFixed(4)})` },
          { header: "Calibration", render: (e) => (e.calibrationMethod === "none" ? "as fitted" : e.calibrationMethod) },
          { header: "Fit", align: "right", render: (e) => `${e.fitSeconds.toFixed(1)} s${e.tuningSeconds ? ` (+ ${e.tuningSeconds.toFixed(1)} s tuning)` : ""}` },
        ]}
      />
      <h3 className="mt-6 mb-2 text-sm font-semibold">Gain and lift by decile — {labels[best.kind]}</h3>
      <p className="mb-2 text-sm text-slate-600">
        The test rows ranked by score: the top 10% hold {pct(best.deciles[0]?.cumulativeShare ?? 0)} of {positives}, the top 30% {pct(best.deciles[2]?.cumulativeShare ?? 0)}.
      </p>
      <DataTable path={path} params={{}}
        caption="Gain and lift by decile of the best model"
        testId={`${testIds}-deciles`}
        rows={best.deciles}
        rowKey={(d) => d.decile}
        columns={[
          { header: "Decile", render: (d) => d.decile },
          { header: "Rows", align: "right", render: (d) => fmt.integer(d.count) },
          { header: "Positives", align: "right", render: (d) => fmt.integer(d.positives) },
          { header: "Rate", align: "right", render: (d) => pct(d.rate) },
          { header: "Lift", align: "right", render: (d) => `${d.lift.toFixed(2)}×` },
          { header: "Cumulative share", align: "right", render: (d) => pct(d.cumulativeShare) },
        ]}
      />
      <h3 className="mt-6 mb-2 text-sm font-semibold">Calibration — {labels[best.kind]}</h3>
      <p className="mb-2 text-sm text-slate-600">Predicted against observed rates in tenths of the test rows; a calibrated model has them close. Expected calibration error {pct(best.calibration.ece)}.</p>
      <DataTable path={path} params={{}}
        caption="Calibration of the best model"
        testId={`${testIds}-calibration`}
        rows={best.calibration.bins}
        rowKey={(b) => `${b.lower}-${b.upper}`}
        columns={[
          { header: "Predicted", align: "right", render: (b) => pct(b.meanPredicted) },
          { header: "Observed (95%)", align: "right", render: (b) => `${pct(b.observedRate)} (${pct(b.low)}–${pct(b.high)})` },
          { header: "Rows", align: "right", render: (b) => fmt.integer(b.count) },
        ]}
      />
    </>
  );
}

/** What drives one model: odds ratios in words (logistic regression) and permutation importance. */
export function ModelDrivers({ evaluation: e, label, noun }: { evaluation: ModelEvaluationRow; label: string; noun: string }) {
  const top = e.importance.filter((d) => d.drop > 0).slice(0, 8);
  return (
    <Section title={`What drives it — ${label}`} description={`Permutation importance: how much the held-out AUC falls when one feature's values are shuffled across rows.`}>
      {top.length ? (
        <ol className="mb-4 list-decimal space-y-1 pl-5 text-sm" data-testid={`importance-${e.kind}`}>
          {top.map((d) => (
            <li key={d.feature}>
              {d.feature}: AUC falls by {d.drop.toFixed(3)} (± {d.sd.toFixed(3)})
            </li>
          ))}
        </ol>
      ) : (
        <p className="mb-4 text-sm text-slate-600">No feature lowers the held-out AUC when shuffled: the model finds little beyond chance in these {noun}.</p>
      )}
      {e.oddsRatios ? (
        <>
          <h3 className="mb-2 text-sm font-semibold">Odds ratios</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="odds-ratios">
            {e.oddsRatios.slice(0, 12).map((o) => (
              <li key={`${o.feature}|${o.level ?? ""}`}>{o.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
