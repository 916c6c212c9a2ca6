/** What the recommender fairness page was asked for, as the form shows it back (text, so a bad value shows as typed). */
export interface RecsFairnessFormState {
  run: string;
  algorithm: string;
  min: string;
  attribute: string;
}

export interface Option {
  value: string;
  label: string;
}

const field = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";
const caption = "flex flex-col text-xs text-slate-600";

/** A GET form: the settings land in the URL, so a report can be shared; works by keyboard, without script. */
export function RecsFairnessForm({ state, runs, algorithms, attributes }: { state: RecsFairnessFormState; runs: readonly Option[]; algorithms: readonly Option[]; attributes: readonly string[] }) {
  return (
    <form method="get" aria-label="Recommender fairness settings" data-testid="recs-fairness-form" className="flex flex-wrap items-end gap-4 text-sm">
      <label className={caption}>
        Evaluation
        <select name="run" defaultValue={state.run} className={field}>
          {runs.map((r) => (
            <option key={r.value} value={r.value}>{r.label}</option>
          ))}
        </select>
      </label>
      <label className={caption}>
        Algorithm
        <select name="algorithm" defaultValue={state.algorithm} className={field}>
          {algorithms.map((a) => (
            <option key={a.value} value={a.value}>{a.label}</option>
          ))}
        </select>
      </label>
      <label className={caption}>
        Minimum group size
        <input type="number" name="min" min={1} step={1} defaultValue={state.min} className={`${field} w-24`} aria-describedby="recs-fairness-min-help" />
        <span id="recs-fairness-min-help" className="sr-only">Smaller groups are listed but not compared; smaller pairs of attributes are left out.</span>
      </label>
      <label className={caption}>
        Also compare by
        <select name="attribute" defaultValue={state.attribute} className={field}>
          <option value="">No imported attribute</option>
          {attributes.map((a) => (
            <option key={a} value={a}>{a}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        Show report
      </button>
    </form>
  );
}
