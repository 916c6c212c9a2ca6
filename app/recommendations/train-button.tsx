"use client";

import { RunProgress, useAnalysisRun } from "@/components/run-progress";
import { Button } from "@/components/ui/button";
import { trainModelsAction } from "./actions";

/** Starts training every recommender and follows it; the page shows the new models when it ends. */
export function TrainButton({ label, runningId }: { label: string; runningId: number | null }) {
  const { runId, error, pending, launch } = useAnalysisRun(runningId);
  const train = () => launch(() => trainModelsAction({}));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={train} disabled={pending}>{label}</Button>
        {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
      </div>
      {runId !== null ? <RunProgress key={runId} runId={runId} label="Training the models" /> : null}
    </div>
  );
}
