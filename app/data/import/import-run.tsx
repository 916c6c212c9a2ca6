"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { CancelJobButton } from "@/components/run-progress";
import { Notice } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useJob } from "@/components/use-job";
import type { JobView } from "@/lib/services/jobs/job-view";
import { ImportSummary } from "./import-summary";
import { formatDuration, type ImportJobJson, STATUS_LABELS } from "./job-text";

interface Props {
  jobId: number;
  num: (n: number) => string;
  onFinished: (job: ImportJobJson) => void;
}

/** Follows one import: a live progress bar with speed and time left, Cancel, then the summary. */
export function ImportRun({ jobId, num, onFinished }: Props) {
  const router = useRouter();
  const finished = useCallback(
    (view: JobView) => {
      if (view.import) onFinished(view.import as unknown as ImportJobJson);
      // The history table below is server-rendered: fetch it again now that this job has an outcome.
      router.refresh();
    },
    [onFinished, router],
  );
  const { job: view, error } = useJob(jobId, finished);
  // Dates arrive as ISO strings: the view's JSON form.
  const job = (view?.import ?? null) as ImportJobJson | null;

  if (error && !view) return <Notice tone="warning">Cannot follow import {jobId}: {error.message}</Notice>;
  if (!view || !job) return <ProgressBar label="Import progress" fraction={null}><span>Starting…</span></ProgressBar>;

  const isDone = view.isFinished;
  const percent = job.fractionDone === null ? null : Math.round(job.fractionDone * 100);
  return (
    <div aria-busy={!isDone}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-medium" role="status">
          {job.dryRun ? "Dry run of" : "Import of"} {job.fileName}: {STATUS_LABELS[job.status] ?? job.status}
          {isDone && job.seconds !== null ? ` in ${formatDuration(job.seconds)}` : ""}
        </p>
        {!isDone ? <CancelJobButton jobId={jobId} label="Cancel import" /> : null}
      </div>
      <ProgressBar label="Import progress" fraction={job.fractionDone} valueText={`${percent ?? 0}%, ${num(job.rowsRead)} rows processed`}>
        <span>
          {view.status === "queued" ? view.progressNote : `${num(job.rowsRead)} rows processed${percent !== null ? ` · ${percent}% of the file` : ""}`}
        </span>
        {view.status === "running" ? (
          <span>
            {job.rowsPerSecond !== null ? `${num(job.rowsPerSecond)} rows/s` : "measuring speed…"}
            {job.secondsLeft !== null ? ` · about ${formatDuration(job.secondsLeft)} left` : ""}
          </span>
        ) : null}
      </ProgressBar>
      {error ? <p className="mt-2 text-sm text-amber-800">Lost touch with the server ({error.message}); still trying.</p> : null}
      {isDone ? <ImportSummary job={job} num={num} /> : null}
    </div>
  );
}
