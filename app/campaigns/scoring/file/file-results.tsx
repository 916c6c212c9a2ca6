import { Section } from "@/components/ui/page-header";
import type { LoadedFileScoring, StoredFileScoring } from "@/lib/services/scoring/file-evaluation";
import { fmt } from "../../../formatting";
import { MODEL_LABEL, ModelTable } from "../tables";

const PATH = "/campaigns/scoring/file";

function splitText(r: StoredFileScoring): string {
  const share = fmt.percent(r.settings.testShare, 0);
  if (r.settings.split === "random") return `a random ${share} of rows, with the same share of positives on both sides (seed ${r.settings.seed})`;
  return `the latest ${share} of rows ${r.timeColumn ? `by ${r.timeColumn}` : "in file order"}`;
}

/** How each column was read, in words. */
function ColumnNotes({ r }: { r: StoredFileScoring }) {
  const of = (kind: StoredFileScoring["columns"][number]["kind"]) => r.columns.filter((c) => c.kind === kind);
  const [numeric, categorical, dates, dropped] = [of("numeric"), of("categorical"), of("date"), of("dropped")];
  const missing = (c: { missing: number | null }) => (c.missing ? `, ${fmt.integer(c.missing)} missing` : "");
  return (
    <ul className="mb-4 list-disc space-y-1 pl-5 text-sm" data-testid="scoring-file-kinds">
      <li>Numbers: {numeric.map((c) => `${c.name}${missing(c)}`).join("; ") || "none"}.</li>
      <li>Categories: {categorical.map((c) => `${c.name} (${fmt.integer(c.levels ?? 0)} values${missing(c)})`).join("; ") || "none"}.</li>
      {dates.length ? <li>Dates, which order a time split and are not features: {dates.map((c) => c.name).join(", ")}.</li> : null}
      {dropped.length ? <li>Left out: {dropped.map((c) => c.name).join(", ")}.</li> : null}
      {r.leftOut ? <li>{fmt.integer(r.leftOut)} rows had no value in {r.target.name} and were left out.</li> : null}
    </ul>
  );
}

/** A finished evaluation of an uploaded file: how it was read, each model beside the baseline, the best one's deciles and calibration. */
export function FileScoringResults({ run }: { run: LoadedFileScoring }) {
  const r = run.result;
  const outcome = `${r.target.name} = ${r.target.positive}`;
  return (
    <Section
      title={`${r.fileName}: predicting ${outcome} — run ${run.id}`}
      description={`Scored ${fmt.dateTime(run.finishedAt)}: trained on ${fmt.integer(r.rows.train)} rows (${fmt.integer(r.positives.train)} with ${outcome}), tested on ${fmt.integer(r.rows.test)} (${fmt.integer(r.positives.test)}, ${fmt.percent(r.positives.test / r.rows.test)}): ${splitText(r)}. Best: ${MODEL_LABEL[r.best]}.`}
    >
      <ColumnNotes r={r} />
      <p className="mb-4 text-sm text-slate-600">The baseline gives every test row the same chance, the test rows&rsquo; share of positives: a model is worth using when its log-loss and Brier score are below the baseline&rsquo;s and its AUC is clear of 0.5.</p>
      <ModelTable result={r} labels={MODEL_LABEL} path={PATH} testIds="scoring-file" positives={`the rows with ${outcome}`} />
    </Section>
  );
}
