"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Notice } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ModelRunStatus } from "@/lib/db/model-runs";

const POLL_MS = 400;

async function fetchRun(runId: number): Promise<ModelRunStatus> {
  const res = await fetch(`/api/model-runs/${runId}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (ModelRunStatus & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The server answered ${res.status}.`);
  return body;
}

/**
 * Follows one background analysis run: a progress bar with what it is doing, then the page's server data
 * is fetched again so the finished result shows. A failure stays on screen with its reason.
 */
export function RunProgress({ runId, label, onFinished }: { runId: number; label: string; onFinished?: (run: ModelRunStatus) => void }) {
  const router = useRouter();
  const query = useQuery({
    queryKey: ["model-run", runId],
    queryFn: () => fetchRun(runId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : POLL_MS),
    refetchIntervalInBackground: true,
  });
  const run = query.data;
  const finished = run !== undefined && run.status !== "running";
  useEffect(() => {
    if (!run || !finished) return;
    onFinished?.(run);
    if (run.status === "completed") router.refresh();
    // Once per outcome; `run` is a new object on every poll.
  }, [finished, runId]);

  if (query.isError && !run) return <Notice tone="warning">Cannot follow this computation: {query.error.message}</Notice>;
  if (run?.status === "failed") return <Notice tone="warning">{label} failed: {run.message}</Notice>;
  if (run?.status === "completed") return <p role="status" className="text-sm text-slate-600">{label} finished in {run.seconds?.toFixed(1)} s.</p>;
  const fraction = run?.progress ?? null;
  return (
    <div aria-busy="true" data-testid="run-progress">
      <ProgressBar label={label} fraction={fraction} valueText={`${Math.round((fraction ?? 0) * 100)}%, ${run?.progressNote ?? "starting"}`}>
        <span role="status">{run?.progressNote ?? "Starting…"}</span>
        <span>{run?.seconds !== null && run?.seconds !== undefined ? `${run.seconds.toFixed(0)} s` : ""}</span>
      </ProgressBar>
    </div>
  );
}

/**
 * State for a control that starts a background run: the run being followed (one already running when the
 * page opened, or the one just started), the start's error, and whether the start is in flight.
 */
export function useAnalysisRun(runningId: number | null) {
  const [runId, setRunId] = useState<number | null>(runningId);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const launch = (begin: () => Promise<{ ok: true; data: { runId: number } } | { ok: false; message: string }>) =>
    start(async () => {
      setError(null);
      const r = await begin();
      if (r.ok) setRunId(r.data.runId);
      else setError(r.message);
    });
  return { runId, error, pending, launch };
}
