"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { RuleNode } from "@/lib/segments/rules";
import { saveRuleSegmentAction } from "./rule-actions";

interface Props {
  /** What the button saves, for its accessible name ("Save Champions as a segment"). */
  what: string;
  /** The saved segment's name. */
  name: string;
  rule: RuleNode;
  /** Said after the count once saved, e.g. what the rule leaves out. */
  note?: string;
}

/** Saves a cluster or an RFM segment as an editable rule segment and says how many customers it holds. */
export function SaveRuleButton({ what, name, rule, note }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const save = () =>
    start(async () => {
      const r = await saveRuleSegmentAction({ name, rule });
      setStatus(r.ok ? `Saved with ${r.data.memberCount.toLocaleString()} customers${note ? `; ${note}` : ""}` : r.message);
      if (r.ok) router.refresh();
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={save} disabled={pending} aria-label={`Save ${what} as a segment`}>
        {pending ? "Saving…" : "Save as segment"}
      </Button>
      {status ? <span role="status" className="text-xs text-slate-600">{status}</span> : null}
    </span>
  );
}
