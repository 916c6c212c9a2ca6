// The settings form of a fairness report: a GET form, so the settings land in the URL and a report can be
// shared; it works by keyboard and without script. Each page adds its own fields before the group fields.
import type { ReactNode } from "react";

export interface SettingOption {
  value: string;
  label: string;
}

export const fieldClass = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";
export const captionClass = "flex flex-col text-xs text-slate-600";

export function FairnessSettingsForm({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <form method="get" aria-label={label} data-testid={testId} className="flex flex-wrap items-end gap-4 text-sm">
      {children}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        Show report
      </button>
    </form>
  );
}

export function SettingSelect({ label, name, value, options }: { label: string; name: string; value: string; options: readonly SettingOption[] }) {
  return (
    <label className={captionClass}>
      {label}
      <select name={name} defaultValue={value} className={fieldClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

/** The minimum group size (with what happens to smaller groups, for screen readers) and the imported attribute. */
export function GroupSettingFields({ min, minHelpId, minHelp, attribute, attributes }: { min: string; minHelpId: string; minHelp: string; attribute: string; attributes: readonly string[] }) {
  return (
    <>
      <label className={captionClass}>
        Minimum group size
        <input type="number" name="min" min={1} step={1} defaultValue={min} className={`${fieldClass} w-24`} aria-describedby={minHelpId} />
        <span id={minHelpId} className="sr-only">{minHelp}</span>
      </label>
      <SettingSelect label="Also compare by" name="attribute" value={attribute} options={[{ value: "", label: "No imported attribute" }, ...attributes.map((a) => ({ value: a, label: a }))]} />
    </>
  );
}
