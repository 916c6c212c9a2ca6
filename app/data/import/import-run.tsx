"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cancelImportAction } from "./actions";
import { ImportSummary } from "./import-summary";
import { formatDuration, type ImportJobJson, isFinished, STATUS_LABELS } from "./job-text";

const POLL_MS = 500;

async function fetchJob(jobId: number): Promise<ImportJobJson> {
  const res = await fetch(`/api/imports/${jobId}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (ImportJobJson & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The server answered ${res.status}.`);
  return body;
}

interface Props {
  jobId: number;
  num: (n: number) => string;
  onFinished: (job: ImportJobJson) => void;
}

/** Follows one import: a live progress bar with speed and time left, Cancel, then the summary. */
export function ImportRun({ jobId, num, onFinished }: Props) {
  const router = useRouter();
  const [cancelling, startCancel] = useTransition();
  const [cancelNote, setCancelNote] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["import-job", jobId],
    queryFn: () => fetchJob(jobId),
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : POLL_MS),
    refetchIntervalInBackground: true,
  });
  const job = query.data;
  const finished = job ? isFinished(job.status) : false;

  useEffect(() => {
    if (!job || !finished) return;
    onFinished(job);
    // The history table below is server-rendered: fetch it again now that this job has an outcome.
    router.refresh();
    // Keyed on the outcome, not on `job`, which is a new object on every poll: this runs once per job.
  }, [finished, jobId]);

  if (query.isError && !job) return <Notice tone="warning">Cannot follow import {jobId}: {query.error.message}</Notice>;
  if (!job) return <ProgressBar label="Import progress" fraction={null}><span>Starting…</span></ProgressBar>;

  const cancel = () =>
    startCancel(async () => {
      const r = await cancelImportAction({ jobId });
      setCancelNote(!r.ok ? r.message : r.data.cancelled ? "Cancelling after the current batch…" : "The import had already finished.");
    });
  const percent = job.fractionDone === null ? null : Math.round(job.fractionDone * 100);
  return (
    <div aria-busy={!finished}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-medium" role="status">
          {job.dryRun ? "Dry run of" : "Import of"} {job.fileName}: {STATUS_LABELS[job.status] ?? job.status}
          {finished && job.seconds !== null ? ` in ${formatDuration(job.seconds)}` : ""}
        </p>
        {!finished ? (
          <Button variant="danger" onClick={cancel} disabled={cancelling || cancelNote !== null}>
            Cancel import
          </Button>
        ) : null}
      </div>
      <ProgressBar label="Import progress" fraction={job.fractionDone} valueText={`${percent ?? 0}%, ${num(job.rowsRead)} rows processed`}>
        <span>
          {num(job.rowsRead)} rows processed{percent !== null ? ` · ${percent}% of the file` : ""}
        </span>
        {!finished ? (
          <span>
            {job.rowsPerSecond !== null ? `${num(job.rowsPerSecond)} rows/s` : "measuring speed…"}
            {job.secondsLeft !== null ? ` · about ${formatDuration(job.secondsLeft)} left` : ""}
          </span>
        ) : null}
      </ProgressBar>
      {cancelNote && !finished ? <p className="mt-2 text-sm text-slate-600">{cancelNote}</p> : null}
      {query.isError ? <p className="mt-2 text-sm text-amber-800">Lost touch with the server ({query.error.message}); still trying.</p> : null}
      {finished ? <ImportSummary job={job} num={num} /> : null}
    </div>
  );
}
