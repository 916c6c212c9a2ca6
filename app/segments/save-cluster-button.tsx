"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { RuleNode } from "@/lib/segments/rules";
import { saveRuleSegmentAction } from "./rule-actions";

/** Saves a cluster as an editable rule segment made of its distinguishing conditions. */
export function SaveClusterButton({ name, rule, omitted }: { name: string; rule: RuleNode; omitted: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  const save = () =>
    start(async () => {
      const r = await saveRuleSegmentAction({ name: `${name} (from clusters)`, rule });
      const left = omitted.length ? `; ${omitted.join(", ")} ${omitted.length === 1 ? "has" : "have"} no rule field and ${omitted.length === 1 ? "is" : "are"} left out` : "";
      setNote(r.ok ? `Saved with ${r.data.memberCount.toLocaleString()} customers${left}` : r.message);
      if (r.ok) router.refresh();
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={save} disabled={pending} aria-label={`Save ${name} as a segment`}>
        {pending ? "Saving…" : "Save as segment"}
      </Button>
      {note ? <span role="status" className="text-xs text-slate-600">{note}</span> : null}
    </span>
  );
}
