/** What the fairness page was asked for, as the form shows it back (text, so a bad value is shown as typed). */
export interface FairnessFormState {
  run: number | null;
  model: string;
  cut: "top" | "threshold";
  top: string;
  threshold: string;
  min: string;
  attribute: string;
}

const field = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";
const caption = "flex flex-col text-xs text-slate-600";

/** A GET form: the settings land in the URL, so a report can be shared; works by keyboard, without script. */
export function FairnessForm({ state, models, attributes }: { state: FairnessFormState; models: readonly { value: string; label: string }[]; attributes: readonly string[] }) {
  return (
    <form method="get" aria-label="Fairness report settings" data-testid="fairness-form" className="flex flex-wrap items-end gap-4 text-sm">
      {state.run !== null ? <input type="hidden" name="run" value={state.run} /> : null}
      <label className={caption}>
        Model
        <select name="model" defaultValue={state.model} className={field}>
          {models.map((m) => (
            <option key={m.value} value={m.value}>{m.label}</option>
          ))}
        </select>
      </label>
      <fieldset className="rounded-md border border-slate-200 px-3 pb-2">
        <legend className="px-1 text-xs text-slate-600">Who is selected</legend>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-1 pb-1.5">
            <input type="radio" name="cut" value="top" defaultChecked={state.cut === "top"} /> The top share
          </label>
          <label className={caption}>
            Top share (%)
            <input type="number" name="top" min={0.1} max={100} step="any" defaultValue={state.top} className={`${field} w-24`} />
          </label>
          <label className="flex items-center gap-1 pb-1.5">
            <input type="radio" name="cut" value="threshold" defaultChecked={state.cut === "threshold"} /> Scores at or above
          </label>
          <label className={caption}>
            Score threshold (0–1)
            <input type="number" name="threshold" min={0} max={1} step="any" defaultValue={state.threshold} className={`${field} w-28`} />
          </label>
        </div>
      </fieldset>
      <label className={caption}>
        Minimum group size
        <input type="number" name="min" min={1} step={1} defaultValue={state.min} className={`${field} w-24`} aria-describedby="fairness-min-help" />
        <span id="fairness-min-help" className="sr-only">Smaller groups are listed but not tested or flagged.</span>
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
