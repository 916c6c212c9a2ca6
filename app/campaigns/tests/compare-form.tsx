/** Two GET forms to /campaigns/compare: keyboard-usable, no script needed. */
export function CompareForm({ campaigns, segments }: { campaigns: { id: number; name: string }[]; segments: { id: number; name: string }[] }) {
  const select = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  const pick = (name: string, label: string, options: { id: number; name: string }[], initial?: number) => (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={initial} className={select} required>
        {options.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
    </label>
  );
  const button = <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">Compare</button>;
  return (
    <div className="space-y-4">
      {campaigns.length < 2 ? <p className="text-sm text-slate-600">There are fewer than two campaigns to compare.</p> : (
        <form method="get" action="/campaigns/compare" aria-label="Compare two campaigns" className="flex flex-wrap items-end gap-2">
          {pick("a", "Control campaign", campaigns, campaigns[0]?.id)}
          {pick("b", "Against", campaigns, campaigns[1]?.id)}
          {button}
        </form>
      )}
      {segments.length < 2 ? <p className="text-sm text-slate-600">Save two segments on the Segments page to compare how they respond to a campaign.</p> : (
        <form method="get" action="/campaigns/compare" aria-label="Compare two segments" className="flex flex-wrap items-end gap-2">
          {pick("campaign", "Campaign", campaigns, campaigns[0]?.id)}
          {pick("segA", "Control segment", segments, segments[0]?.id)}
          {pick("segB", "Against", segments, segments[1]?.id)}
          {button}
        </form>
      )}
    </div>
  );
}
