import Link from "next/link";
import { EmptyState } from "@/components/ui/page-header";
import type { SegmentStats } from "@/lib/db/segment-profile";
import type { SavedSegment } from "@/lib/db/segments";
import { fmt } from "../formatting";
import { DeleteSegmentButton } from "./delete-segment-button";

/** Saved rule segments with their rule in words, today's size and revenue share, the change since saved, and the export. */
export function SavedSegments({ segments, stats, canDelete }: { segments: readonly SavedSegment[]; stats: ReadonlyMap<number, SegmentStats>; canDelete: boolean }) {
  if (segments.length === 0) return <EmptyState title="No saved segments yet">Build a rule above, check its count, name it and save it.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="saved-segments">
      {segments.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
          <div>
            <Link href={`/segments/${s.id}`} className="font-medium text-indigo-700 underline">{s.name}</Link>
            <p className="text-sm text-slate-600">{s.description}</p>
            <SegmentFigures saved={s} stats={stats.get(s.id)} />
          </div>
          <div className="flex gap-2">
            <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" href={`/api/segments/${s.id}/export`} download>
              Export CSV
            </a>
            {canDelete ? <DeleteSegmentButton id={s.id} name={s.name} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function SegmentFigures({ saved, stats }: { saved: SavedSegment; stats: SegmentStats | undefined }) {
  const when = saved.computedAt ? ` (${fmt.dateTime(saved.computedAt)})` : "";
  if (!stats) return <p className="text-xs text-slate-500">{fmt.integer(saved.memberCount)} customers when saved{when}.</p>;
  const change = stats.members - saved.memberCount;
  const trend = change === 0 ? "no change since saved" : `${change > 0 ? "▲ +" : "▼ −"}${fmt.integer(Math.abs(change))} since saved${when}`;
  return (
    <p className="text-xs text-slate-600 tabular-nums" data-testid="segment-figures">
      <strong className="font-semibold">{fmt.integer(stats.members)}</strong> customers today · {fmt.percent(stats.customers ? stats.members / stats.customers : 0, 1)} of customers · {fmt.percent(stats.totalRevenue ? stats.revenue / stats.totalRevenue : 0, 1)} of revenue ·{" "}
      <span className={change > 0 ? "text-emerald-700" : change < 0 ? "text-red-700" : "text-slate-500"}>{trend}</span>
    </p>
  );
}
