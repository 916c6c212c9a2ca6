"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { findClustersAction } from "./actions";

/** Runs the clustering and reports how long it took, or why it could not. */
export function FindClustersButton({ label }: { label: string }) {
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  const run = () =>
    start(async () => {
      setNote(null);
      const r = await findClustersAction({ k: "auto" });
      setNote(r.ok ? `Found ${r.data.k} clusters in ${r.data.seconds.toFixed(1)} s.` : r.message);
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={run} disabled={pending} aria-describedby="clusters-status">
        {pending ? "Finding clusters…" : label}
      </Button>
      <span id="clusters-status" role="status" className="text-sm text-slate-600">
        {pending ? "Trying k = 2 to 10 and comparing them; this takes a few seconds." : note}
      </span>
    </div>
  );
}
