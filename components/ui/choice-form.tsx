import type { SearchParams } from "@/lib/url-state";

export interface Choice {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}

/**
 * Drop-downs that change what a page shows, as a GET form: the choice lands in the URL, works without
 * JavaScript and by keyboard. Every other query parameter is carried along.
 */
export function ChoiceForm({ params, choices, submitLabel = "Show", testId }: { params: SearchParams; choices: readonly Choice[]; submitLabel?: string; testId?: string }) {
  const own = new Set(choices.map((c) => c.name));
  return (
    <form method="get" className="flex flex-wrap items-end gap-2 text-sm" data-testid={testId}>
      {Object.entries(params).map(([k, v]) => {
        const s = Array.isArray(v) ? v[0] : v;
        return own.has(k) || !s ? null : <input key={k} type="hidden" name={k} value={s} />;
      })}
      {choices.map((c) => (
        <label key={c.name} className="flex flex-col text-xs text-slate-600">
          {c.label}
          <select name={c.name} defaultValue={c.value} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900">
            {c.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        {submitLabel}
      </button>
    </form>
  );
}
