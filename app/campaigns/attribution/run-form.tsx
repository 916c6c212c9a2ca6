"use client";

import { useState } from "react";
import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import type { AttributionRequest } from "@/lib/services/campaigns/attribution";
import { runAttributionAction } from "./actions";

const field = "mt-1 w-24 rounded-md border border-slate-300 px-2 py-1 text-sm";

/** The lookback windows and the time-decay half-life; starts the run and follows it. */
export function AttributionRunForm({ initial, runningId }: { initial: AttributionRequest; runningId: number | null }) {
  const [s, setS] = useState(initial);
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const number = (key: "clickWindowDays" | "impressionWindowDays" | "halfLifeDays") => (e: React.ChangeEvent<HTMLInputElement>) => setS({ ...s, [key]: e.target.value === "" ? Number.NaN : Number(e.target.value) });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    launch(() => runAttributionAction(s));
  };
  return (
    <form onSubmit={submit} aria-label="Attribution settings" className="space-y-3">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col">
          Click window (days)
          <input type="number" min={1} max={90} step={1} value={Number.isNaN(s.clickWindowDays) ? "" : s.clickWindowDays} onChange={number("clickWindowDays")} className={field} />
        </label>
        <label className="flex items-center gap-2 pb-1.5">
          <input type="checkbox" checked={s.includeImpressions} onChange={(e) => setS({ ...s, includeImpressions: e.target.checked })} />
          Count impressions too
        </label>
        <label className="flex flex-col">
          Impression window (days)
          <input type="number" min={0} max={30} step={1} value={Number.isNaN(s.impressionWindowDays) ? "" : s.impressionWindowDays} onChange={number("impressionWindowDays")} disabled={!s.includeImpressions} className={field} />
        </label>
        <label className="flex flex-col">
          Time-decay half-life (days)
          <input type="number" min={0.5} max={90} step={0.5} value={Number.isNaN(s.halfLifeDays) ? "" : s.halfLifeDays} onChange={number("halfLifeDays")} className={field} />
        </label>
        <Button type="submit" disabled={pending}>
          Run attribution
        </Button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Attributing purchases" /> : null}
    </form>
  );
}
