import { FairnessSettingsForm, GroupSettingFields, SettingSelect, type SettingOption } from "@/components/fairness/settings-form";

/** What the recommender fairness page was asked for, as the form shows it back (text, so a bad value shows as typed). */
export interface RecsFairnessFormState {
  run: string;
  algorithm: string;
  min: string;
  attribute: string;
}

export function RecsFairnessForm({ state, runs, algorithms, attributes }: { state: RecsFairnessFormState; runs: readonly SettingOption[]; algorithms: readonly SettingOption[]; attributes: readonly string[] }) {
  return (
    <FairnessSettingsForm label="Recommender fairness settings" testId="recs-fairness-form">
      <SettingSelect label="Evaluation" name="run" value={state.run} options={runs} />
      <SettingSelect label="Algorithm" name="algorithm" value={state.algorithm} options={algorithms} />
      <GroupSettingFields
        min={state.min}
        minHelpId="recs-fairness-min-help"
        minHelp="Smaller groups are listed but not compared; smaller pairs of attributes are left out."
        attribute={state.attribute}
        attributes={attributes}
      />
    </FairnessSettingsForm>
  );
}
