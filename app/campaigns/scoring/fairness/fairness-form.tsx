import { captionClass, FairnessSettingsForm, fieldClass, GroupSettingFields, SettingSelect, type SettingOption } from "@/components/fairness/settings-form";

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

export function FairnessForm({ state, models, attributes }: { state: FairnessFormState; models: readonly SettingOption[]; attributes: readonly string[] }) {
  return (
    <FairnessSettingsForm label="Fairness report settings" testId="fairness-form">
      {state.run !== null ? <input type="hidden" name="run" value={state.run} /> : null}
      <SettingSelect label="Model" name="model" value={state.model} options={models} />
      <fieldset className="rounded-md border border-slate-200 px-3 pb-2">
        <legend className="px-1 text-xs text-slate-600">Who is selected</legend>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-1 pb-1.5">
            <input type="radio" name="cut" value="top" defaultChecked={state.cut === "top"} /> The top share
          </label>
          <label className={captionClass}>
            Top share (%)
            <input type="number" name="top" min={0.1} max={100} step="any" defaultValue={state.top} className={`${fieldClass} w-24`} />
          </label>
          <label className="flex items-center gap-1 pb-1.5">
            <input type="radio" name="cut" value="threshold" defaultChecked={state.cut === "threshold"} /> Scores at or above
          </label>
          <label className={captionClass}>
            Score threshold (0–1)
            <input type="number" name="threshold" min={0} max={1} step="any" defaultValue={state.threshold} className={`${fieldClass} w-28`} />
          </label>
        </div>
      </fieldset>
      <GroupSettingFields min={state.min} minHelpId="fairness-min-help" minHelp="Smaller groups are listed but not tested or flagged." attribute={state.attribute} attributes={attributes} />
    </FairnessSettingsForm>
  );
}
