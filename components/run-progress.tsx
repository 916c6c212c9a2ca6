"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cancelJobAction } from "@/app/jobs/actions";
import type { JobView } from "@/lib/services/jobs/job-view";
import { useJob } from "./use-job";

/** Cancel for any job the page follows: a queued one stops at once, a running one at its next step. */
export function CancelJobButton({ jobId, label = "Cancel" }: { jobId: number; label?: string }) {
  const [pending, start] = useTransition();
  const [note, setNote] = useState<{ text: string; final: boolean } | null>(null);
  const cancel = () =>
    start(async () => {
      const r = await cancelJobAction({ jobId });
      // A cancel that could not be delivered can be tried again; one that was, not.
      if (!r.ok) setNote({ text: r.message, final: false });
      else setNote({ text: r.data.outcome === "requested" ? "Cancelling at the next step…" : r.data.outcome === "cancelled" ? "Cancelled." : "It had already finished.", final: true });
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="danger" onClick={cancel} disabled={pending || note?.final === true}>
        {label}
      </Button>
      {note ? <span className="text-sm text-slate-600">{note.text}</span> : null}
    </span>
  );
}

/**
 * Follows one background job: a progress bar with what it is doing and a Cancel button, then the page's
 * server data is fetched again so the finished result shows. A failure stays on screen with its reason.
 */
export function RunProgress({ runId, label, onFinished }: { runId: number; label: string; onFinished?: (job: JobView) => void }) {
  const router = useRouter();
  const finished = useCallback(
    (job: JobView) => {
      onFinished?.(job);
      if (job.status === "completed") router.refresh();
    },
    [onFinished, router],
  );
  const { job, error } = useJob(runId, finished);
  if (error && !job) return <Notice tone="warning">Cannot follow this computation: {error.message}</Notice>;
  if (job?.status === "failed") return <Notice tone="warning">{label} failed: {job.message}</Notice>;
  if (job?.status === "cancelled") return <Notice tone="info">{label} was cancelled. {job.message}</Notice>;
  if (job?.status === "completed") return <p role="status" className="text-sm text-slate-600">{label} finished in {job.seconds?.toFixed(1)} s.</p>;
  const fraction = job?.progress ?? null;
  return (
    <div aria-busy="true" data-testid="run-progress">
      <ProgressBar label={label} fraction={fraction} valueText={`${Math.round((fraction ?? 0) * 100)}%, ${job?.progressNote ?? "starting"}`}>
        <span role="status">{job?.progressNote ?? "Starting…"}</span>
        <span>{job?.seconds !== null && job?.seconds !== undefined ? `${job.seconds.toFixed(0)} s` : ""}</span>
      </ProgressBar>
      <div className="mt-2">
        <CancelJobButton jobId={runId} />
      </div>
    </div>
  );
}

/**
 * State for a control that starts a background job: the job being followed (one already under way when
 * the page opened, or the one just started), the start's error, and whether the start is in flight.
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
