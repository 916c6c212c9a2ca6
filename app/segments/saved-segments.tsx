import Link from "next/link";
import { EmptyState } from "@/components/ui/page-header";
import type { SavedSegment } from "@/lib/db/segments";
import { fmt } from "../formatting";
import { DeleteSegmentButton } from "./delete-segment-button";

/** Saved rule segments with their rule in words, size when saved, and the export. */
export function SavedSegments({ segments }: { segments: readonly SavedSegment[] }) {
  if (segments.length === 0) return <EmptyState title="No saved segments yet">Build a rule above, check its count, name it and save it.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="saved-segments">
      {segments.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
          <div>
            <Link href={`/segments/${s.id}`} className="font-medium text-indigo-700 underline">{s.name}</Link>
            <p className="text-sm text-slate-600">{s.description}</p>
            <p className="text-xs text-slate-500">
              {fmt.integer(s.memberCount)} customers when saved{s.computedAt ? ` (${fmt.dateTime(s.computedAt)})` : ""}; the export runs the rule on today&rsquo;s data.
            </p>
          </div>
          <div className="flex gap-2">
            <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" href={`/api/segments/${s.id}/export`} download>
              Export CSV
            </a>
            <DeleteSegmentButton id={s.id} name={s.name} />
          </div>
        </li>
      ))}
    </ul>
  );
}
